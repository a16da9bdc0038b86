package dev.wtcraft.dsl

import dev.wtcraft.model.Prompt

/**
 * The base class of a library step, `vars/NAME.groovy`: its `call(...)` is what `acme.NAME(...)` runs. Besides
 * plain Groovy it has `task(name) { ... }`, which returns a task for the recipe to declare, `prompt('name')`,
 * which reads the library's prompts/, and `library`, the library itself (to call its other steps).
 */
abstract class LibraryScript extends Script {
    /** `library` is the one keyword that is a value, not a call: the step's own library. */
    static final Set<String> NAMES = ['library'] as Set
    static final Set<String> KEYWORDS = Keywords.of(LibraryScript) + NAMES

    RecipeLibrary library

    TaskTemplate task(Object name, Closure body) {
        if (!(name instanceof CharSequence)) {
            throw new DslError("wrong argument for 'task' in library '${library.name}': expected a name like 'deps/bump', got ${BlockDelegate.describe(name)}")
        }
        new TaskTemplate(name.toString(), body, library.name)
    }

    TaskTemplate task(Object name) {
        task(name, null)
    }

    Prompt prompt(Object name) {
        library.prompt(name)
    }

    Prompt prompt(Map values, Object name) {
        library.prompt(values, name)
    }
}
