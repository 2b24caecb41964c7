/**
 * Cairn's Gogo commands (bundle {@code dev.cairn.shell}, private package, one DS component).
 *
 * <p>Decisions:
 * <ul>
 * <li>Every command acts inside a sandbox as the Gogo session's own {@link dev.cairn.vfs.Task}
 *     (root credentials), created on first use from the {@code SandboxManager}'s sandbox named
 *     by the session variable {@code cairn.sandbox} (set by {@code attach}), else the first one.
 *     A task whose sandbox went away is replaced by a fresh one on the next command.</li>
 * <li>Host isolation: the session gets {@code SCOPE=cairn:*} (Cairn's {@code ls}, {@code cat},
 *     {@code cd}, {@code echo} win over any other scope), Gogo's globbing is off (it would
 *     expand against the host), and both Gogo's current directory (redirections {@code >},
 *     {@code >>}, {@code <}) and gogo.shell's {@code _cwd} (its {@code cat}, {@code grep FILE},
 *     {@code tac FILE}, {@code source}) point into a file system without files, so those fail
 *     with a message instead of touching host files. Gogo still lets a user call arbitrary Java
 *     (e.g. {@code new java.io.File ...}): it is not a security boundary, and Cairn does not
 *     claim it is.</li>
 * <li>Output goes to {@code System.out}, which Gogo's ThreadIO routes per thread to the
 *     statement's stdout (console or pipe). Errors are thrown as {@link ShellException} with the
 *     text the Linux tool prints; commands with several operands report every failing operand.</li>
 * <li>Arguments are taken as {@code Object[]} and turned into words, so Gogo literals
 *     ({@code true}, {@code false}) behave as words. A lone {@code null} argument is Gogo's null
 *     literal and must be quoted.</li>
 * <li>{@code write FILE TEXT...} / {@code append} write the words joined by spaces plus a
 *     newline (what {@code echo TEXT > FILE} would give on Linux). {@code chmod} without
 *     u/g/o/a does not apply the umask (coreutils does). {@code ls} sorts in byte order and has
 *     no time column; {@code stat} prints numeric ids only.</li>
 * </ul>
 */
package dev.cairn.shell;
