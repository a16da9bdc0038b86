package dev.wtcraft.dsl;

import dev.wtcraft.model.Recipe;
import dev.wtcraft.plan.RecipeCache;

import java.nio.file.Path;

/**
 * The one way a recipe file becomes a {@link Recipe}: the cached evaluation of a pure, unchanged recipe (read without
 * loading Groovy), else the recipe compiled (from the compiled-class cache when it can) and run. Written in Java so
 * that a cache hit touches no Groovy class: {@link RecipeCompiler} is loaded only when it is called.
 */
public final class Recipes {
    private Recipes() {
    }

    public static Recipe load(Path file) {
        return RecipeCache.lookup(file).orElseGet(() -> RecipeCompiler.load(file));
    }

    /**
     * Tasks given as data, in the recipe's keyword names, as a recipe: the engines and defaults of {@code file} (when
     * it exists, loaded as {@link #load} loads it), the tasks built by the DSL's own task block.
     */
    public static Recipe inline(Path file, java.util.List<java.util.Map<String, Object>> tasks) {
        return InlineTasks.recipe(file, tasks);
    }
}
