/**
 * vfs-tck: the conformance kit every Cairn filesystem type runs (tmpfs now; overlay, 9p and
 * fuse later). A plain jar used in test scope, not an OSGi bundle.
 *
 * <h2>Using it</h2>
 * A filesystem module's test extends {@link dev.cairn.vfs.tck.VfsTck} (all suites as nested
 * classes) or single suites ({@code PathResolutionTck}, {@code PermissionTck},
 * {@code OpenFlagsTck}, {@code FileDataTck}, {@code LinkTck}, {@code RenameTck},
 * {@code ReaddirTck}, {@code TimestampTck}, {@code XattrTck}, {@code MknodTck},
 * {@code DeviceTck}, {@code ConcurrencyTck}, {@code ErrnoMatrixTck}, {@code LimitsTck},
 * {@code StatfsTck}, {@code MountTck}) and implements
 * {@link dev.cairn.vfs.tck.TckFixture}: a fresh VFS with the type registered, the root mount
 * request, and the {@link dev.cairn.vfs.tck.TckFeature}s it has. Tests needing an absent
 * feature are skipped with the feature's name as the reason.
 *
 * <h2>Linux as the oracle</h2>
 * Most behaviour is written as rows of {@link dev.cairn.vfs.tck.OracleCases}: an operation
 * sequence in a small language ({@link dev.cairn.vfs.tck.OpRunner}) plus the result the table
 * expects of the last operation. {@link dev.cairn.vfs.tck.HostOracle} runs every row once per
 * JVM on a fresh host tmpfs through python3's {@code os} module ({@code oracle.py}: one process,
 * a forked child chrooted into its own directory per row; "as UID GID GROUPS" switches the
 * effective ids with the saved uid kept at 0, which also drops the effective capabilities as
 * Linux does for a non-zero euid). Each row then runs on a fresh VFS of the fixture; its last
 * result must equal the table, and with {@link dev.cairn.vfs.tck.TckFeature#HOST_ORACLE}
 * every result must equal Linux's. The host part is skipped (the {@code HostOracleStatus} test
 * says why) when not root, when python3 or mount(8) is missing, on a non-Linux host, or with
 * {@code -Dcairn.tck.hostOracle=false}; rows are then checked against the table alone.
 * The table itself is checked against the host by the module's own tests, so a wrong
 * expectation cannot hide. {@code MatrixCases} adds generated rows without
 * a written expectation (every path operation on every kind of path, as root, as a user, in
 * a sticky directory and on a read-only mount; rename/link for every pair of paths; every fd
 * operation on every kind of description): those only run where the host oracle does.
 * A row may name the Linux version it describes ({@code since}); an older host kernel's
 * answer is then not compared.
 *
 * <p>The host script works around two places where Python or glibc do not show the
 * kernel's answer: {@code os.link} without AT_SYMLINK_FOLLOW, and readdir's conversion of
 * getdents64's ENOENT (a removed directory) into an empty listing; it calls linkat and
 * getdents64 itself (syscall numbers for x86-64, aarch64 and riscv64).
 *
 * <p>What a python process cannot play (single capabilities, concurrency, times, readdir
 * cookies, mounts, devices) is written as plain JUnit tests in the suites, with Linux's rules
 * in their names. The mount-table suite has its text parsed by util-linux {@code findmnt
 * --tab-file} when installed (skipped otherwise).
 *
 * <h2>Stat strings</h2>
 * Rows compare stats as {@code "reg 0644 n1 u0 g0 s5"}: type, permission bits, link count,
 * owner, group, and size for regular files and symlinks only (directory sizes differ between
 * filesystems and are not a contract), {@code rMAJ:MIN} for device nodes. Times are not part
 * of rows; {@code TimestampTck} checks them.
 */
package dev.cairn.vfs.tck;
