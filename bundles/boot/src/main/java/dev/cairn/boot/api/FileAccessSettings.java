package dev.cairn.boot.api;

import java.util.Objects;

/**
 * File access of a sandbox's gofer mounts (SEMANTICS.md "Container mount setup" step 8):
 * one setting for a {@code 9p} root, one for every bind mount.
 *
 * @param root   access of a {@code 9p} root (default exclusive)
 * @param mounts access of bind mounts (default shared)
 */
public record FileAccessSettings(FileAccess root, FileAccess mounts) {
    /** Root exclusive, bind mounts shared, as the reference's defaults. */
    public static final FileAccessSettings DEFAULT = new FileAccessSettings(FileAccess.EXCLUSIVE, FileAccess.SHARED);

    public FileAccessSettings {
        Objects.requireNonNull(root, "root file access");
        Objects.requireNonNull(mounts, "mounts file access");
    }
}
