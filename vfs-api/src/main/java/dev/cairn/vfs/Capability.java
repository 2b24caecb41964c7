package dev.cairn.vfs;

/** Linux capabilities that the VFS and the devices check, with their Linux numbers. */
public enum Capability {
    CAP_CHOWN(0),
    CAP_DAC_OVERRIDE(1),
    CAP_DAC_READ_SEARCH(2),
    CAP_FOWNER(3),
    CAP_FSETID(4),
    CAP_KILL(5),
    CAP_SETGID(6),
    CAP_SETUID(7),
    CAP_LINUX_IMMUTABLE(9),
    CAP_NET_ADMIN(12),
    CAP_SYS_CHROOT(18),
    CAP_SYS_ADMIN(21),
    CAP_SYS_RESOURCE(24),
    CAP_MKNOD(27);

    private final int number;

    Capability(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
