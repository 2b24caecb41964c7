package dev.cairn.vfs.spi;

/**
 * Owner and mode for a node being created, computed by the core from the caller's
 * credentials, umask, and the parent's setgid bit, so that every filesystem gets Linux's
 * rules without implementing them.
 *
 * @param mode      file type bits plus permission bits (umask applied)
 * @param uid       owner
 * @param gid       group (the parent's group when the parent is setgid)
 * @param rdevMajor device major for character and block device nodes, else 0
 * @param rdevMinor device minor for character and block device nodes, else 0
 */
public record NodeAttrs(int mode, int uid, int gid, int rdevMajor, int rdevMinor) {
    public NodeAttrs(int mode, int uid, int gid) {
        this(mode, uid, gid, 0, 0);
    }
}
