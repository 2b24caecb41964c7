/**
 * The memory character devices: {@code /dev/null} (1:3), {@code /dev/zero} (1:5),
 * {@code /dev/full} (1:7), {@code /dev/random} (1:8) and {@code /dev/urandom} (1:9), all mode
 * 0666. Private package: the devices are only reachable as {@code CharDevice} services.
 *
 * <h2>Behaviour (checked against Linux 6.18 on the build machine)</h2>
 * <ul>
 * <li>null: read is end of file, write (and pwrite) accepts and discards everything.</li>
 * <li>zero: reads fill the whole buffer with zeros, writes are discarded.</li>
 * <li>full: reads fill the buffer with zeros, every write fails with ENOSPC, even one of
 * zero bytes (Linux does the same).</li>
 * <li>random, urandom: reads fill the whole buffer from a non-blocking
 * {@link java.security.SecureRandom} (NativePRNGNonBlocking where the JDK has it); writes are
 * accepted and dropped (Linux would mix them into the pool; nothing here is credited).</li>
 * <li>lseek: Linux answers 0 for every one of the five devices, whatever the offset and
 * whence (0..4; anything else is EINVAL). null, zero and full use {@code null_lseek}, which
 * resets the offset to 0. SEMANTICS.md says random's "offset advances (noop llseek)": on
 * Linux random/urandom use {@code noop_llseek}, which returns the unchanged file position,
 * but their reads never advance that position, so lseek also always gives 0
 * ({@code /proc/self/fdinfo} shows {@code pos: 0} after reads). Cairn matches Linux: 0.</li>
 * <li>ioctl: ENOTTY; poll: always readable and writable.</li>
 * </ul>
 *
 * <h2>Known difference</h2>
 * The core keeps the description offset and advances it by the bytes a read returns; Linux
 * leaves it at 0 for these devices. The next lseek puts it back to 0, so only fdinfo-style
 * introspection between a read and an lseek can tell.
 *
 * <h2>Why one component registers five services</h2>
 * A bundle has exactly one DS component. A DS component provides one service object, but each
 * {@link dev.cairn.vfs.spi.CharDevice} is one (major, minor), so {@link MemDevicesComponent}
 * registers the five devices itself through its {@code BundleContext} when activated, each
 * with {@code cairn.device=<major>:<minor>}, and unregisters them when deactivated.
 */
package dev.cairn.dev.mem;
