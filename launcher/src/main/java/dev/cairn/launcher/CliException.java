package dev.cairn.launcher;

/** A launcher failure to report in plain words on stderr (exit status 1). */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
