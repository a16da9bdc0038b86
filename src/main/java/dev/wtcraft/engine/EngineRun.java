package dev.wtcraft.engine;

import dev.wtcraft.ledger.EventLog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One engine invocation: where, with what prompt, for how long, and where its events go.
 *
 * @param env           variables added to the engine's environment
 * @param timeout       null for no limit
 * @param onStart       told of the engine's process once it runs (for Ctrl-C)
 * @param ledgerDir     the attempt's ledger directory (last-message.md goes there)
 * @param boundary      the contract's Scope and Off-limits, to hand the CLI in its own terms
 * @param resumeSession the session to continue (a retry), or null for a fresh one
 * @param attempt       1 for the first run of a task
 * @param resumeUsage   the usage.json of the attempt being resumed (for CLIs that report running totals)
 * @param onUsage       told of the usage so far each time the stream reports some (budgets are kept outside),
 *                      at once: a budget crossed mid-run stops the engine there
 * @param usdLimit      what is left of the task's budget in USD, for a CLI with a budget of its own; or null
 */
public record EngineRun(Path worktree, String prompt, Path promptFile, Map<String, String> env, Duration timeout,
                        EventLog events, Consumer<Process> onStart, Path ledgerDir, Boundary boundary,
                        String resumeSession, int attempt, Map<String, Object> resumeUsage,
                        java.util.function.BiConsumer<Usage, Map<String, Object>> onUsage, Double usdLimit) {

    public EngineRun(Path worktree, String prompt, Path promptFile, Map<String, String> env, Duration timeout,
                     EventLog events, Consumer<Process> onStart, Path ledgerDir, Boundary boundary,
                     String resumeSession, int attempt, Map<String, Object> resumeUsage,
                     java.util.function.BiConsumer<Usage, Map<String, Object>> onUsage) {
        this(worktree, prompt, promptFile, env, timeout, events, onStart, ledgerDir, boundary, resumeSession, attempt,
                resumeUsage, onUsage, null);
    }

    /** The same run, with what is left of the task's budget in USD (null: no USD budget). */
    public EngineRun withUsdLimit(Double usd) {
        return new EngineRun(worktree, prompt, promptFile, env, timeout, events, onStart, ledgerDir, boundary,
                resumeSession, attempt, resumeUsage, onUsage, usd);
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
