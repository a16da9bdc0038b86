package dev.wtcraft.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One task of a recipe.
 *
 * @param engine    the engine's name, or null for a plain verification task
 * @param base      the base ref, or null for the recipe default (a task with dependencies starts from them)
 * @param attempts  how many times the engine may try (a failed check or verify feeds the next try), or null
 *                  for the recipe default
 * @param group     tasks of one group never run at the same time; null for none
 * @param budget    what the task may spend, or null
 * @param review    the task's own review block, or null
 * @param noReview  the task said `review false`: no review, not even the recipe's default
 * @param sandbox   the task's own sandbox, or null for the recipe's default
 * @param noSandbox the task said `sandbox false`: no sandbox, not even the recipe's default
 * @param environment the variables the task's processes get, or null for the recipe's default
 * @param policy    the commands the task may run, added to the recipe's default; null for none of its own
 * @param keywordLocations where each keyword was last used in the task's block, for error messages
 */
public record TaskDef(String name, String engine, Prompt prompt, List<String> scope, List<String> offLimits,
                      Duration timeout, List<Step> verify, List<String> dependsOn, String base, Integer attempts,
                      String group, Budget budget, Review review, boolean noReview, Sandbox sandbox,
                      boolean noSandbox, Environment environment, Policy policy, SourceLocation location,
                      Map<String, SourceLocation> keywordLocations) {
    public TaskDef {
        keywordLocations = Map.copyOf(keywordLocations);
        scope = List.copyOf(scope);
        offLimits = List.copyOf(offLimits);
        verify = List.copyOf(verify);
        dependsOn = List.copyOf(dependsOn);
    }

    /** The review this task gets: its own, else the recipe's default for tasks with an engine, else none. */
    public Review reviewOr(Review recipeDefault) {
        if (noReview) {
            return null;
        }
        return review != null ? review : engine != null ? recipeDefault : null;
    }

    /** The sandbox this task runs in: its own, else the recipe's default, else none (null). */
    public Sandbox sandboxOr(Sandbox recipeDefault) {
        return noSandbox ? null : sandbox != null ? sandbox : recipeDefault;
    }

    /** The environment this task's processes get: its own, else the recipe's default, else all (null). */
    public Environment environmentOr(Environment recipeDefault) {
        return environment != null ? environment : recipeDefault;
    }

    /** The policy this task runs under: the recipe's default, then its own rules; null when neither has one. */
    public Policy policyWith(Policy recipeDefault) {
        return recipeDefault == null ? policy : recipeDefault.plus(policy);
    }

    /** Where a keyword was used, or the task's own location when it was not. */
    public SourceLocation locationOf(String keyword) {
        return keywordLocations.getOrDefault(keyword, location);
    }
}
