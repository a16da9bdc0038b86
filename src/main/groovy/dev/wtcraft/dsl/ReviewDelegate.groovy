package dev.wtcraft.dsl

import dev.wtcraft.model.Prompt
import dev.wtcraft.model.Review
import dev.wtcraft.model.SourceLocation

import java.time.Duration

/** `review { engine 'claude'; prompt 'Look hard at error handling.'; required true; timeout '10m' }`. */
class ReviewDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(ReviewDelegate)

    private final String owner
    String engine
    Prompt prompt
    boolean required = true
    Duration timeout

    ReviewDelegate(RecipeBuilder builder, String owner) {
        super(builder)
        this.owner = owner
    }

    protected String where() { "the review block of ${owner}" }

    protected Set<String> keywords() { KEYWORDS }

    void engine(Object value) {
        engine = text('engine', value)
    }

    void prompt(Object value) {
        prompt = value instanceof Prompt ? (Prompt) value : new Prompt(text('prompt', value), null)
    }

    void required(Object value) {
        required = flag('required', value)
    }

    void timeout(Object value) {
        timeout = duration('timeout', value)
    }

    /** Runs a review block and makes the record; a review must name its engine. */
    static Review build(RecipeBuilder builder, String owner, Closure body) {
        SourceLocation here = builder.callerLocation()
        def d = new ReviewDelegate(builder, owner)
        RecipeBuilder.runBlock(body, d)
        if (d.engine == null) {
            throw new DslError("the review block of ${owner} needs an engine, like: review { engine 'claude' }")
        }
        new Review(d.engine, d.prompt, d.required, d.timeout, here)
    }
}
