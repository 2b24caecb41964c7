package dev.cairn.vfs;

import java.util.Objects;

/**
 * The one checked exception of the VFS: a Linux {@link Errno} plus a message that names the
 * offending path, option or field. {@link #getMessage()} reads like a shell error, e.g.
 * {@code "ENOENT: /etc/missing: No such file or directory"}.
 *
 * <p>Errnos are ordinary results (ENOENT on every failed lookup), so by default these
 * exceptions carry no stack trace: filling one in costs more than the operation. Set the
 * system property {@code cairn.errno.stackTraces=true} to get stack traces for debugging.
 * The cause, when given, is kept either way.
 */
public class ErrnoException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final boolean STACK_TRACES = Boolean.getBoolean("cairn.errno.stackTraces");

    private final Errno errno;
    private final String detail;

    public ErrnoException(Errno errno, String detail) {
        this(errno, detail, null);
    }

    public ErrnoException(Errno errno, String detail, Throwable cause) {
        super(format(errno, detail), cause, true, STACK_TRACES);
        this.errno = Objects.requireNonNull(errno, "errno");
        this.detail = detail == null ? "" : detail;
    }

    private static String format(Errno errno, String detail) {
        Objects.requireNonNull(errno, "errno");
        return detail == null || detail.isEmpty()
                ? errno.name() + ": " + errno.message()
                : errno.name() + ": " + detail + ": " + errno.message();
    }

    public Errno errno() {
        return errno;
    }

    /** What the error is about (a path, an option, a field), without the errno text. */
    public String detail() {
        return detail;
    }

    /** The same errno with more context in front, e.g. the path an operation was on. */
    public ErrnoException withContext(String context) {
        String d = detail.isEmpty() ? context : context + ": " + detail;
        ErrnoException e = new ErrnoException(errno, d, this);
        return e;
    }
}
