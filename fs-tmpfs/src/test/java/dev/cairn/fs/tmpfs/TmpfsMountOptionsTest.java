package dev.cairn.fs.tmpfs;

import static dev.cairn.fs.tmpfs.TmpfsFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.Credentials;
import dev.cairn.vfs.Errno;
import dev.cairn.vfs.ErrnoException;
import dev.cairn.vfs.MountOptions;
import dev.cairn.vfs.MountRequest;
import dev.cairn.vfs.Stat;
import dev.cairn.vfs.StatFs;
import org.junit.jupiter.api.Test;

class TmpfsMountOptionsTest {
    /** 24 GiB of "RAM" in pages, for parser tests independent of the machine. */
    private static final long RAM = 6L << 20;

    private static TmpfsOptions parse(String s) throws ErrnoException {
        return TmpfsOptions.parse(MountOptions.parse(s), RAM);
    }

    private static String superOptions(String s) throws ErrnoException {
        TmpfsOptions o = parse(s);
        int mode = o.mode() == -1 ? 01777 : o.mode();
        return o.superOptions(mode, Math.max(o.uid(), 0), Math.max(o.gid(), 0), true);
    }

    @Test
    void sizeAcceptsLinuxSuffixesAndRoundsUpToPages() throws Exception {
        assertThat(parse("size=10m").maxPages()).isEqualTo(2560);
        assertThat(parse("size=10K").maxPages()).isEqualTo(3);
        assertThat(parse("size=4097").maxPages()).isEqualTo(2);
        assertThat(parse("size=1g").maxPages()).isEqualTo(262144);
        assertThat(parse("size=0x10").maxPages()).isEqualTo(1);
        assertThat(parse("size=0").maxPages()).isZero();
        assertThat(parse("size=10%").maxPages()).isEqualTo((RAM * 4096 * 10 / 100 + 4095) / 4096);
        assertThat(parse("nr_inodes=1k").maxInodes()).isEqualTo(1024);
        assertThat(parse("nr_inodes=010").maxInodes()).isEqualTo(8);
        assertThat(parse("size=1,size=2m").maxPages()).isEqualTo(512);
    }

    @Test
    void superOptionsMatchWhatLinuxShows() throws Exception {
        // strings taken from /proc/self/mountinfo of host tmpfs mounts with the same options
        assertThat(superOptions("size=10m,nr_inodes=1k,mode=1777,uid=5,gid=6"))
                .isEqualTo("size=10240k,nr_inodes=1024,uid=5,gid=6");
        assertThat(superOptions("gid=7,uid=5,mode=700,nr_inodes=5,size=3"))
                .isEqualTo("size=4k,nr_inodes=5,mode=700,uid=5,gid=7");
        assertThat(superOptions("")).isEmpty();
        assertThat(superOptions("size=50%")).isEmpty();
        assertThat(superOptions("mode=0")).isEqualTo("mode=000");
        assertThat(superOptions("mode=17777")).isEqualTo("mode=7777");
        assertThat(superOptions("huge=within_size,inode64,noswap")).isEqualTo("huge=within_size,inode64,noswap");
        assertThat(superOptions("huge=never,mpol=default,inode64,inode32")).isEmpty();
        assertThat(superOptions("mpol=interleave")).isEqualTo("mpol=interleave:0");
        assertThat(superOptions("size=0")).isEqualTo("size=0k");
    }

    @Test
    void badValuesAndUnknownKeysAreEinvalNamingThem() {
        for (String bad : new String[] {"size=abc", "size=", "size", "mode=8", "mode=x", "mode=", "uid=abc",
                "gid=-1", "uid=4294967295", "nr_inodes=10%", "huge=deny", "mpol=bad", "inode64=1",
                "noswap=1", "nr_inodes=1k=2", "size=99999999999999999999", "mpol=bind", "mpol=local:0",
                "mpol=prefer:1"}) {
            ErrnoException e = failure(() -> parse(bad));
            assertThat(e.errno()).as(bad).isEqualTo(Errno.EINVAL);
            assertThat(e.getMessage()).as(bad).contains(bad.contains("=") ? bad.substring(0, bad.indexOf('=')) : bad);
        }
        ErrnoException unknown = failure(() -> parse("size=1m,bogus=3"));
        assertThat(unknown.getMessage()).contains("bogus=3");
        ErrnoException quota = failure(() -> parse("usrquota"));
        assertThat(quota.errno()).isEqualTo(Errno.EINVAL);
        assertThat(quota.getMessage()).contains("usrquota").contains("not supported");
        assertThat(failure(() -> parse("SIZE=1")).getMessage()).contains("SIZE");
    }

    @Test
    void rootTakesModeAndOwnerFromOptionsAndMountinfoShowsThem() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("mode=0750,uid=1000,gid=100,size=1m,nr_inodes=64");
        Stat st = f.root.stat("/");
        assertThat(st.permissions()).isEqualTo(0750);
        assertThat(st.uid()).isEqualTo(1000);
        assertThat(st.gid()).isEqualTo(100);
        String info = f.vfs.mountInfo(f.root);
        assertThat(info).contains(" - tmpfs none rw,size=1024k,nr_inodes=64,mode=750,uid=1000,gid=100");
    }

    @Test
    void rootDefaultsToSticky1777OwnedByTheMounter() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        Stat st = f.root.stat("/");
        assertThat(st.isDirectory()).isTrue();
        assertThat(st.permissions()).isEqualTo(01777);
        assertThat(st.uid()).isZero();
    }

    @Test
    void statfsReportsMagicAndLimits() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("size=64k,nr_inodes=10");
        f.root.writeFile("/a", new byte[5000]);
        StatFs s = f.root.statfs("/");
        assertThat(s.type()).isEqualTo(StatFs.TMPFS_MAGIC);
        assertThat(s.blockSize()).isEqualTo(4096);
        assertThat(s.blocks()).isEqualTo(16);
        assertThat(s.blocksFree()).isEqualTo(14);
        assertThat(s.blocksAvailable()).isEqualTo(14);
        assertThat(s.files()).isEqualTo(10);
        assertThat(s.filesFree()).isEqualTo(8);
        assertThat(s.nameMax()).isEqualTo(255);
    }

    @Test
    void mountWithBadOptionsFailsThroughTheVfs() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount("");
        f.root.mkdir("/mnt", 0755);
        ErrnoException e = failure(() -> f.root.mount("none", "/mnt", "tmpfs", 0, "size=1m,colour=blue"));
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e.getMessage()).contains("colour");
        f.root.mount("none", "/mnt", "tmpfs", 0, "size=2m,mode=700");
        assertThat(f.root.stat("/mnt").permissions()).isEqualTo(0700);
        assertThat(f.vfs.mountInfo(f.root)).contains("/mnt rw").contains("tmpfs none rw,size=2048k,mode=700");
    }

    @Test
    void userMountRootBelongsToTheUser() throws Exception {
        TmpfsFixture f = TmpfsFixture.mount(new MountRequest("none", "tmpfs", 0, MountOptions.EMPTY,
                java.util.Map.of(), true));
        f.root.mkdir("/m", 0777);
        f.vfs.mountAt(Credentials.user(7, 8).with(dev.cairn.vfs.Capability.CAP_SYS_ADMIN), f.ns, "/m",
                MountRequest.user("none", "tmpfs", 0, ""));
        Stat st = f.root.stat("/m");
        assertThat(st.uid()).isEqualTo(7);
        assertThat(st.gid()).isEqualTo(8);
    }
}
