/**
 * The {@code cairn} launcher: a plain jar (not a bundle) that embeds Felix.
 *
 * <p>Decisions:
 * <ul>
 * <li>Distribution: {@code target/cairn/lib} (this jar, Felix, picocli; the jar's manifest
 *     class path names them) and {@code target/cairn/bundles} (every bundle Felix installs,
 *     version-stripped file names). Start level 1: ASM, SPI Fly, slf4j-api, slf4j-simple, in
 *     that order; level 2: everything else, entered after level 1 is reached.</li>
 * <li>Framework storage: a fresh temp directory per process, deleted at exit, so concurrent
 *     {@code cairn} processes never share state.</li>
 * <li>Bundle services are called by reflection ({@link dev.cairn.launcher.Reflect}); the system
 *     bundle exports no Cairn package, so the bundles' own API versions are always the ones used.</li>
 * <li>The interactive shell is the launcher's own line loop over one Gogo session (gogo.shell's
 *     console is switched off with {@code gosh.args}): errors print as the Linux tools word
 *     them, results that are plain booleans are not echoed, and the session is attached to the
 *     sandbox before the first prompt. gogo.shell's builtins ({@code each}, {@code if},
 *     {@code set}, ...) stay available; gogo.command is not installed.</li>
 * <li>{@code run -c} splits the text at top-level {@code ;} and newlines and executes each
 *     command separately, stopping at the first failure (exit 1).</li>
 * <li>Hot deploy: FileInstall polls the deploy directory every second, starts new bundles at
 *     level 2 and never writes configurations back; {@code run} waits (bounded) until every
 *     jar there is active and every {@code .cfg}/{@code .config} is in Configuration Admin.</li>
 * <li>Host directories ({@code --root}, {@code --bind}): one gofer process per distinct
 *     export (directory, read-only flag), each listening on a Unix socket in a private 0700
 *     directory; one connection per mount, in {@code SandboxSpec.goferSources()} order, handed
 *     to {@code SandboxManager.create(spec, connections)}; the sockets are removed once
 *     connected ({@link dev.cairn.launcher.Gofers}). The gofer runs
 *     {@link dev.cairn.launcher.GoferChild} on a class path of the distribution's bundle jars
 *     (fs-gofer, vfs-api, JNA, slf4j) plus this jar, and exits when its stdin (held by the
 *     launcher) closes. A gofer's death is printed on stderr; its mounts then fail with EIO.
 *     Shutdown order: sandbox, gofers, framework.</li>
 * <li>{@code cairn gofer} runs the gofer server in the launcher's own process, from a class
 *     loader over the same jars; Felix is not started.</li>
 * </ul>
 */
package dev.cairn.launcher;
