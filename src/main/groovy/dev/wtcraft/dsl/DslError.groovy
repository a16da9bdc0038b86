package dev.wtcraft.dsl

/** A mistake found while a recipe runs; the compiler turns it into a located RecipeException. */
class DslError extends RuntimeException {
    DslError(String message) {
        super(message)
    }
}

/** A mistake whose line is known when it is found (not from the stack: the code that made it has returned). */
class LineError extends DslError {
    final int line

    LineError(int line, String message) {
        super(message)
        this.line = line
    }
}
