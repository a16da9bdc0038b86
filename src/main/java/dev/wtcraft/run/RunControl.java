package dev.wtcraft.run;

import dev.wtcraft.engine.PriceTable;
import dev.wtcraft.process.StepRunner;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the parts of one run share: whether it is being stopped, the processes running now (one per task thread),
 * the price table.
 */
public final class RunControl {
    private volatile boolean interrupted;
    private volatile String stopReason;
    private final Map<Thread, Process> running = new ConcurrentHashMap<>();
    final String runId;
    final Map<String, String> env;
    final RunService.Listener listener;
    final PriceTable prices;
    /** `--no-sandbox`: tasks that declare a sandbox run without one, and the ledger says so. */
    volatile boolean noSandbox;
    /** `--approve PATTERN`: commands a policy's `ask` rules let through without asking. */
    volatile List<String> approvals = List.of();
    /**
     * `--include-uncommitted`: the commit a task without dependencies starts from instead of its base branch's
     * last one (the main checkout's uncommitted work on top of it), by that branch's name.
     */
    volatile Map<String, String> startFrom = Map.of();
    /** What the fake engines of a test do (`wtcraft test`); null in any other run. */
    volatile dev.wtcraft.engine.FakeEngine.Scripts scripts;

    RunControl(String runId, Map<String, String> env, RunService.Listener listener) {
        this.runId = runId;
        this.env = env;
        this.listener = listener;
        this.prices = PriceTable.load(env);
    }

    /**
     * What an engine run needs from whoever runs it: the environment it starts from, the price table, whether it is
     * being stopped, and where to report the process it starts (null once it ended).
     */
    public record Host(Map<String, String> env, PriceTable prices, java.util.function.BooleanSupplier interrupted,
                       java.util.function.Consumer<Process> running, dev.wtcraft.engine.FakeEngine.Scripts scripts) {
        public Host(Map<String, String> env, PriceTable prices, java.util.function.BooleanSupplier interrupted,
                    java.util.function.Consumer<Process> running) {
            this(env, prices, interrupted, running, null);
        }

        /** A host outside any run (a review of a task made by hand): nothing stops it but its timeout. */
        public static Host standalone(Map<String, String> env) {
            return new Host(env, PriceTable.load(env), () -> false, p -> { });
        }
    }

    Host host() {
        return new Host(env, prices, this::interrupted, this::running, scripts);
    }

    boolean interrupted() {
        return interrupted;
    }

    void interrupt() {
        interrupted = true;
    }

    /**
     * Stops the run after a task failed (onFailure 'stop'): the run's exit code is that failure's, not Ctrl-C's.
     */
    void stopAtFailure(String reason) {
        stoppedAtFailure = true;
        stopAll(reason);
    }

    boolean stoppedAtFailure() {
        return stoppedAtFailure;
    }

    private volatile boolean stoppedAtFailure;

    /** Stops the run: running engines and steps are killed, nothing new starts. */
    void stopAll(String reason) {
        stopReason = reason;
        interrupted = true;
        List.copyOf(running.values()).forEach(StepRunner::killGroup);
    }

    String stopReason() {
        return stopReason;
    }

    /**
     * The calling task thread's current process, or null when it finished. A process that starts after the run was
     * stopped (its thread was past the check when another task failed) is stopped at once: stopAll cannot have seen it.
     */
    void running(Process process) {
        if (process == null) {
            running.remove(Thread.currentThread());
        } else {
            running.put(Thread.currentThread(), process);
            if (interrupted) {
                StepRunner.killGroup(process);
            }
        }
    }
}
