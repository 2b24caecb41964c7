package dev.cairn.vfs.core;

import dev.cairn.vfs.VirtualFilesystem;

/** Entry point of the core implementation (package-private otherwise). */
public final class Vfs {
    private Vfs() {
    }

    public static VirtualFilesystem create(String name) {
        throw new IllegalStateException("core under construction");
    }
}
