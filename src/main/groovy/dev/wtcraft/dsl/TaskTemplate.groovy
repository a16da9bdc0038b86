package dev.wtcraft.dsl

/**
 * A task as a library defines it (`task('deps/bump') { ... }` inside a library step): nothing is declared until a
 * recipe hands it to its own `task` keyword, so every task a run has is visible in the recipe.
 */
final class TaskTemplate {
    final String name
    final Closure body
    final String library

    TaskTemplate(String name, Closure body, String library) {
        this.name = name
        this.body = body
        this.library = library
    }

    @Override
    String toString() {
        "task '${name}' from library '${library}'"
    }
}
