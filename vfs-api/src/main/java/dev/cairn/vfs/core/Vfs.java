package dev.cairn.vfs.core;

import dev.cairn.vfs.VirtualFilesystem;

/** Entry point of the core implementation; everything else in the package is package-private. */
public final class Vfs {
    private Vfs() {
    }

    /** A new, empty VFS (see {@link VirtualFilesystem#create(String)}). */
    public static VirtualFilesystem create(String name) {
        return new CoreVfs(name);
    }
}
