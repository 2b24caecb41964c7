package dev.cairn.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of {@code cairn run -c} into single commands at top-level {@code ;} and
 * newlines, the way Gogo itself separates statements: separators inside quotes, braces
 * (closures), brackets or parentheses, or escaped with a backslash, do not split. Empty
 * commands are dropped.
 */
final class CommandSplitter {
    private CommandSplitter() {
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && quote != '\'') {
                cur.append(c).append(text.charAt(++i));
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
                continue;
            }
            switch (c) {
                case '"', '\'' -> quote = c;
                case '{', '[', '(' -> depth++;
                case '}', ']', ')' -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
            if ((c == ';' || c == '\n') && depth == 0) {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().trim();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
