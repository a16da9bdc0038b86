package dev.wtcraft.run;

import dev.wtcraft.engine.EngineRun;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.Policy;
import dev.wtcraft.plan.EffectiveTask;
import dev.wtcraft.task.TaskWorktree;

import java.util.HashMap;
import java.util.Map;

/** One way to confine an engine run, a task attempt's and its reviewer's alike: its sandbox and its boundary. */
final class Confine {
    private Confine() {
    }

    /** The task's sandbox for its engine (and verification steps). */
    static Sandboxes.Confinement attempt(TaskContext t, TaskWorktree wt, TaskLedger ledger, boolean readOnly) {
        return of(t, t.task().engine(), wt, ledger, readOnly);
    }

    /**
     * The task's sandbox for one engine run: an agent CLI keeps its state directories writable and writes its
     * final message into {@code ledger}.
     */
    static Sandboxes.Confinement of(TaskContext t, EngineSpec spec, TaskWorktree wt, TaskLedger ledger,
                                    boolean readOnly) {
        Map<String, String> engineEnv = new HashMap<>(t.control().env);
        boolean agent = spec != null && spec.kind().agent();
        if (spec != null) {
            engineEnv.putAll(spec.env());
        }
        return Sandboxes.of(t.task().sandbox(), t.control().noSandbox, t.layout(), wt.path(), agent, false, engineEnv,
                readOnly, agent ? ledger.dir().resolve("last-message.md") : null);
    }

    /** The task's sandbox for its setup: the package managers' caches stay writable, as installs need them. */
    static Sandboxes.Confinement setup(TaskContext t, TaskWorktree wt) {
        return Sandboxes.of(t.task().sandbox(), t.control().noSandbox, t.layout(), wt.path(), false, true,
                t.control().env, false, null);
    }

    /** What one engine run may touch, see and run. */
    static EngineRun.Boundary boundary(EffectiveTask task, RunControl control, Sandboxes.Confinement sandbox,
                                       boolean readOnly, Policy agentPolicy) {
        return new EngineRun.Boundary(task.def().scope(), task.def().offLimits(), readOnly, sandbox.words(),
                task.environment(), sandbox.forced(task.environment()), control.env, agentPolicy);
    }
}
