package dev.wtcraft.dsl

import dev.wtcraft.model.Names
import dev.wtcraft.model.Prompt

/**
 * The base class of every compiled recipe: the top-level keywords. Each block method hands its closure to a
 * delegate that collects the settings (the delegate classes), and the builder makes the immutable records.
 */
abstract class RecipeScript extends Script {
    static final Set<String> KEYWORDS = Keywords.of(RecipeScript)

    RecipeBuilder builder
    RecipeCompiler compiler

    void wtcraft(Closure body) {
        RecipeBuilder.runBlock(body, new DefaultsDelegate(builder))
    }

    void ci(Closure body) {
        if (builder.including.size() > 1) {
            throw new DslError("'ci' may be declared only in the main recipe (${builder.recipeFile.fileName}): it says how the whole recipe runs on CI")
        }
        builder.ci = CiDelegate.build(builder, body)
    }

    void engines(Closure body) {
        RecipeBuilder.runBlock(body, new EnginesDelegate(builder))
    }

    /** Resolved before the recipe ran (see LibraryDeclarations); here only misplaced blocks are caught. */
    void libraries(Closure body) {
        if (builder.including.size() > 1) {
            throw new DslError("'libraries' may be declared only in the main recipe (${builder.recipeFile.fileName}), where wtcraft.lock pins them")
        }
        if (!builder.librariesBlock) {
            throw new DslError("'libraries' must be a statement of its own at the top level of ${builder.recipeFile.fileName}, not inside other code: it is read before the recipe runs")
        }
        // nothing to run: the block was read and resolved before the recipe was compiled
    }

    void task(Object name, Closure body) {
        if (name instanceof TaskTemplate) {
            TaskTemplate t = ((TaskTemplate) name).plus(body)
            builder.task(t.name, t.bodies)
            return
        }
        if (!(name instanceof CharSequence)) {
            throw new DslError("wrong argument for 'task': expected a name like 'feat/auth', got ${BlockDelegate.describe(name)} (a library's task comes from a step: task acme.bumpDependency('jackson'))")
        }
        builder.task(name.toString(), body)
    }

    void task(Object name) {
        task(name, null)
    }

    void include(Object path) {
        if (!(path instanceof CharSequence)) {
            throw new DslError("wrong argument for 'include': expected a path, got ${BlockDelegate.describe(path)}")
        }
        compiler.include(builder, path.toString())
    }

    Prompt file(Object path) {
        if (!(path instanceof CharSequence)) {
            throw new DslError("wrong argument for 'file': expected a path, got ${BlockDelegate.describe(path)}")
        }
        builder.readPrompt(path.toString())
    }

    def methodMissing(String name, Object args) {
        if (KEYWORDS.contains(name)) {
            throw new DslError("wrong arguments for '${name}': ${BlockDelegate.describe(args as Object[])}")
        }
        throw new DslError("unknown keyword '${name}'${Names.suggestion(name, KEYWORDS)}")
    }
}
