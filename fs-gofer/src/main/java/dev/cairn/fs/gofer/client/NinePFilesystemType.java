package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Message;
import dev.cairn.fs.gofer.p9.Message.*;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.spi.Filesystem;
import dev.cairn.vfs.spi.FilesystemType;
import dev.cairn.vfs.spi.MountContext;
import java.nio.channels.ByteChannel;
import java.time.Duration;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code 9p} filesystem type: a 9P2000.L client over a connection handed over by boot
 * ({@code trans=fd}) or opened to an outside server ({@code trans=tcp}, {@code trans=unix}).
 */
@Component(service = FilesystemType.class, property = FilesystemType.NAME_PROPERTY + "=9p")
public final class NinePFilesystemType implements FilesystemType {
    /** How long one request may wait for its reply before it fails with EIO. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "9p";
    }

    @Override
    public Filesystem newFilesystem(MountContext context) throws ErrnoException {
        MountConfig cfg = MountConfig.parse(context.options());
        ByteChannel ch = Connections.open(context, cfg);
        P9Client client;
        try {
            client = P9Client.connect(ch, cfg.msize(), TIMEOUT);
        } catch (ErrnoException e) {
            closeQuietly(ch);
            throw e;
        }
        try {
            int rootFid = client.newFid();
            String aname = cfg.aname();
            client.call(new Tattach(rootFid, Message.NOFID, "root", aname, 0), Rattach.class,
                    "9p: attach \"" + aname + "\"");
            return new P9Filesystem(client, rootFid, cfg, context.options().raw());
        } catch (ErrnoException e) {
            client.close();
            throw e;
        }
    }

    private static void closeQuietly(ByteChannel ch) {
        try {
            ch.close();
        } catch (java.io.IOException e) {
            // the mount failed anyway
        }
    }
}
