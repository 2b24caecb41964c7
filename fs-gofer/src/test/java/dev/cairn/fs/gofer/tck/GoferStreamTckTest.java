package dev.cairn.fs.gofer.tck;

import dev.cairn.vfs.tck.TckFixture;
import dev.cairn.vfs.tck.VfsTck;

/**
 * The vfs-tck kit through a real gofer process, cache=fscache, over connections that do not
 * take donated fds: all file data goes through Tread/Twrite (as with diod, TCP, or any client
 * but Cairn's launcher).
 */
class GoferStreamTckTest extends VfsTck {
    @Override
    protected TckFixture fixture() {
        return SharedGofer.fixture("fscache", false);
    }
}
