package dev.wtcraft.dsl

import dev.wtcraft.WtcraftException
import dev.wtcraft.git.GitCli
import dev.wtcraft.git.GitException
import dev.wtcraft.library.LibraryStore
import dev.wtcraft.library.TrustStore
import dev.wtcraft.model.Recipe
import dev.wtcraft.plan.RecipeException
import dev.wtcraft.recipetest.Results
import dev.wtcraft.recipetest.Scratch
import dev.wtcraft.recipetest.TestDef
import dev.wtcraft.recipetest.TestOptions
import dev.wtcraft.recipetest.TestReport
import dev.wtcraft.recipetest.TestRun
import dev.wtcraft.run.RunService

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/**
 * `wtcraft test`: reads each test file, and runs each of its tests in a scratch repository of its own (under the
 * temporary directory, removed afterwards unless kept): the recipe compiled there as `wtcraft run` compiles it, with
 * a library store and trust of the test's own, run with the test's fake engines, its expectations checked.
 */
final class RecipeTests {
    private RecipeTests() {
    }

    static TestReport run(List<Path> files, TestOptions options) {
        def report = new TestReport()
        for (Path file : files) {
            String display = shown(options.base(), file)
            TestFile testFile
            try {
                testFile = TestCompiler.read(file, display)
            } catch (WtcraftException e) {
                report.broken(display, e.message)
                options.progress().println("ERROR ${e instanceof RecipeException ? ((RecipeException) e).render() : e.message}")
                continue
            }
            if (testFile.tests.isEmpty()) {
                report.broken(display, "${display}: declares no test: write test('name') { ... } blocks")
                options.progress().println("ERROR ${display}: declares no test")
            }
            for (TestDef test : testFile.tests) {
                TestReport.Outcome o = runOne(testFile, test, options)
                report.add(o)
                String head = o.status() == TestReport.Status.PASSED ? 'PASS' : o.status() == TestReport.Status.FAILED ? 'FAIL' : 'ERROR'
                options.progress().println("${head} ${display}:${test.line()} ${test.name()} (${String.format(Locale.ROOT, '%.1fs', o.seconds())})")
                if (o.message() != null) {
                    o.message().readLines().each { options.progress().println('    ' + it) }
                }
                if (o.kept() != null) {
                    options.progress().println("    kept: ${o.kept()}")
                }
            }
        }
        report
    }

    private static TestReport.Outcome runOne(TestFile testFile, TestDef test, TestOptions options) {
        long start = System.nanoTime()
        Path tmp = Files.createTempDirectory('wtcraft-test-')
        // Ctrl-C ends the run as it ends `wtcraft run` (its own hook); this one leaves no scratch repository behind
        Thread cleanup = new Thread({ if (!options.keep()) { Scratch.remove(tmp) } } as Runnable, 'wtcraft-test-cleanup')
        Runtime.runtime.addShutdownHook(cleanup)
        TestReport.Status status = TestReport.Status.PASSED
        String message = null
        try {
            TestDef t = withLibrary(test, tmp)
            Path repo = Scratch.create(tmp.resolve('repo'), t)
            if (!Files.isRegularFile(repo.resolve('wtcraft.groovy'))) {
                throw new RecipeException(testFile.at(test.line()), "test '${test.name()}' has no recipe: give one"
                        + " (recipe '''...''' or recipe file: 'PATH'), or bring a wtcraft.groovy with repo { from '...' }")
            }
            Recipe recipe = compile(repo, tmp, t)
            RunService.Listener listener = options.verbose()
                    ? { String task, String line -> options.progress().println("    [${task}] ${line}") } as RunService.Listener
                    : { String task, String line -> } as RunService.Listener
            Results results = TestRun.run(repo, recipe, t, options.env(), listener)
            if (t.expect() != null) {
                try {
                    t.expect().check(results)
                } catch (AssertionError e) {
                    status = TestReport.Status.FAILED
                    message = "${testFile.display}:${testFile.lineOf(e.stackTrace)}: test '${test.name()}' expected:\n" + e.message.strip()
                } catch (Throwable e) {
                    status = TestReport.Status.ERROR
                    message = TestCompiler.located(testFile, e, ExpectDelegate.KEYWORDS).message
                }
            }
        } catch (RecipeException e) {
            status = TestReport.Status.ERROR
            message = e.location().file() == testFile.file ? e.message
                    : "${testFile.display}:${test.line()}: test '${test.name()}': its recipe (${test.recipeOrigin() ?: 'the repository\'s wtcraft.groovy'}): ${e.message}"
        } catch (WtcraftException | GitException | UncheckedIOException e) {
            status = TestReport.Status.ERROR
            message = "${testFile.display}:${test.line()}: test '${test.name()}': ${e.message}"
        } catch (RuntimeException e) {
            status = TestReport.Status.ERROR
            message = "${testFile.display}:${test.line()}: test '${test.name()}': internal error: ${e}"
        } finally {
            if (!options.keep()) {
                Scratch.remove(tmp)
            }
            try {
                Runtime.runtime.removeShutdownHook(cleanup)
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        new TestReport.Outcome(testFile.display, test.name(), test.line(), status, message,
                (System.nanoTime() - start) / 1e9d, options.keep() ? tmp.resolve('repo') : null)
    }

    /** Compiles the scratch repository's recipe with a library store and trust of this test's own. */
    private static Recipe compile(Path repo, Path tmp, TestDef test) {
        Path trusted = tmp.resolve('trusted-libraries')
        List<String> entries = new ArrayList<>(new TrustStore().entries())
        entries << repo.toString() // a recipe's own repository as its library ('.@main')
        if (test.library() != null) {
            entries << tmp.resolve('library').toString()
        }
        Files.writeString(trusted, entries.join('\n') + '\n', StandardCharsets.UTF_8)
        def compiler = new RecipeCompiler()
        compiler.store = new LibraryStore(tmp.resolve('library-cache'))
        compiler.trust = new TrustStore(trusted)
        compiler.asker = { String question -> false } as dev.wtcraft.library.LibraryResolver.Asker
        compiler.compile(repo.resolve('wtcraft.groovy'))
    }

    /**
     * The library under test, as its directory holds it now (committed edits or not), made a repository of its own
     * on `main`; the test's recipe gets a `libraries { }` line that uses it by the file's name, on its first line so
     * that the recipe's own lines keep their numbers.
     */
    private static TestDef withLibrary(TestDef test, Path tmp) {
        if (test.library() == null) {
            return test
        }
        if (test.recipe() == null) {
            throw WtcraftException.fatal("${test.display()}:${test.line()}: test '${test.name()}' of library '${test.libraryName()}'"
                    + " needs its recipe (recipe '''task ${test.libraryName()}.step(...)''')")
        }
        if (test.recipe() =~ /(?m)^\s*libraries\s*\{/) {
            throw WtcraftException.fatal("${test.display()}:${test.line()}: test '${test.name()}': the recipe of a library test"
                    + " declares no libraries block: the library under test is used as '${test.libraryName()}' by itself")
        }
        Path lib = tmp.resolve('library')
        Files.createDirectories(lib)
        for (String root : LibraryStore.ROOTS) {
            Path from = test.library().resolve(root)
            if (Files.isDirectory(from)) {
                dev.wtcraft.io.Trees.copy(from, lib.resolve(root))
            }
        }
        def git = new GitCli(lib)
        git.text('init', '-q', '-b', 'main')
        git.text('add', '-A')
        git.text(['GIT_AUTHOR_NAME': 'wtcraft test', 'GIT_AUTHOR_EMAIL': 'test@wtcraft.invalid',
                  'GIT_COMMITTER_NAME': 'wtcraft test', 'GIT_COMMITTER_EMAIL': 'test@wtcraft.invalid'],
                '-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '--no-verify', '-m', "library ${test.libraryName()} under test")
        String use = "libraries { use '${lib}@main', as: '${test.libraryName()}' }; "
        new TestDef(test.name(), test.file(), test.display(), test.line(), test.files(), test.fixtures(),
                use + test.recipe(), test.recipeOrigin(), test.library(), test.libraryName(), test.scripts(),
                test.tasks(), test.env(), test.expect())
    }

    private static String shown(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize()
        Path b = base.toAbsolutePath().normalize()
        abs.startsWith(b) ? b.relativize(abs).toString() : abs.toString()
    }
}
