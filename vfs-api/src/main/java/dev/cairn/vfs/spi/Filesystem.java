package dev.cairn.vfs.spi;

import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.StatFs;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One filesystem instance (a Linux superblock). Mounts of it share its nodes.
 *
 * <p>The core assigns the device number (an anonymous 0:N) and puts it in every stat.
 */
@ConsumerType
public interface Filesystem {
    /** The root node; the same object for the life of the filesystem. */
    Node root();

    /** statfs(2). Default: an unlimited in-memory filesystem of unknown magic. */
    default StatFs statfs() throws ErrnoException {
        return StatFs.unlimited(0);
    }

    /**
     * The filesystem-specific part of the super options in /proc/self/mountinfo, without
     * the leading "rw"/"ro" (the core adds that), e.g. {@code "size=65536k,mode=1777"}.
     * Empty when there is nothing to show.
     */
    default String superOptions() {
        return "";
    }

    /**
     * True when cached lookups must be checked with {@link Node#revalidate} before use
     * (a remote filesystem shared with others). Default false: the core's dentry cache is
     * authoritative, as for tmpfs.
     */
    default boolean revalidates() {
        return false;
    }

    /**
     * Called once when the last mount of this filesystem is gone and no open file refers to
     * it. Release connections and memory here. Must not throw.
     */
    default void release() {
    }
}
