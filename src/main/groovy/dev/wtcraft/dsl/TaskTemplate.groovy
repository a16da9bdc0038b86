package dev.wtcraft.dsl

/**
 * A task as a library defines it (`task('deps/bump') { ... }` inside a library step): nothing is declared until a
 * recipe hands it to its own `task` keyword, so every task a run has is visible in the recipe.
 */
final class TaskTemplate {
    final String name
    /** The step's block first, then what the recipe added (`task acme.bump('x') { attempts 2 }`), run in order. */
    final List<Closure> bodies
    final String library

    TaskTemplate(String name, Closure body, String library) {
        this(name, body == null ? [] : [body], library)
    }

    private TaskTemplate(String name, List<Closure> bodies, String library) {
        this.name = name
        this.bodies = List.copyOf(bodies)
        this.library = library
    }

    /** The same task with the recipe's block run after the step's. */
    TaskTemplate plus(Closure body) {
        body == null ? this : new TaskTemplate(name, bodies + [body], library)
    }

    @Override
    String toString() {
        "task '${name}' from library '${library}'"
    }
}
