package dev.wtcraft.dsl

/** A mistake found while a recipe runs; the compiler turns it into a located RecipeException. */
class DslError extends RuntimeException {
    DslError(String message) {
        super(message)
    }
}
