package dev.wtcraft.dsl

import dev.wtcraft.model.Names
import dev.wtcraft.model.Budget
import dev.wtcraft.model.Durations
import dev.wtcraft.model.Prompt

import java.time.Duration

/**
 * What every block's delegate shares: an unknown keyword fails loudly with "did you mean", arguments are checked
 * with messages that name the keyword and the block, and file() reads a file next to the recipe.
 */
abstract class BlockDelegate {
    protected final RecipeBuilder builder

    protected BlockDelegate(RecipeBuilder builder) {
        this.builder = builder
    }

    /** Where the error messages say we are, e.g. "task 'feat/auth'". */
    protected abstract String where()

    /** The keywords this block understands, for suggestions. */
    protected abstract Set<String> keywords()

    def methodMissing(String name, Object args) {
        if (keywords().contains(name)) {
            throw new DslError("wrong arguments for '${name}' in ${where()}: ${describe(args as Object[])}")
        }
        throw new DslError("unknown keyword '${name}' in ${where()}${Names.suggestion(name, keywords())}")
    }

    def propertyMissing(String name) {
        def library = name == 'library' && builder.inLibrary ? builder.inLibrary.peek() : builder.libraries[name]
        if (library != null) {
            return library // blocks see only their delegate, and the recipe's libraries
        }
        if (keywords().contains(name)) {
            throw new DslError("'${name}' in ${where()} needs a value, like: ${name} '...'")
        }
        throw new DslError("unknown name '${name}' in ${where()}${Names.suggestion(name, keywords())}"
                + " (recipe variables are declared with def)")
    }

    def propertyMissing(String name, Object value) {
        throw new DslError("cannot assign '${name}' in ${where()}: write ${name} 'value' instead of ${name} = ...")
    }

    /** A file next to the recipe, read now: `prompt file('prompts/auth.md')`. */
    Prompt file(Object path) {
        builder.readPrompt(text('file', path))
    }

    protected String text(String keyword, Object value) {
        if (value instanceof CharSequence) {
            return RecipeText.check(value.toString(), "'${keyword}' in ${where()}")
        }
        throw new DslError("wrong argument for '${keyword}' in ${where()}: expected text, got ${describe(value)}")
    }

    protected List<String> texts(String keyword, Object[] values) {
        if (values == null || values.length == 0) {
            throw new DslError("'${keyword}' in ${where()} needs at least one value")
        }
        values.collectMany { v -> v instanceof Collection ? v as List : [v] }.collect { text(keyword, it) }
    }

    /** `budget tokens: 200000, usd: 2.5` */
    protected Budget budget(String keyword, Map options) {
        def unknown = options.keySet() - ['tokens', 'usd']
        if (unknown || options.isEmpty()) {
            throw new DslError("'${keyword}' in ${where()} takes tokens: and usd:, like: ${keyword} tokens: 200000, usd: 2.5")
        }
        Long tokens = null
        Double usd = null
        if (options.tokens != null) {
            if (!(options.tokens instanceof Number) || (options.tokens as long) < 1) {
                throw new DslError("wrong argument for '${keyword}' in ${where()}: tokens must be a positive number, got ${describe(options.tokens)}")
            }
            tokens = options.tokens as long
        }
        if (options.usd != null) {
            if (!(options.usd instanceof Number) || (options.usd as double) <= 0) {
                throw new DslError("wrong argument for '${keyword}' in ${where()}: usd must be a positive amount, got ${describe(options.usd)}")
            }
            usd = options.usd as double
        }
        new Budget(tokens, usd)
    }

    protected boolean flag(String keyword, Object value) {
        if (!(value instanceof Boolean)) {
            throw new DslError("wrong argument for '${keyword}' in ${where()}: expected true or false, got ${describe(value)}")
        }
        value
    }

    protected Integer count(String keyword, Object value) {
        if (!(value instanceof Integer) || (value as Integer) < 1) {
            throw new DslError("wrong argument for '${keyword}' in ${where()}: expected a positive whole number, got ${describe(value)}")
        }
        return value as Integer
    }

    protected Duration duration(String keyword, Object value) {
        Duration d = Durations.parse(text(keyword, value))
        if (d == null || d.isZero()) {
            throw new DslError("invalid duration '${value}' for '${keyword}' in ${where()}: use forms like 90s, 5m, 1h30m")
        }
        return d
    }

    static String describe(Object value) {
        if (value instanceof Object[]) {
            Object[] array = (Object[]) value
            return array.length == 0 ? 'no arguments' : array.collect { describe(it) }.join(', ')
        }
        if (value == null) {
            return 'null'
        }
        if (value instanceof Closure) {
            return 'a { } block'
        }
        return "${value instanceof CharSequence ? "'${value}'" : value} (${value.getClass().simpleName})"
    }
}
