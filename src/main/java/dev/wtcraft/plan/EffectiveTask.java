package dev.wtcraft.plan;

import dev.wtcraft.model.Budget;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.Environment;
import dev.wtcraft.model.Policy;
import dev.wtcraft.model.Review;
import dev.wtcraft.model.Sandbox;
import dev.wtcraft.model.TaskDef;

import java.time.Duration;

/**
 * A task as it will run: what it declared, with the recipe's defaults applied and its engines resolved. Everything
 * a run decides about a task comes from here, and its identity (what resume compares) is computed from all of it.
 *
 * @param engine   the task's engine, or null for a verification task
 * @param timeout  how long the engine may run, or null for no limit
 * @param budget   what the task may spend, or null
 * @param review   the review it gets, or null
 * @param reviewer the reviewing engine, or null without a review
 * @param sandbox  the sandbox it runs in, or null for none
 * @param environment the variables its processes get, or null for all
 * @param policy   the commands it may run (the recipe's and its own rules), or null
 * @param setup    what prepares its worktree before the engine (the recipe's steps, then its own), or null
 */
public record EffectiveTask(TaskDef def, EngineSpec engine, Duration timeout, int attempts, Budget budget,
                            Review review, EngineSpec reviewer, Sandbox sandbox, Environment environment,
                            Policy policy, dev.wtcraft.model.Setup setup) {
    public String name() {
        return def.name();
    }

    public String prompt() {
        return def.prompt() == null ? "" : def.prompt().text();
    }
}
