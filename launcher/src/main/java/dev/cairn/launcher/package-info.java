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
 * </ul>
 */
package dev.cairn.launcher;
