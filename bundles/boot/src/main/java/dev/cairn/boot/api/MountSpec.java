package dev.cairn.boot.api;

import java.util.List;

/**
 * One mount of a sandbox spec, as an OCI runtime spec's {@code mounts[]} entry.
 *
 * @param destination absolute path in the container
 * @param type        filesystem type ("tmpfs", "proc", "bind", ...)
 * @param source      source (host path for bind mounts)
 * @param options     OCI options: flags (ro, noexec, ...) and fs data (mode=0755, ...)
 */
public record MountSpec(String destination, String type, String source, List<String> options) {
    public MountSpec {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
