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

    /**
     * Whether boot mounts this over a gofer connection: type {@code bind} or option
     * {@code bind}/{@code rbind}, unless the destination is /dev or /dev/pts (forced to
     * devtmpfs and devpts). Destinations are compared after lexical cleaning; a destination
     * that is not absolute is never a gofer mount (boot rejects the spec).
     */
    public boolean servedByGofer() {
        boolean bind = "bind".equals(type) || options.contains("bind") || options.contains("rbind");
        if (!bind || destination == null || !destination.startsWith("/")) {
            return false;
        }
        String d = clean(destination);
        return !d.equals("/dev") && !d.equals("/dev/pts");
    }

    private static String clean(String path) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.equals("..")) {
                parts.pollLast();
            } else if (!p.isEmpty() && !p.equals(".")) {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }
}
