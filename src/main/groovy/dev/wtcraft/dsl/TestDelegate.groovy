package dev.wtcraft.dsl

import dev.wtcraft.recipetest.Results
import groovy.transform.PackageScope
import dev.wtcraft.recipetest.TestDef

import java.nio.file.Files
import java.nio.file.Path

/**
 * `test('name') { repo { ... }; recipe '...'; engine 'coder' { ... }; tasks '...'; env ...; expect { ... } }`: one
 * test, its scratch repository, the recipe it runs there, its scripted engines, and what it expects.
 */
class TestDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(TestDelegate)

    private final TestFile testFile
    private final String name
    private final Map<String, String> files = [:]
    private final List<Path> fixtures = []
    private String recipe
    private String recipeOrigin
    private final List<TestDef.ScriptRule> scripts = []
    private final List<String> tasks = []
    private final Map<String, String> env = [:]
    private Closure expectation
    private boolean repoDeclared
    private final List<NamedBlock> pending = []

    TestDelegate(TestFile testFile, String name) {
        super(testFile.holder)
        this.testFile = testFile
        this.name = name
    }

    protected String where() { "test '${name}'" }

    protected Set<String> keywords() { KEYWORDS }

    /** `repo { from 'fixtures/app'; file 'src/a.ts', 'export const x = 0' }`: the scratch repository's files. */
    void repo(Closure body) {
        if (repoDeclared) {
            throw new DslError("'repo' is declared twice in ${where()}: put every file and fixture in one repo { } block")
        }
        repoDeclared = true
        RecipeBuilder.runBlock(body, new RepoDelegate(testFile, this))
    }

    /** `recipe '''engines { ... } task('x') { ... }'''`: the recipe, inline. */
    void recipe(Object text) {
        setRecipe(this.text('recipe', text), "the inline recipe of ${where()}")
    }

    /** `recipe file: '../wtcraft.groovy'`: the recipe of a file, relative to the test file. */
    void recipe(Map options) {
        if (options.keySet() != ['file'] as Set) {
            throw new DslError("'recipe' in ${where()} takes the recipe inline (recipe '''...''') or file: 'PATH'")
        }
        Path file = testFile.dir().resolve(text('recipe', options.file)).normalize()
        if (!Files.isRegularFile(file)) {
            throw new DslError("recipe file not found: ${options.file} (looked for ${file}; paths are relative to the test file)")
        }
        setRecipe(RecipeText.read(file, 'recipe', options.file.toString()), file.toString())
    }

    private void setRecipe(String text, String origin) {
        if (recipe != null) {
            throw new DslError("'recipe' is declared twice in ${where()}")
        }
        recipe = text
        recipeOrigin = origin
    }

    /** `engine('coder') { edit ...; exit 0 }`: what the engine named so does, for every task that uses it. */
    void engine(Object engine, Closure body) {
        engine([:], engine, body)
    }

    /** `engine 'coder' { ... }`, which Groovy reads as engine(coder { ... }): the same as engine('coder') { ... }. */
    void engine(NamedBlock block) {
        pending.remove(block)
        engine([:], block.name, block.body)
    }

    /**
     * `NAME { ... }` where NAME is no keyword: a block named so, for `engine 'NAME' { ... }`. One that no keyword
     * takes is an unknown keyword after all, reported when the test's block ends.
     */
    def methodMissing(String name, Object args) {
        Object[] a = args as Object[]
        if (!KEYWORDS.contains(name) && a.length == 1 && a[0] instanceof Closure) {
            def block = new NamedBlock(name, (Closure) a[0], testFile.currentLine())
            pending << block
            return block
        }
        super.methodMissing(name, args)
    }

    /** A block written after a name: `'coder' { ... }`. */
    static final class NamedBlock {
        final String name
        final Closure body
        final int line

        NamedBlock(String name, Closure body, int line) {
            this.name = name
            this.body = body
            this.line = line
        }
    }

    /** `engine('coder', task: 'feat/x', attempt: 2) { ... }`: for one task (and one of its attempts) only. */
    void engine(Map options, Object engine, Closure body) {
        def unknown = options.keySet() - ['task', 'attempt']
        if (unknown) {
            throw new DslError("unknown option '${unknown.first()}' for 'engine' in ${where()}: use task: and attempt:")
        }
        String engineName = text('engine', engine)
        String task = options.task == null ? null : text('engine', options.task)
        Integer attempt = options.attempt == null ? null : count('attempt', options.attempt)
        if (scripts.any { it.engine() == engineName && it.task() == task && it.attempt() == attempt }) {
            throw new DslError("engine '${engineName}' is scripted twice for the same tasks in ${where()}")
        }
        def d = new FakeEngineDelegate(testFile.holder, engineName)
        RecipeBuilder.runBlock(body, d)
        scripts << new TestDef.ScriptRule(engineName, task, attempt, d.script())
    }

    /** `tasks 'feat/x', 'docs/y'`: run only these (and what they depend on); all of the recipe's by default. */
    void tasks(Object... names) {
        tasks.addAll(texts('tasks', names))
    }

    /** `env EXAMPLE_TOKEN: 'any-value'`: variables for the run. */
    void env(Map values) {
        values.each { k, v -> env[text('env', k)] = text('env', v) }
    }

    /** `expect { task('feat/x').outcome == PASSED; run.exitCode == 0 }`: every statement is a condition. */
    void expect(Closure body) {
        if (expectation != null) {
            throw new DslError("'expect' is declared twice in ${where()}: put every condition in one expect { } block")
        }
        expectation = body
    }

    @PackageScope
    void addFile(String path, String text) {
        if (files.containsKey(path)) {
            throw new DslError("file '${path}' is written twice in ${where()}")
        }
        files[path] = text
    }

    @PackageScope
    void addFixture(Path dir) {
        fixtures << dir
    }

    @PackageScope
    TestDef build(int line) {
        if (pending) {
            throw new LineError(pending.first().line, "unknown keyword '${pending.first().name}' in ${where()}"
                    + dev.wtcraft.model.Names.suggestion(pending.first().name, KEYWORDS))
        }
        Closure check = expectation
        TestDef.Expectation e = check == null ? null : { Results results ->
            RecipeBuilder.runBlock(check, new ExpectDelegate(results))
        } as TestDef.Expectation
        new TestDef(name, testFile.file, testFile.display, line, files, fixtures, recipe, recipeOrigin,
                testFile.library, testFile.libraryName, scripts, tasks, env, e)
    }
}
