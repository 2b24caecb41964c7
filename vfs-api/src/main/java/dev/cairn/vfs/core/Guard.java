package dev.cairn.vfs.core;

import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a RuntimeException or LinkageError escaping a filesystem or device into EIO. */
final class Guard {
    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

    private Guard() {
    }

    static ErrnoException eio(Throwable t, String what) {
        LOG.warn("{}: a filesystem or device failed; reporting EIO", what, t);
        return new ErrnoException(Errno.EIO, what + " (" + t + ")", t);
    }
}
