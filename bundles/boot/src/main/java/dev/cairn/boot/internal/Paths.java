package dev.cairn.boot.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/** Lexical path cleaning for spec destinations (as Go's path.Clean for absolute paths). */
final class Paths {
    private Paths() {
    }

    /**
     * The shortest equivalent of an absolute path: repeated and trailing slashes, "." and
     * ".." resolved lexically ("/.." is "/").
     *
     * @throws IllegalArgumentException when {@code path} is not absolute
     */
    static String clean(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }
}
