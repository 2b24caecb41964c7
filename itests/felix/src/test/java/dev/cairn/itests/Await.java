package dev.cairn.itests;

import java.util.function.BooleanSupplier;

/** Bounded polling for asynchronous OSGi events (service (un)registration, config delivery). */
final class Await {
    private static final long TIMEOUT_MS = 5000;

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT_MS + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
