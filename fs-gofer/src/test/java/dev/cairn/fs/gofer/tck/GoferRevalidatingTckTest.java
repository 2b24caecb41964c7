package dev.cairn.fs.gofer.tck;

import dev.cairn.vfs.tck.TckFixture;
import dev.cairn.vfs.tck.VfsTck;

/** The vfs-tck kit through a real gofer process, shared cache mode (cache=remote_revalidating). */
class GoferRevalidatingTckTest extends VfsTck {
    @Override
    protected TckFixture fixture() {
        return SharedGofer.fixture("remote_revalidating");
    }
}
