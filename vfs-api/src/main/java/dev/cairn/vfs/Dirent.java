package dev.cairn.vfs;

/**
 * One directory entry as getdents64 returns it.
 *
 * @param name   entry name ("." and ".." included, first)
 * @param ino    inode number
 * @param type   file type (d_type)
 * @param offset the d_off cookie: lseek to it resumes right after this entry
 */
public record Dirent(String name, long ino, FileType type, long offset) {
}
