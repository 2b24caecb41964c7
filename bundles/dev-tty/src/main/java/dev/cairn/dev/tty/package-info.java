/**
 * {@code /dev/tty} (char 5:0, mode 0666): the opening task's controlling terminal. Private
 * package; the device is reachable only as a {@code CharDevice} service.
 *
 * <p>Opening it gives ENXIO when the task has no controlling terminal (as Linux does for a
 * process without one, e.g. after {@code setsid}). Otherwise the new open file passes every
 * operation (read, write, append, lseek, ioctl, poll, fsync, fallocate) to the terminal's own
 * open file, which the core hands over through
 * {@link dev.cairn.vfs.spi.DeviceOpenContext#controllingTerminal()}. Closing the /dev/tty
 * description does not close the terminal: that open file belongs to whoever gave the task
 * its terminal and stays usable through the task's other descriptors.
 */
package dev.cairn.dev.tty;
