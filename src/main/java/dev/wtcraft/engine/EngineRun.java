package dev.wtcraft.engine;

import dev.wtcraft.ledger.EventLog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One engine invocation: where, with what prompt, within which bounds and gates, as which attempt, and where its
 * events go.
 *
 * @param env       variables added to the engine's environment
 * @param ledgerDir the attempt's ledger directory (last-message.md goes there)
 * @param boundary  the contract's Scope and Off-limits, to hand the CLI in its own terms
 * @param gates     how long it may run and what watches its spending
 * @param resume    which attempt this is, and the session it continues
 * @param onStart   told of the engine's process once it runs (for Ctrl-C)
 */
public record EngineRun(Path worktree, String prompt, Path promptFile, Map<String, String> env, EventLog events,
                        Path ledgerDir, Boundary boundary, Gates gates, Resume resume, Consumer<Process> onStart) {

    public EngineRun {
        gates = gates == null ? Gates.NONE : gates;
        resume = resume == null ? Resume.FIRST : resume;
        onStart = onStart == null ? p -> { } : onStart;
    }

    /**
     * The gates that act while the engine runs.
     *
     * @param timeout  null for no limit
     * @param onUsage  told of the usage so far each time the stream reports some (budgets are kept outside), at
     *                 once: a budget crossed mid-run stops the engine there; or null
     * @param usdLimit what is left of the task's budget in USD, for a CLI with a budget of its own; or null
     */
    public record Gates(Duration timeout, BiConsumer<Usage, Map<String, Object>> onUsage, Double usdLimit) {
        public static final Gates NONE = new Gates(null, null, null);

        public static Gates timeout(Duration timeout) {
            return new Gates(timeout, null, null);
        }
    }

    /**
     * Which attempt this is.
     *
     * @param attempt 1 for the first run of a task
     * @param session the CLI session to continue (a retry), or null for a fresh one
     * @param usage   the usage.json of the attempt being resumed (for CLIs that report running totals), or null
     */
    public record Resume(int attempt, String session, Map<String, Object> usage) {
        public static final Resume FIRST = new Resume(1, null, null);
    }

    /**
     * What the task may and may not touch, and how much the agent may do.
     *
     * @param sandbox     the words that run a command inside the task's OS sandbox (empty: none), see Bubblewrap
     * @param environment the only variables the task's processes get, or null for all of this process's
     * @param forced      variables set whatever else is (HOME inside the sandbox)
     * @param inherited   the run's environment, which processes start from (wtcraft's own, usually)
     * @param policy      the commands the agent may (allow) and may not (deny) run, in its CLI's terms; or null
     */
    public record Boundary(List<String> scope, List<String> offLimits, boolean readOnly, List<String> sandbox,
                           dev.wtcraft.model.Environment environment, Map<String, String> forced,
                           Map<String, String> inherited, dev.wtcraft.model.Policy policy) {
        public Boundary {
            sandbox = List.copyOf(sandbox);
            forced = Map.copyOf(forced);
            inherited = inherited == null ? System.getenv() : inherited;
        }

        public Boundary(List<String> scope, List<String> offLimits, boolean readOnly) {
            this(scope, offLimits, readOnly, List.of(), null, Map.of(), null, null);
        }

        public static Boundary none() {
            return new Boundary(List.of(), List.of(), false);
        }

        /** The variables a process starts from: all of this process's, or only those the environment allows. */
        public Map<String, String> baseEnv() {
            Map<String, String> env = new java.util.HashMap<>();
            inherited.forEach((k, v) -> {
                if (environment == null || environment.allows(k)) {
                    env.put(k, v);
                }
            });
            env.putAll(forced);
            return env;
        }

        /**
         * The command as it is started: without the variables the environment does not allow (named, never
         * valued, on the command line), inside the sandbox when there is one.
         *
         * @param env the variables the process is given (null: it inherits this process's)
         */
        public List<String> confine(List<String> argv, Map<String, String> env) {
            List<String> words = new java.util.ArrayList<>();
            if (environment != null) {
                words.add("env");
                new java.util.TreeSet<>(System.getenv().keySet()).forEach(k -> {
                    if (env != null ? !env.containsKey(k) : !environment.allows(k)) {
                        words.add("-u");
                        words.add(k);
                    }
                });
                forced.forEach((k, v) -> words.add(k + "=" + v));
            }
            words.addAll(dev.wtcraft.process.Bubblewrap.confine(sandbox, argv));
            return words;
        }
    }
}
