package dev.wtcraft.recipetest;

import dev.wtcraft.engine.FakeEngine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One test of a `*.wtest.groovy` file as its DSL declared it: the scratch repository to build, the recipe to run in
 * it, what its fake engines do, and what it expects of the results.
 *
 * @param display      the test file as messages name it
 * @param line         the line of its `test` keyword
 * @param files        files written into the scratch repository, by path (after the fixtures are copied)
 * @param fixtures     directories whose files are copied into the scratch repository first, in order
 * @param recipe       the recipe's text, written as the scratch repository's wtcraft.groovy; null to use the one the
 *                     fixtures or files brought
 * @param recipeOrigin where that text comes from, for messages (a file, or the test's inline recipe)
 * @param library      the library under test (its directory), or null
 * @param libraryName  the name the recipe calls the library under test by, or null
 * @param tasks        the tasks to run (all when empty)
 * @param env          variables added to the run's environment
 * @param expect       what the results must satisfy, or null
 */
public record TestDef(String name, Path file, String display, int line, Map<String, String> files,
                      List<Path> fixtures, String recipe, String recipeOrigin, Path library, String libraryName,
                      List<ScriptRule> scripts, List<String> tasks, Map<String, String> env, Expectation expect) {
    public TestDef {
        files = Map.copyOf(files);
        fixtures = List.copyOf(fixtures);
        scripts = List.copyOf(scripts);
        tasks = List.copyOf(tasks);
        env = Map.copyOf(env);
    }

    /** What a test expects; throws an AssertionError whose message says what differed. */
    public interface Expectation {
        void check(Results results);
    }

    /**
     * A fake engine's script, for every task that uses the engine or for one task (and one attempt) only.
     *
     * @param task    the task it is for, or null for every task
     * @param attempt the attempt it is for, or null for every attempt
     */
    public record ScriptRule(String engine, String task, Integer attempt, FakeEngine.Script script) {
        int specificity() {
            return (task == null ? 0 : 2) + (attempt == null ? 0 : 1);
        }

        boolean matches(String engine, String task, int attempt) {
            return this.engine.equals(engine) && (this.task == null || this.task.equals(task))
                    && (this.attempt == null || this.attempt == attempt);
        }
    }
}
