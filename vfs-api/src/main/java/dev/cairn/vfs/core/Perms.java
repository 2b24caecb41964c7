package dev.cairn.vfs.core;

import dev.cairn.vfs.Capability;
import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.FileType;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.spi.NodeAttrs;

/** Linux permission rules (generic_permission, inode_init_owner, setattr_prepare). */
final class Perms {
    static final int MAY_EXEC = 1;
    static final int MAY_WRITE = 2;
    static final int MAY_READ = 4;

    static final int S_ISUID = 04000;
    static final int S_ISGID = 02000;
    static final int S_ISVTX = 01000;
    static final int S_IXGRP = 00010;

    private Perms() {
    }

    /** generic_permission: owner/group/other bits, then CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH. */
    static boolean permitted(Credentials c, int mode, int uid, int gid, int want) {
        int bits;
        if (c.uid() == uid) {
            bits = (mode >> 6) & 7;
        } else if (c.inGroup(gid)) {
            bits = (mode >> 3) & 7;
        } else {
            bits = mode & 7;
        }
        if ((want & ~bits) == 0) {
            return true;
        }
        boolean dir = (mode & FileType.S_IFMT) == FileType.DIRECTORY.bits();
        if (dir) {
            if (c.has(Capability.CAP_DAC_OVERRIDE)) {
                return true;
            }
            return (want & MAY_WRITE) == 0 && c.has(Capability.CAP_DAC_READ_SEARCH);
        }
        if (c.has(Capability.CAP_DAC_OVERRIDE) && ((want & MAY_EXEC) == 0 || (mode & 0111) != 0)) {
            return true;
        }
        return want == MAY_READ && c.has(Capability.CAP_DAC_READ_SEARCH);
    }

    static boolean permitted(Credentials c, Stat st, int want) {
        return permitted(c, st.mode(), st.uid(), st.gid(), want);
    }

    /** Search permission on directories is always granted to these credentials. */
    static boolean searchesAll(Credentials c) {
        return c.has(Capability.CAP_DAC_OVERRIDE) || c.has(Capability.CAP_DAC_READ_SEARCH);
    }

    /**
     * Write+search on any directory and the sticky rule are granted anyway (CAP_DAC_OVERRIDE
     * and CAP_FOWNER), so removing an entry needs no look at the directory's attributes.
     */
    static boolean overridesDirChecks(Credentials c) {
        return c == Credentials.root()
                || (c.has(Capability.CAP_DAC_OVERRIDE) && c.has(Capability.CAP_FOWNER));
    }

    /** The caller owns the file or has CAP_FOWNER (inode_owner_or_capable). */
    static boolean ownerOrCapable(Credentials c, Stat st) {
        return c.uid() == st.uid() || c.has(Capability.CAP_FOWNER);
    }

    /**
     * Owner and mode of a new node: type bits | (perm & ~umask), owned by the caller, group
     * from a setgid parent (directories then inherit S_ISGID; a file's S_ISGID is dropped
     * when the caller is not in that group and lacks CAP_FSETID).
     */
    static NodeAttrs newNodeAttrs(Credentials c, Stat parent, int typeBits, int perm, int umask,
                                  int major, int minor) {
        int mode = perm & ~(umask & 0777);
        int gid = c.gid();
        if ((parent.mode() & S_ISGID) != 0) {
            gid = parent.gid();
            if (typeBits == FileType.DIRECTORY.bits()) {
                mode |= S_ISGID;
            } else if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)
                    && !c.inGroup(gid) && !c.has(Capability.CAP_FSETID)) {
                mode &= ~S_ISGID;
            }
        }
        return new NodeAttrs(typeBits | (mode & 07777), c.uid(), gid, major, minor);
    }

    /**
     * The setuid/setgid bits a write or truncate by {@code c} must clear (file_remove_privs):
     * S_ISUID always, S_ISGID when group-executable; nothing with CAP_FSETID.
     */
    static int privsToKill(Credentials c, int mode) {
        if ((mode & (S_ISUID | S_ISGID)) == 0 || c.has(Capability.CAP_FSETID)) {
            return 0;
        }
        int kill = mode & S_ISUID;
        if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)) {
            kill |= S_ISGID;
        }
        return kill;
    }
}
