package dev.cairn.vfs.tck.memfs;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.MountContext;
import java.util.Set;

/**
 * "memfs": a small in-memory filesystem written against the SPI only, so the kit can be run
 * (and its own tests can prove the suites work) without depending on fs-tmpfs. Dense file
 * data (no holes), every other optional behaviour present. Options: {@code mode=OCTAL}, and
 * {@code fault=NAME[+NAME...]} to break it on purpose, so the kit's own tests can prove that
 * the suites notice: {@code nlink} (link does not count), {@code cookies} (readdir ignores
 * its cookie beyond the first batch), {@code xattr-replace} (XATTR_REPLACE ignored),
 * {@code chmod} (mode changes ignored), {@code rename-replaced} (a replaced target keeps its
 * link), {@code ctime} (attribute changes leave ctime alone).
 */
public final class MemFsType implements FilesystemType {
    public static final String NAME = "memfs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Filesystem newFilesystem(MountContext context) throws ErrnoException {
        context.options().requireOnly(NAME, Set.of("mode", "fault"));
        Set<String> faults = Set.of(context.options().get("fault").orElse("").split("\\+"));
        int mode = 01777;
        String m = context.options().get("mode").orElse(null);
        if (m != null) {
            try {
                mode = Integer.parseInt(m, 8) & 07777;
            } catch (NumberFormatException e) {
                throw dev.cairn.vfs.Errno.EINVAL.exception(NAME + ": bad mode \"" + m + "\"");
            }
        }
        return new MemFs(mode, context.credentials().uid(), context.credentials().gid(), faults);
    }
}
