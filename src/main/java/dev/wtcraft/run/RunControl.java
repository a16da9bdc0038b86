package dev.wtcraft.run;

import dev.wtcraft.engine.PriceTable;

import java.util.Map;

/** What the parts of one run share: whether it is being stopped, the process running now, the price table. */
final class RunControl {
    private volatile boolean interrupted;
    private volatile Process current;
    final String runId;
    final Map<String, String> env;
    final RunService.Listener listener;
    final PriceTable prices;

    RunControl(String runId, Map<String, String> env, RunService.Listener listener) {
        this.runId = runId;
        this.env = env;
        this.listener = listener;
        this.prices = PriceTable.load(env);
    }

    boolean interrupted() {
        return interrupted;
    }

    void interrupt() {
        interrupted = true;
    }

    void running(Process process) {
        current = process;
    }

    Process current() {
        return current;
    }
}
