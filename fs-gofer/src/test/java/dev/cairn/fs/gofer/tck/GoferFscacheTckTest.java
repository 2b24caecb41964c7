package dev.cairn.fs.gofer.tck;

import dev.cairn.vfs.tck.TckFixture;
import dev.cairn.vfs.tck.VfsTck;

/** The vfs-tck kit through a real gofer process, exclusive cache mode (cache=fscache). */
class GoferFscacheTckTest extends VfsTck {
    @Override
    protected TckFixture fixture() {
        return SharedGofer.fixture("fscache");
    }
}
