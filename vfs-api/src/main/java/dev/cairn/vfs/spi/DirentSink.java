package dev.cairn.vfs.spi;

import dev.cairn.vfs.FileType;
import org.osgi.annotation.versioning.ProviderType;

/** Receives directory entries from {@link Node#readdir}. Provided by the core. */
@ProviderType
@FunctionalInterface
public interface DirentSink {
    /**
     * Offers one entry.
     *
     * @param name       the entry's name (never "." or "..": the core emits those)
     * @param ino        its inode number
     * @param type       its file type
     * @param nextCookie the cookie that resumes the listing after this entry; positive and
     *                   below 2^62 (the core reserves higher positions for entries it adds)
     * @return false when the caller's buffer is full: stop, this entry was not taken
     */
    boolean accept(String name, long ino, FileType type, long nextCookie);
}
