package dev.wtcraft.model;

import java.time.Duration;

/**
 * The `wtcraft {}` block: defaults for every task and settings of the run.
 *
 * @param base     the base ref of a task that names none and depends on none, or null for HEAD
 * @param setup    what prepares every task's worktree (a task's own steps run after it), or null
 * @param boundary what every task may touch and run, unless it says otherwise
 * @param gates    what every task must pass, and how often and how long it may try
 * @param schedule how the run orders and limits its tasks
 */
public record Defaults(String base, Setup setup, Boundary boundary, Gates gates, Schedule schedule) {
    public static Defaults none() {
        return new Defaults(null, null, new Boundary(null, null, null), new Gates(null, null, null, null),
                new Schedule(true, null, false, null));
    }

    /**
     * @param sandbox     the sandbox of every task (unless it says `sandbox false`), or null
     * @param environment the environment of every task that declares none, or null
     * @param policy      the policy every task runs under (a task's own rules are added), or null
     */
    public record Boundary(Sandbox sandbox, Environment environment, Policy policy) {
    }

    /**
     * @param timeout  how long a task's engine may run, or null for no limit
     * @param attempts how many times a task's engine may try, or null for once
     * @param budget   what each task may spend, or null
     * @param review   the review of every task that has an engine (unless it says `review false`), or null
     */
    public record Gates(Duration timeout, Integer attempts, Budget budget, Review review) {
    }

    /**
     * @param parallel      false: no two tasks at once
     * @param jobs          how many tasks at once, or null for the machine's default
     * @param stopOnFailure stop everything on the first failure (default: finish what does not depend on it)
     * @param budget        what the whole run may spend, or null
     */
    public record Schedule(boolean parallel, Integer jobs, boolean stopOnFailure, Budget budget) {
    }

    public Duration timeout() {
        return gates.timeout();
    }

    public Integer attempts() {
        return gates.attempts();
    }

    public Budget taskBudget() {
        return gates.budget();
    }

    public Review review() {
        return gates.review();
    }

    public Sandbox sandbox() {
        return boundary.sandbox();
    }

    public Environment environment() {
        return boundary.environment();
    }

    public Policy policy() {
        return boundary.policy();
    }

    public boolean parallel() {
        return schedule.parallel();
    }

    public Integer jobs() {
        return schedule.jobs();
    }

    public boolean stopOnFailure() {
        return schedule.stopOnFailure();
    }

    public Budget budget() {
        return schedule.budget();
    }
}
