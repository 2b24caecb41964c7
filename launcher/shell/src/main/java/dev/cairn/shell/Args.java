package dev.cairn.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Getopt-style parsing of a command's arguments: single-letter flags that may be combined
 * ({@code -rf}), options taking a value ({@code -t tmpfs} or {@code -ttmpfs}), {@code --}
 * ending the options. Operands and options may be mixed, as GNU tools allow.
 */
final class Args {
    private final Set<Character> flags = new HashSet<>();
    private final Map<Character, String> values = new HashMap<>();
    private final List<String> operands = new ArrayList<>();

    private Args() {
    }

    /**
     * @param cmd        command name for error messages
     * @param flagChars  letters that are plain flags
     * @param valueChars letters that take a value
     * @throws ShellException for an unknown option or a missing value, worded like GNU tools
     */
    static Args parse(String cmd, String[] argv, String flagChars, String valueChars) throws ShellException {
        Args a = new Args();
        boolean optionsDone = false;
        String[] args = argv == null ? new String[0] : argv;
        for (int i = 0; i < args.length; i++) {
            String s = args[i];
            if (optionsDone || s.length() < 2 || s.charAt(0) != '-') {
                a.operands.add(s);
                continue;
            }
            if (s.equals("--")) {
                optionsDone = true;
                continue;
            }
            if (s.startsWith("--")) {
                throw new ShellException(cmd + ": unrecognized option '" + s + "'");
            }
            for (int j = 1; j < s.length(); j++) {
                char c = s.charAt(j);
                if (flagChars.indexOf(c) >= 0) {
                    a.flags.add(c);
                } else if (valueChars.indexOf(c) >= 0) {
                    String v;
                    if (j + 1 < s.length()) {
                        v = s.substring(j + 1);
                    } else if (i + 1 < args.length) {
                        v = args[++i];
                    } else {
                        throw new ShellException(cmd + ": option requires an argument -- '" + c + "'");
                    }
                    a.values.put(c, v);
                    break;
                } else {
                    throw new ShellException(cmd + ": invalid option -- '" + c + "'");
                }
            }
        }
        return a;
    }

    boolean has(char flag) {
        return flags.contains(flag);
    }

    String value(char option) {
        return values.get(option);
    }

    List<String> operands() {
        return operands;
    }

    /** The operands, or a GNU-style "missing operand" error when there are fewer than {@code min}. */
    List<String> operands(String cmd, int min) throws ShellException {
        if (operands.size() < min) {
            if (operands.isEmpty()) {
                throw new ShellException(cmd + ": missing operand");
            }
            throw new ShellException(cmd + ": missing operand after '" + operands.get(operands.size() - 1) + "'");
        }
        return operands;
    }
}
