package dev.wtcraft.dsl

import dev.wtcraft.model.Step

/** `verify { run 'npm test'; run 'npm run lint', timeout: '5m' }`. */
class VerifyDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(VerifyDelegate)

    private final String taskName
    final List<Step> steps = []

    VerifyDelegate(RecipeBuilder builder, String taskName) {
        super(builder)
        this.taskName = taskName
    }

    protected String where() { "the verify block of task '${taskName}'" }

    protected Set<String> keywords() { KEYWORDS }

    void run(Object command) {
        steps << new Step(text('run', command), null)
    }

    void run(Map options, Object command) {
        def unknown = options.keySet() - ['timeout']
        if (unknown) {
            throw new DslError("unknown option '${unknown.first()}' for 'run' in ${where()}; did you mean 'timeout'?")
        }
        steps << new Step(text('run', command), options.timeout == null ? null : duration('timeout', options.timeout))
    }
}
