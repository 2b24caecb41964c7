package dev.cairn.shell;

/**
 * A failed shell command. Its message is what a Linux tool prints on stderr, e.g.
 * {@code ls: cannot access '/x': No such file or directory}; several lines when a command
 * failed on several operands. Throwing it makes Gogo report failure, so {@code cairn run -c}
 * exits non-zero.
 */
public class ShellException extends Exception {
    private static final long serialVersionUID = 1L;

    ShellException(String message) {
        super(message);
    }

    /** Java's default {@code toString} would put the class name in front; Linux tools do not. */
    @Override
    public String toString() {
        return getMessage();
    }
}
