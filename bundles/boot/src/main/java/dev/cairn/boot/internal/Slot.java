package dev.cairn.boot.internal;

import dev.cairn.vfs.Mount;

/**
 * One mount a sandbox's spec asks for, and the mount that is in place for it right now
 * ({@code null} while pending: its type's bundle is gone, or it sat under a mount that was).
 */
final class Slot {
    final PlannedMount planned;
    /** Guarded by the manager's lock. */
    Mount mount;

    Slot(PlannedMount planned, Mount mount) {
        this.planned = planned;
        this.mount = mount;
    }

    boolean pending() {
        return mount == null;
    }
}
