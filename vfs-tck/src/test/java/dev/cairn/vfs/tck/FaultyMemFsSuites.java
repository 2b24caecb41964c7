package dev.cairn.vfs.tck;

/**
 * Suites run against memfs broken on purpose. The class name keeps surefire from running
 * them directly: {@link KitDetectsFaultsTest} launches each and expects failures.
 */
final class FaultyMemFsSuites {
    private FaultyMemFsSuites() {
    }

    static final class LinksWithoutCounts extends LinkTck {
        @Override
        protected TckFixture fixture() {
            return new MemFsFixture("fault=nlink");
        }
    }

    static final class ReaddirIgnoringCookies extends ReaddirTck {
        @Override
        protected TckFixture fixture() {
            return new MemFsFixture("fault=cookies");
        }
    }

    static final class XattrsIgnoringReplace extends XattrTck {
        @Override
        protected TckFixture fixture() {
            return new MemFsFixture("fault=xattr-replace");
        }
    }

    static final class PermissionsIgnoringChmod extends PermissionTck {
        @Override
        protected TckFixture fixture() {
            return new MemFsFixture("fault=chmod");
        }
    }

    static final class RenameKeepingReplacedLinks extends RenameTck {
        @Override
        protected TckFixture fixture() {
            return new MemFsFixture("fault=rename-replaced");
        }
    }

    static final class TimestampsWithoutCtime extends TimestampTck {
        @Override
        protected TckFixture fixture() {
            return new MemFsFixture("fault=ctime");
        }
    }
}
