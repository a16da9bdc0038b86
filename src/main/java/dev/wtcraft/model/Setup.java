package dev.wtcraft.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * `setup { run 'npm ci', cache: 'node_modules'; copy '.env.example', to: '.env'; link 'vendor' }`: what prepares a
 * task's fresh worktree before its engine starts. The steps run in order, in the worktree, under the task's sandbox,
 * environment and policy; the first that fails ends the task `setup_failed` and the engine never starts.
 *
 * @param steps   in the order they run
 * @param timeout how long all of them together may take, or null for {@link #DEFAULT_TIMEOUT}
 */
public record Setup(List<Action> steps, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public Setup {
        steps = List.copyOf(steps);
    }

    /** How long the whole setup may take. */
    public Duration limit() {
        return timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** What a task's `setup false` declares: no setup, not even the recipe's. */
    public static Setup none() {
        return new Setup(List.of(), null);
    }

    /**
     * The recipe's setup, then the task's own (its timeout wins); null when neither has one, or the task said
     * `setup false`.
     */
    public static Setup of(Setup recipeDefault, Setup own) {
        if (own != null && own.steps.isEmpty()) {
            return null;
        }
        if (recipeDefault == null || own == null) {
            return own == null ? recipeDefault : own;
        }
        List<Action> all = new ArrayList<>(recipeDefault.steps);
        all.addAll(own.steps);
        return new Setup(all, own.timeout != null ? own.timeout : recipeDefault.timeout);
    }

    /**
     * One step of a setup.
     *
     * @param kind    what it does
     * @param text    the command (run), the file or directory copied (copy), the path linked (link)
     * @param to      where a copy goes, in the worktree; null for the other kinds
     * @param cache   the paths a run's command makes that are kept and reused by every task whose key files are
     *                the same (`cache: 'node_modules'`); empty for none
     * @param key     the files whose contents key the cache; empty: the lock files {@link #LOCK_FILES} present
     * @param timeout how long this step may take, or null for what is left of the setup's
     */
    public record Action(Kind kind, String text, String to, List<String> cache, List<String> key,
                            Duration timeout) {
        public Action {
            cache = List.copyOf(cache);
            key = List.copyOf(key);
        }

        /** How the step reads in a plan and in the ledger. */
        public String describe() {
            return switch (kind) {
                case RUN -> "run " + text + (cache.isEmpty() ? "" : " (cache " + String.join(", ", cache)
                        + " by " + (key.isEmpty() ? "the lock files" : String.join(", ", key)) + ")");
                case COPY -> "copy " + text + " to " + to;
                case LINK -> "link " + text + " from the main checkout";
            };
        }
    }

    public enum Kind {
        RUN, COPY, LINK;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The files a cache is keyed by when its step names none: those of them the worktree holds. */
    public static final List<String> LOCK_FILES = List.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml", "bun.lockb", "pom.xml", "build.gradle", "build.gradle.kts", "gradle.lockfile",
            "requirements.txt", "poetry.lock", "Pipfile.lock", "uv.lock", "Cargo.lock", "go.sum", "Gemfile.lock",
            "composer.lock");
}
