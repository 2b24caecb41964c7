package dev.cairn.vfs.tck;

import static dev.cairn.vfs.tck.TckFeature.FIFO;
import static dev.cairn.vfs.tck.TckFeature.HARD_LINKS;
import static dev.cairn.vfs.tck.TckFeature.PERMISSIONS;
import static dev.cairn.vfs.tck.TckFeature.SYMLINKS;
import static dev.cairn.vfs.tck.TckFeature.XATTR_TRUSTED;
import static dev.cairn.vfs.tck.TckFeature.XATTR_USER;

import java.util.List;

/** Oracle rows for extended attributes (user.* and trusted.*). */
final class XattrCases {
    private XattrCases() {
    }

    static List<OracleCase> cases() {
        // tmpfs has user.* xattrs since Linux 6.6.
        OracleTable t = new OracleTable("xattr").needs(XATTR_USER).since(6, 6);
        t.c("set then get", "ok v1", "put f x", "setxattr f user.a v1", "getxattr f user.a");
        t.c("get of a missing attribute", "ENODATA", "put f x", "getxattr f user.a");
        t.c("XATTR_CREATE of an existing attribute", "EEXIST", "put f x", "setxattr f user.a v", "setxattr f user.a w create");
        t.c("XATTR_REPLACE of a missing attribute", "ENODATA", "put f x", "setxattr f user.a w replace");
        t.c("XATTR_REPLACE of an existing attribute", "ok w", "put f x", "setxattr f user.a v",
                "setxattr f user.a w replace", "getxattr f user.a");
        t.c("set without flags overwrites", "ok w", "put f x", "setxattr f user.a v", "setxattr f user.a w",
                "getxattr f user.a");
        t.c("list shows every name", "ok user.a,user.b", "put f x", "setxattr f user.b 1", "setxattr f user.a 2",
                "listxattr f");
        t.c("list of a file without attributes", "ok ", "put f x", "listxattr f");
        t.c("remove then get", "ENODATA", "put f x", "setxattr f user.a v", "removexattr f user.a", "getxattr f user.a");
        t.c("remove of a missing attribute", "ENODATA", "put f x", "removexattr f user.a");
        t.c("an empty value", "ok ", "put f x", "setxattr f user.e ", "getxattr f user.e");
        t.c("user attributes on a directory", "ok d", "mkdir d 0755", "setxattr d user.a d", "getxattr d user.a");
        t.c("an unknown namespace", "EOPNOTSUPP", "put f x", "setxattr f foo.a v");
        t.c("a name of 256 bytes", "ERANGE", "put f x", "setxattr f user." + "n".repeat(251) + " v");
        t.c("a name of 255 bytes", "ok v", "put f x", "setxattr f user." + "n".repeat(250) + " v",
                "getxattr f user." + "n".repeat(250));
        t.c("attributes of a missing file", "ENOENT", "getxattr nope user.a");
        t.c("attributes survive a rename", "ok v", "put f x", "setxattr f user.a v", "rename f g", "getxattr g user.a");
        t.c("a value of 64 KiB", "ok", "put f x", "setxattr f user.big " + "v".repeat(65536));
        t.c("a value over 64 KiB", "E2BIG", "put f x", "setxattr f user.big " + "v".repeat(65537));
        t.c("getxattr with a trailing slash on a file", "ENOTDIR", "put f x", "setxattr f user.a v",
                "getxattr f/ user.a");
        t.needs(XATTR_USER, HARD_LINKS);
        t.c("hard links share attributes", "ok v", "put f x", "link f g", "setxattr f user.a v", "getxattr g user.a");
        t.needs(XATTR_USER, SYMLINKS);
        t.c("user attributes on a symlink itself", "EPERM", "put f x", "symlink f l", "lsetxattr l user.a v");
        t.c("setxattr through a symlink sets the target's", "ok v", "put f x", "symlink f l", "setxattr l user.a v",
                "getxattr f user.a");
        t.needs(XATTR_USER, FIFO);
        t.c("user attributes on a FIFO", "EPERM", "mknod p p 0644", "setxattr p user.a v");
        t.needs(XATTR_USER, PERMISSIONS);
        t.c("a user without write permission cannot set", "EACCES", "put f x", "as 1000 1000", "setxattr f user.a v");
        t.c("a user with read permission may get", "ok v", "put f x", "setxattr f user.a v", "as 1000 1000",
                "getxattr f user.a");
        t.c("a user without read permission cannot get", "EACCES", "put f x", "chmod f 0600", "setxattr f user.a v",
                "as 1000 1000", "getxattr f user.a");
        t.c("the owner sets on his own file", "ok v", "mkdir w 0777", "chmod w 0777", "as 1000 1000", "put w/f x",
                "setxattr w/f user.a v", "getxattr w/f user.a");
        t.needs(XATTR_TRUSTED);
        t.c("root sets and gets trusted attributes", "ok t", "put f x", "setxattr f trusted.a t", "getxattr f trusted.a");
        t.c("trusted attributes are listed for root", "ok trusted.a", "put f x", "setxattr f trusted.a t",
                "listxattr f");
        t.needs(XATTR_TRUSTED, PERMISSIONS);
        t.c("a user cannot set trusted attributes", "EPERM", "mkdir w 0777", "chmod w 0777", "as 1000 1000",
                "put w/f x", "setxattr w/f trusted.a v");
        t.c("a user does not see trusted attributes", "ENODATA", "put f x", "setxattr f trusted.a t", "as 1000 1000",
                "getxattr f trusted.a");
        t.needs(XATTR_TRUSTED, XATTR_USER, PERMISSIONS);
        t.c("a user's list hides trusted names", "ok user.u", "put f x", "setxattr f trusted.t 1",
                "setxattr f user.u 2", "as 1000 1000", "listxattr f");
        return t.cases();
    }
}
