package dev.cairn.fs.tmpfs;

/**
 * One name in a directory. {@code seq} is the entry's readdir cookie, unique and increasing
 * within its directory.
 */
record TmpfsDirEntry(String name, TmpfsNode node, long seq) {
}
