package dev.wtcraft.dsl

import dev.wtcraft.engine.FakeEngine

/**
 * `engine 'coder' { edit 'src/a.ts', '...'; delete 'old.ts'; run 'npm test'; say 'done'; usage input: 1200, output: 300; exit 0 }`:
 * what a test's fake engine does, in order, in the task's worktree.
 */
class FakeEngineDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(FakeEngineDelegate)

    private final String name
    private final List<FakeEngine.Action> actions = []
    private Integer exitCode

    FakeEngineDelegate(RecipeBuilder holder, String name) {
        super(holder)
        this.name = name
    }

    protected String where() { "fake engine '${name}'" }

    protected Set<String> keywords() { KEYWORDS }

    /** `edit 'src/a.ts', 'export const x = 1'`: writes the file (its directories made). */
    void edit(Object path, Object content) {
        actions << new FakeEngine.Edit(inside(path, 'edit'), text('edit', content))
    }

    /** `delete 'old.ts'` */
    void delete(Object path) {
        actions << new FakeEngine.Delete(inside(path, 'delete'))
    }

    /** `run 'npm test'`: a command in the worktree (as the shell engine runs one); the script goes on whatever it exits. */
    void run(Object command) {
        actions << new FakeEngine.Run(text('run', command))
    }

    /** `say 'done'`: an agent message; the last one is the final message (a reviewer says `VERDICT: APPROVE`). */
    void say(Object message) {
        actions << new FakeEngine.Say(text('say', message))
    }

    /** `usage input: 1200, output: 300, usd: 0.02`: token usage reported at this point (budgets see it at once). */
    void usage(Map options) {
        def unknown = options.keySet() - ['input', 'output', 'usd']
        if (unknown || !options.containsKey('input') && !options.containsKey('output')) {
            throw new DslError("'usage' in ${where()} takes input:, output: and usd:, like: usage input: 1200, output: 300")
        }
        long input = tokens('input', options.input)
        long output = tokens('output', options.output)
        Double usd = null
        if (options.usd != null) {
            if (!(options.usd instanceof Number) || (options.usd as double) < 0) {
                throw new DslError("wrong argument for 'usage' in ${where()}: usd must be an amount, got ${describe(options.usd)}")
            }
            usd = options.usd as double
        }
        actions << new FakeEngine.Spend(input, output, usd)
    }

    /** `exit 1`: the exit code the engine ends with (0 when not given). */
    void exit(Object code) {
        if (!(code instanceof Integer) || (code as int) < 0 || (code as int) > 255) {
            throw new DslError("wrong argument for 'exit' in ${where()}: expected an exit code from 0 to 255, got ${describe(code)}")
        }
        if (exitCode != null) {
            throw new DslError("'exit' is given twice in ${where()}")
        }
        exitCode = code as int
    }

    private long tokens(String key, Object value) {
        if (value == null) {
            return 0
        }
        if (!(value instanceof Integer || value instanceof Long) || (value as long) < 0) {
            throw new DslError("wrong argument for 'usage' in ${where()}: ${key} must be a whole number of tokens, got ${describe(value)}")
        }
        value as long
    }

    private String inside(Object value, String keyword) {
        String p = text(keyword, value)
        if (p.isBlank() || p.startsWith('/') || java.nio.file.Path.of(p).normalize().startsWith('..')) {
            throw new DslError("'${keyword}' in ${where()} takes a path inside the worktree, not '${p}'")
        }
        p
    }

    @groovy.transform.PackageScope
    FakeEngine.Script script() {
        new FakeEngine.Script(actions, exitCode ?: 0)
    }
}
