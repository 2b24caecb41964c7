package dev.cairn.boot.api;

/**
 * How a gofer-backed ({@code 9p}) mount's files may change behind the sandbox's back,
 * as runsc's {@code --file-access} settings.
 */
public enum FileAccess {
    /**
     * Only this sandbox changes the files: dentries, attributes and data are cached
     * (9p {@code cache=fscache}).
     */
    EXCLUSIVE,
    /**
     * The host (or another sandbox) may change the files too: every access revalidates and
     * writes go through (9p {@code cache=remote_revalidating}).
     */
    SHARED
}
