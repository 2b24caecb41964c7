package dev.cairn.vfs.tck;

import org.junit.jupiter.api.Nested;

/**
 * The whole kit in one class: a filesystem module's test extends this, implements
 * {@link #fixture()}, and JUnit runs every suite as a nested class. A module that wants only
 * some suites extends them one by one instead (e.g. {@code class MyRenameTest extends RenameTck}).
 *
 * <pre>{@code
 * class TmpfsTckTest extends VfsTck {
 *     protected TckFixture fixture() { return new TckFixture() { ... }; }
 * }
 * }</pre>
 */
public abstract class VfsTck {
    /** The filesystem under test; called once per test. */
    protected abstract TckFixture fixture();

    @Nested
    class PathResolution extends PathResolutionTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Permissions extends PermissionTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class OpenFlags extends OpenFlagsTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class FileData extends FileDataTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Links extends LinkTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Rename extends RenameTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Readdir extends ReaddirTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Timestamps extends TimestampTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Xattrs extends XattrTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Mknod extends MknodTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Devices extends DeviceTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Concurrency extends ConcurrencyTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class ErrnoMatrix extends ErrnoMatrixTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Limits extends LimitsTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Statfs extends StatfsTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class Mounts extends MountTck {
        @Override
        protected TckFixture fixture() {
            return VfsTck.this.fixture();
        }
    }

    @Nested
    class HostOracleStatus {
        @org.junit.jupiter.api.Test
        void theHostOracleAnsweredEveryRow() {
            HostOracle host = HostOracle.get();
            org.junit.jupiter.api.Assumptions.assumeTrue(host.unavailableReason().isEmpty(),
                    () -> "oracle rows checked against the table only: " + host.unavailableReason().orElse(""));
            for (OracleCase c : OracleCases.all()) {
                if (c.sinceKernel() > HostOracle.KERNEL) {
                    continue;
                }
                org.assertj.core.api.Assertions.assertThat(host.resultsFor(c)).as("%s", c).isPresent();
                org.assertj.core.api.Assertions.assertThat(host.resultsFor(c).orElseThrow())
                        .as("%s: the kit's op failed on the host", c).noneMatch(r -> r.startsWith("X "));
            }
        }
    }
}
