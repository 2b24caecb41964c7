package dev.cairn.fs.gofer.client;

import dev.cairn.fs.gofer.p9.Framing;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountOptions;
import java.util.Set;

/**
 * The parsed mount data of a {@code 9p} mount, as Linux v9fs takes it: {@code trans=fd} with
 * {@code rfdno}/{@code wfdno} (equal: one bidirectional connection), {@code trans=tcp} with
 * {@code port} (source = host) or {@code trans=unix} (source = socket path), {@code aname},
 * {@code msize}, {@code cache=fscache|remote_revalidating}, {@code overlayfs_stale_read} and
 * {@code fscache_limit} (bytes of file data one fscache mount may cache, default 256 MiB).
 * Unknown keys and bad values are EINVAL naming them.
 */
record MountConfig(Transport trans, int fd, int port, String aname, int msize, CacheMode cache,
                   boolean overlayfsStaleRead, long cacheLimit) {
    enum Transport { FD, TCP, UNIX }

    enum CacheMode {
        /** Exclusive access: the core's dentry cache and our attributes are authoritative. */
        FSCACHE,
        /** Shared with others (the host): revalidate every cached lookup, fetch attributes each time. */
        REMOTE_REVALIDATING
    }

    static final Set<String> KEYS = Set.of("trans", "rfdno", "wfdno", "port", "aname", "msize", "cache",
            "overlayfs_stale_read", "version", "fscache_limit");

    static MountConfig parse(MountOptions o) throws ErrnoException {
        o.requireOnly("9p", KEYS);
        String t = o.get("trans").orElseThrow(() -> Errno.EINVAL.exception("9p: mount option trans= is required"));
        Transport trans;
        switch (t) {
            case "fd": trans = Transport.FD; break;
            case "tcp": trans = Transport.TCP; break;
            case "unix": trans = Transport.UNIX; break;
            default: throw Errno.EINVAL.exception("9p: unsupported transport \"trans=" + t + "\"");
        }
        int fd = -1;
        if (trans == Transport.FD) {
            int r = number(o, "rfdno", -1);
            int w = number(o, "wfdno", -1);
            if (r < 0 || w < 0) {
                throw Errno.EINVAL.exception("9p: trans=fd needs rfdno= and wfdno=");
            }
            if (r != w) {
                throw Errno.EINVAL.exception("9p: rfdno=" + r + " and wfdno=" + w + " must name one connection");
            }
            fd = r;
        } else if (o.has("rfdno") || o.has("wfdno")) {
            throw Errno.EINVAL.exception("9p: rfdno/wfdno only apply to trans=fd");
        }
        int port = number(o, "port", 564);
        if (port < 1 || port > 65535) {
            throw Errno.EINVAL.exception("9p: port=" + port);
        }
        int msize = number(o, "msize", Framing.DEFAULT_MSIZE);
        if (msize < Framing.MIN_MSIZE || msize > Framing.MAX_MSIZE) {
            throw Errno.EINVAL.exception("9p: msize=" + msize + " outside [" + Framing.MIN_MSIZE + ", "
                    + Framing.MAX_MSIZE + "]");
        }
        String v = o.get("version").orElse("9p2000.L");
        if (!v.equalsIgnoreCase("9p2000.L")) {
            throw Errno.EINVAL.exception("9p: only version=9p2000.L is supported, got \"" + v + "\"");
        }
        String c = o.get("cache").orElse("fscache");
        CacheMode cache;
        switch (c) {
            case "fscache": cache = CacheMode.FSCACHE; break;
            case "remote_revalidating": cache = CacheMode.REMOTE_REVALIDATING; break;
            default: throw Errno.EINVAL.exception("9p: unsupported cache mode \"cache=" + c + "\"");
        }
        long limit = PageCache.DEFAULT_LIMIT;
        if (o.has("fscache_limit")) {
            limit = number(o, "fscache_limit", 0);
            if (limit < FileData.CHUNK) {
                throw Errno.EINVAL.exception("9p: fscache_limit=" + limit + " below " + FileData.CHUNK + " bytes");
            }
            if (cache != CacheMode.FSCACHE) {
                throw Errno.EINVAL.exception("9p: fscache_limit only applies to cache=fscache");
            }
        }
        return new MountConfig(trans, fd, port, o.get("aname").orElse(""), msize, cache,
                o.has("overlayfs_stale_read"), limit);
    }

    private static int number(MountOptions o, String key, int dflt) throws ErrnoException {
        String s = o.get(key).orElse(null);
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw Errno.EINVAL.exception("9p: bad number \"" + key + "=" + s + "\"");
        }
    }
}
