package dev.cairn.vfs.tck;

/** The whole kit against memfs, the kit's own SPI filesystem: proves the suites run and pass. */
class MemFsTckTest extends VfsTck {
    @Override
    protected TckFixture fixture() {
        return new MemFsFixture("");
    }
}
