package dev.cairn.itests.hellofs;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.MountContext;
import dev.cairn.vfs.spi.Node;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * A third-party filesystem written only against the exported API: a read-only directory
 * holding one file, {@code hello.txt}, whose content is the {@code greeting=} mount option
 * plus a newline ("Hello" by default). Unknown options are EINVAL.
 */
@Component(service = FilesystemType.class, property = FilesystemType.NAME_PROPERTY + "=" + HelloType.NAME)
public class HelloType implements FilesystemType {
    static final String NAME = "hello";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Filesystem newFilesystem(MountContext context) throws ErrnoException {
        context.options().requireOnly(NAME, Set.of("greeting"));
        String greeting = context.options().get("greeting").orElse("Hello");
        byte[] text = (greeting + "\n").getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() * 1_000_000L;
        Node root = new HelloDirectory(new HelloFile(text, now), now);
        return () -> root;
    }
}
