package dev.cairn.vfs.core;

/** UTF-8 byte lengths without encoding (Linux limits are in bytes). */
final class Utf8 {
    private Utf8() {
    }

    static int length(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static int length(String s) {
        return length(s, 0, s.length());
    }
}
