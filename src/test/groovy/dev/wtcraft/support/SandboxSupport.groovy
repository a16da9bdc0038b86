package dev.wtcraft.support

import dev.wtcraft.process.Bubblewrap
import org.opentest4j.TestAbortedException

/** Sandbox specs run where bubblewrap can start, and skip, saying why, where it cannot (user namespaces off). */
final class SandboxSupport {
    private SandboxSupport() {
    }

    static void requireSandbox() {
        def probe = Bubblewrap.probe()
        if (probe.available()) {
            return
        }
        if (probe.version() == null && System.getenv('WTCRAFT_REQUIRE_TOOLS')) {
            throw new IllegalStateException(".ci/run installs bubblewrap, but it is missing: ${probe.reason()}")
        }
        System.err.println("skipping the sandbox specs: ${probe.reason()}")
        throw new TestAbortedException("no OS sandbox here: ${probe.reason()}")
    }
}
