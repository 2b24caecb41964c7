#!/usr/bin/env python3
"""Host oracle of the Cairn VFS conformance kit.

Runs operation sequences on a fresh host tmpfs and prints what Linux answered, so that the
kit can run the same sequences on a Cairn VFS and compare.

Input (stdin): one case per line; ops separated by \\x1e, the words of an op by \\x1f.
Output (stdout): one line per case: "<index>\\x1d<result>\\x1f<result>...".
A result is "ok", "ok <value>", "E#<errno number>" or "X <python error>" (a bug of the kit).

Each case runs in its own forked child, chrooted into its own directory of one tmpfs
mounted for the run (so absolute symlinks and ".." behave as at a namespace root), with
umask 022 and root credentials until an "as" op switches the effective ids (the saved uid
stays 0, so "as 0" switches back and open fds survive).
"""
import ctypes
import os
import signal
import stat
import subprocess
import sys
import tempfile

US, RS, GS = "\x1f", "\x1e", "\x1d"
LIBC = ctypes.CDLL(None, use_errno=True)
AT_FDCWD = -100
AT_EACCESS = 0x200
AT_SYMLINK_FOLLOW = 0x400
CLONE_NEWNS = 0x00020000
SYS_GETDENTS64 = {"x86_64": 217, "aarch64": 61, "riscv64": 61}.get(os.uname().machine, 217)
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 32, 4096, 16384, 1 << 18
RENAME_FLAGS = {"0": 0, "NOREPLACE": 1, "EXCHANGE": 2, "BOTH": 3}
WHENCE = {"SET": 0, "CUR": 1, "END": 2, "DATA": 3, "HOLE": 4}
TYPES = {stat.S_IFREG: "reg", stat.S_IFDIR: "dir", stat.S_IFLNK: "lnk", stat.S_IFCHR: "chr",
         stat.S_IFBLK: "blk", stat.S_IFIFO: "fifo", stat.S_IFSOCK: "sock"}
MKNOD = {"0": 0, "d": stat.S_IFDIR, "c": stat.S_IFCHR, "b": stat.S_IFBLK, "p": stat.S_IFIFO, "f": stat.S_IFREG, "s": stat.S_IFSOCK}
XFLAGS = {"0": 0, "create": os.XATTR_CREATE, "replace": os.XATTR_REPLACE}


def flags_of(text):
    value = 0
    for name in text.split("|"):
        value |= getattr(os, name)
    return value


def access_of(text):
    if text == "f":
        return os.F_OK
    return (os.R_OK if "r" in text else 0) | (os.W_OK if "w" in text else 0) | (os.X_OK if "x" in text else 0)


def fmt_stat(st):
    kind = TYPES.get(stat.S_IFMT(st.st_mode), "?")
    out = "%s %04o n%d u%d g%d" % (kind, stat.S_IMODE(st.st_mode), st.st_nlink, st.st_uid, st.st_gid)
    if kind in ("reg", "lnk"):
        out += " s%d" % st.st_size
    if kind in ("chr", "blk"):
        out += " r%d:%d" % (os.major(st.st_rdev), os.minor(st.st_rdev))
    return out


def time_of(word):
    return None if word == "now" else int(word)


def renameat2(old, new, flags):
    if flags == 0:
        os.rename(old, new)
        return
    if LIBC.renameat2(AT_FDCWD, old.encode(), AT_FDCWD, new.encode(), flags) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def getdents(fd):
    """Names from raw getdents64(2) (glibc's fdopendir would answer ENOTDIR itself)."""
    names = []
    buf = ctypes.create_string_buffer(65536)
    while True:
        n = LIBC.syscall(SYS_GETDENTS64, fd, buf, len(buf))
        if n < 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
        if n == 0:
            return [x for x in names if x not in (".", "..")]
        pos = 0
        while pos < n:
            reclen = int.from_bytes(buf.raw[pos + 16:pos + 18], "little")
            raw = buf.raw[pos + 19:pos + reclen]
            names.append(raw[:raw.index(b"\0")].decode("utf-8", "surrogateescape"))
            pos += reclen


def switch_user(words):
    os.seteuid(0)
    if words[0] == "0":
        os.setegid(0)
        os.setgroups([])
        return
    os.setgroups([int(g) for g in words[2:]])
    os.setegid(int(words[1]))
    os.seteuid(int(words[0]))


def run_op(op, fds):
    name, a = op[0], op[1:]
    if name == "mkdir":
        os.mkdir(a[0], int(a[1], 8))
    elif name == "rmdir":
        os.rmdir(a[0])
    elif name == "unlink":
        os.unlink(a[0])
    elif name == "put":
        fd = os.open(a[0], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            os.write(fd, a[1].encode() if len(a) > 1 else b"")
        finally:
            os.close(fd)
    elif name == "cat":
        fd = os.open(a[0], os.O_RDONLY)
        try:
            data = b""
            while True:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                data += chunk
        finally:
            os.close(fd)
        return "ok " + data.decode("latin-1").replace("\0", "0")
    elif name == "open":
        fds[a[0]] = os.open(a[1], flags_of(a[2]), int(a[3], 8) if len(a) > 3 else 0o666)
    elif name == "close":
        os.close(fds[a[0]])
    elif name == "write":
        return "ok %d" % os.write(fds[a[0]], a[1].encode())
    elif name == "read":
        return "ok " + os.read(fds[a[0]], int(a[1])).decode("latin-1").replace("\0", "0")
    elif name == "pread":
        return "ok " + os.pread(fds[a[0]], int(a[1]), int(a[2])).decode("latin-1").replace("\0", "0")
    elif name == "pwrite":
        return "ok %d" % os.pwrite(fds[a[0]], a[1].encode(), int(a[2]))
    elif name == "lseek":
        return "ok %d" % os.lseek(fds[a[0]], int(a[1]), WHENCE[a[2]])
    elif name == "fstat":
        return "ok " + fmt_stat(os.fstat(fds[a[0]]))
    elif name == "ftruncate":
        os.ftruncate(fds[a[0]], int(a[1]))
    elif name == "fls":
        return "ok " + ",".join(sorted(getdents(fds[a[0]])))
    elif name == "stat":
        return "ok " + fmt_stat(os.stat(a[0]))
    elif name == "lstat":
        return "ok " + fmt_stat(os.lstat(a[0]))
    elif name == "same":
        return "ok %s" % ("true" if os.stat(a[0]).st_ino == os.stat(a[1]).st_ino else "false")
    elif name == "symlink":
        os.symlink(a[0], a[1])
    elif name == "readlink":
        return "ok " + os.readlink(a[0])
    elif name == "link":
        os.link(a[0], a[1], follow_symlinks=False)
    elif name == "linkf":
        # os.link(follow_symlinks=True) calls link(2), which does not follow: use linkat.
        if LIBC.linkat(AT_FDCWD, a[0].encode(), AT_FDCWD, a[1].encode(), AT_SYMLINK_FOLLOW) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
    elif name == "rename":
        renameat2(a[0], a[1], RENAME_FLAGS[a[2]] if len(a) > 2 else 0)
    elif name == "chmod":
        os.chmod(a[0], int(a[1], 8))
    elif name == "chown":
        os.chown(a[0], int(a[1]), int(a[2]))
    elif name == "lchown":
        os.lchown(a[0], int(a[1]), int(a[2]))
    elif name == "truncate":
        os.truncate(a[0], int(a[1]))
    elif name == "access":
        if LIBC.faccessat(AT_FDCWD, a[0].encode(), access_of(a[1]), AT_EACCESS) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
    elif name == "mknod":
        mode = MKNOD[a[1]] | int(a[2], 8)
        dev = os.makedev(int(a[3]), int(a[4])) if len(a) > 4 else 0
        os.mknod(a[0], mode, dev)
    elif name == "ls":
        fd = os.open(a[0], os.O_RDONLY | os.O_DIRECTORY)
        try:
            return "ok " + ",".join(sorted(getdents(fd)))
        finally:
            os.close(fd)
    elif name == "setxattr":
        os.setxattr(a[0], a[1], a[2].encode(), XFLAGS[a[3]] if len(a) > 3 else 0)
    elif name == "lsetxattr":
        os.setxattr(a[0], a[1], a[2].encode(), XFLAGS[a[3]] if len(a) > 3 else 0, follow_symlinks=False)
    elif name == "getxattr":
        return "ok " + os.getxattr(a[0], a[1]).decode("latin-1")
    elif name == "listxattr":
        names = [n for n in os.listxattr(a[0]) if n.startswith(("user.", "trusted."))]
        return "ok " + ",".join(sorted(names))
    elif name == "removexattr":
        os.removexattr(a[0], a[1])
    elif name == "as":
        switch_user(a)
    elif name == "umask":
        os.umask(int(a[0], 8))
    elif name == "chdir":
        os.chdir(a[0])
    elif name == "getcwd":
        return "ok " + os.getcwd()
    elif name == "ro":
        mount(b"none", "/", MS_REMOUNT | MS_BIND | MS_RDONLY)
    elif name == "utime":
        if a[1] == "now":
            os.utime(a[0], None)
        else:
            os.utime(a[0], ns=(int(a[1]), int(a[2])))
    else:
        raise ValueError("unknown op " + name)
    return "ok"


def run_case(ops):
    fds = {}
    results = []
    for op in ops:
        try:
            results.append(run_op(op, fds) or "ok")
        except OSError as e:
            results.append("E#%d" % e.errno)
        except Exception as e:  # a bug in the kit's case, reported as such
            results.append("X %s: %s" % (type(e).__name__, e))
    return results


def mount(source, target, flags):
    if LIBC.mount(source, target.encode(), None, ctypes.c_ulong(flags), None) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def child(index, ops, base, wfd):
    signal.alarm(10)
    case_dir = os.path.join(base, "c%d" % index)
    os.mkdir(case_dir)
    os.chmod(case_dir, 0o755)
    # A private mount namespace in which the case directory is a mount of its own, so that
    # "ro" can make the case root read-only without touching the host.
    if LIBC.unshare(CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare")
    mount(b"none", "/", MS_REC | MS_PRIVATE)
    mount(case_dir.encode(), case_dir, MS_BIND)
    os.chroot(case_dir)
    os.chdir("/")
    os.umask(0o022)
    line = "%d%s%s\n" % (index, GS, US.join(run_case(ops)))
    os.write(wfd, line.encode("utf-8", "replace"))


def main():
    cases = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    base = tempfile.mkdtemp(prefix="cairn-tck-")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=0755", "none", base], check=True)
    try:
        for index, text in enumerate(cases):
            ops = [op.split(US) for op in text.split(RS)]
            rfd, wfd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(rfd)
                try:
                    child(index, ops, base, wfd)
                finally:
                    os._exit(0)
            os.close(wfd)
            with os.fdopen(rfd, "rb") as r:
                out = r.read().decode("utf-8", "replace")
            os.waitpid(pid, 0)
            sys.stdout.write(out if out else "%d%sX case died\n" % (index, GS))
        sys.stdout.flush()
    finally:
        subprocess.run(["umount", base], check=False)
        os.rmdir(base)


if __name__ == "__main__":
    main()
