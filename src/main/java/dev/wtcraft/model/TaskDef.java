package dev.wtcraft.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One task of a recipe, as it declared itself: what it is, what it may touch (its {@link Boundary}) and what it must
 * pass (its {@link Gates}); the recipe's defaults are applied in {@code plan.EffectiveTask}.
 *
 * @param engine    the engine's name, or null for a plain verification task
 * @param base      the base ref, or null for the recipe default (a task with dependencies starts from them)
 * @param group     tasks of one group never run at the same time; null for none
 * @param setup     what prepares its worktree before the engine (after the recipe's own setup), or null
 * @param keywordLocations where each keyword was last used in the task's block, for error messages
 */
public record TaskDef(String name, String engine, Prompt prompt, List<String> dependsOn, String base, String group,
                      Setup setup, Boundary boundary, Gates gates, SourceLocation location,
                      Map<String, SourceLocation> keywordLocations) {
    public TaskDef {
        keywordLocations = Map.copyOf(keywordLocations);
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * What the task may touch, see and run.
     *
     * @param sandbox     the task's own sandbox, or null for the recipe's default
     * @param noSandbox   the task said `sandbox false`: no sandbox, not even the recipe's default
     * @param environment the variables the task's processes get, or null for the recipe's default
     * @param policy      the commands the task may run, added to the recipe's default; null for none of its own
     */
    public record Boundary(List<String> scope, List<String> offLimits, Sandbox sandbox, boolean noSandbox,
                           Environment environment, Policy policy) {
        public Boundary {
            scope = List.copyOf(scope);
            offLimits = List.copyOf(offLimits);
        }
    }

    /**
     * What the task's work must pass, and how often and how long it may try.
     *
     * @param timeout  how long the engine may run, or null for the engine's or the recipe's
     * @param attempts how many times the engine may try (a failed gate feeds the next try), or null for the recipe's
     * @param budget   what the task may spend, or null
     * @param review   the task's own review block, or null
     * @param noReview the task said `review false`: no review, not even the recipe's default
     */
    public record Gates(List<Step> verify, Duration timeout, Integer attempts, Budget budget, Review review,
                        boolean noReview) {
        public Gates {
            verify = List.copyOf(verify);
        }
    }

    public List<String> scope() {
        return boundary.scope();
    }

    public List<String> offLimits() {
        return boundary.offLimits();
    }

    public List<Step> verify() {
        return gates.verify();
    }

    public Duration timeout() {
        return gates.timeout();
    }

    public Integer attempts() {
        return gates.attempts();
    }

    public Budget budget() {
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

    /** The review this task gets: its own, else the recipe's default for tasks with an engine, else none. */
    public Review reviewOr(Review recipeDefault) {
        if (gates.noReview()) {
            return null;
        }
        return gates.review() != null ? gates.review() : engine != null ? recipeDefault : null;
    }

    /** The sandbox this task runs in: its own, else the recipe's default, else none (null). */
    public Sandbox sandboxOr(Sandbox recipeDefault) {
        return boundary.noSandbox() ? null : boundary.sandbox() != null ? boundary.sandbox() : recipeDefault;
    }

    /** The environment this task's processes get: its own, else the recipe's default, else all (null). */
    public Environment environmentOr(Environment recipeDefault) {
        return boundary.environment() != null ? boundary.environment() : recipeDefault;
    }

    /** The policy this task runs under: the recipe's default, then its own rules; null when neither has one. */
    public Policy policyWith(Policy recipeDefault) {
        return recipeDefault == null ? boundary.policy() : recipeDefault.plus(boundary.policy());
    }

    /**
     * Every field the task declared, by its component name, its boundary's and gates' fields among them (walked from
     * the records, so a field added to any of the three is listed); where things were declared is left out.
     */
    public Map<String, Object> fields() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        flatten(this, out);
        return out;
    }

    private static void flatten(Object record, Map<String, Object> out) {
        for (var c : record.getClass().getRecordComponents()) {
            Object value = Canonical.component(record, c);
            if (Canonical.isLocation(c)) {
                continue;
            }
            if (value != null && value.getClass().getDeclaringClass() == TaskDef.class) {
                flatten(value, out);
            } else {
                out.put(c.getName(), value);
            }
        }
    }

    /** Where a keyword was used, or the task's own location when it was not. */
    public SourceLocation locationOf(String keyword) {
        return keywordLocations.getOrDefault(keyword, location);
    }
}
