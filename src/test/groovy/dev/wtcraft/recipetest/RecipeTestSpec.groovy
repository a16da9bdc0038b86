package dev.wtcraft.recipetest

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.IsolatedDirsSpecification
import dev.wtcraft.support.WtcraftRun
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/**
 * `wtcraft test` end to end: real test files, each test in a real scratch repository with worktrees, the recipe run
 * by the real run service with fake engines that edit, delete and run commands, the results read from the ledger.
 */
class RecipeTestSpec extends IsolatedDirsSpecification {
    Path write(String path, String text) {
        GitRepo.writeIn(repo.root, path, text.stripIndent())
    }

    WtcraftRun test(String... args) {
        WtcraftRun.run(repo.root, [:], (['test'] + args.toList()) as String[])
    }

    static final String RECIPE = """\
        recipe '''
            task('feat/x') {
                engine 'coder'
                prompt 'make x'
                scope 'src/'
                verify { run 'test -f src/a.ts' }
            }
            task('docs/y') {
                engine 'writer'
                prompt 'write docs'
                scope 'docs/'
                offLimits 'src/'
            }
        '''"""

    def "a fake engine really edits, deletes and runs in the worktree; its message and usage reach the ledger"() {
        given:
        write('tests/a.wtest.groovy', """\
            test('in and out of scope') {
                repo { file 'src/old.ts', 'old'; file 'README.md', 'hello' }
            ${RECIPE}
                engine 'coder' {
                    edit 'src/a.ts', 'export const x = 1'
                    delete 'src/old.ts'
                    run 'echo ran-in-the-worktree > src/ran.txt'
                    say 'done'
                    usage input: 1200, output: 300
                }
                engine 'writer' { edit 'src/b.ts', 'oops' }
                expect {
                    task('feat/x').outcome == PASSED
                    task('feat/x').changed.sort() == ['src/a.ts', 'src/old.ts', 'src/ran.txt']
                    task('feat/x').said == ['done']
                    task('feat/x').usage.inputTokens == 1200
                    task('feat/x').verify*.passed() == [true]
                    task('docs/y').outcome == SCOPE_VIOLATION
                    task('docs/y').violations*.kind == ['scope', 'off_limits']
                    run.spend.tokens == 1500
                    run.exitCode == 2
                }
            }
            """)

        when:
        def r = test('--keep', '--json')

        then:
        r.exitCode == 0
        def doc = r.json
        doc.ok == true
        doc.passed == 1 && doc.failed == 0 && doc.errors == 0
        doc.tests[0].file == 'tests/a.wtest.groovy'
        doc.tests[0].line == 1
        doc.tests[0].status == 'passed'
        r.err.contains('PASS tests/a.wtest.groovy:1 in and out of scope')

        when: 'the kept scratch repository is looked at'
        Path kept = Path.of(doc.tests[0].kept as String)
        Path runs = kept.resolve('.wtcraft/runs')
        Path run = Files.list(runs).find { Files.isDirectory(it) && it.fileName.toString() ==~ /\d{8}T.*/ }
        def events = Files.readString(run.resolve('tasks/feat/x/events.jsonl')).readLines().collect { new JsonSlurper().parseText(it) }

        then: 'the engine said its message, ran its command through the ledger, and the commit holds its edits'
        events.any { it.type == 'agent.message' && it.data.text == 'done' }
        events.any { it.type == 'agent.command_exited' && it.data.exit_code == 0 }
        new JsonSlurper().parse(run.resolve('tasks/feat/x/usage.json').toFile()).total_tokens == 1500
        GitRepo.gitIn(kept, 'show', '--name-status', '--format=', 'feat/x').readLines().sort() ==
                ['A\tsrc/a.ts', 'A\tsrc/ran.txt', 'D\tsrc/old.ts']

        cleanup:
        if (kept != null) {
            Scratch.remove(kept.parent) // kept on purpose, under the temporary directory
        }
    }

    def "a condition that does not hold fails the test at its own line, with the expression's values; exit 10"() {
        given:
        write('tests/b.wtest.groovy', """\
            test('first') {
                repo { file 'README.md', 'hello' }
            ${RECIPE}
                engine 'coder' { edit 'src/a.ts', 'x' }
                engine 'writer' { edit 'docs/y.md', 'y' }
                expect {
                    task('feat/x').outcome == PASSED
                    task('docs/y').changed == ['docs/z.md']
                    task('feat/x').outcome == VERIFY_FAILED
                }
            }
            """)
        int line = Files.readAllLines(repo.root.resolve('tests/b.wtest.groovy')).findIndexOf { it.contains("docs/z.md") } + 1

        when:
        def r = test('tests/b.wtest.groovy', '--junit', 'out/junit.xml')

        then:
        r.exitCode == 10
        r.out.contains("FAIL tests/b.wtest.groovy:1 first")
        r.out.contains("tests/b.wtest.groovy:${line}: test 'first' expected:")
        r.out.contains("task('docs/y').changed == ['docs/z.md']")
        r.out.contains("['docs/y.md']")
        r.out.contains('false')
        !r.out.contains('VERIFY_FAILED') // the first condition that fails ends the test
        r.out.contains('1 test: 0 passed, 1 failed, 0 errors')

        and: 'the JUnit XML has the failure with its message'
        def xml = new groovy.xml.XmlSlurper().parse(repo.root.resolve('out/junit.xml').toFile())
        xml.@tests == '1'
        xml.@failures == '1'
        xml.testsuite.testcase.@name == 'first'
        xml.testsuite.testcase.failure.@message.toString().startsWith("tests/b.wtest.groovy:${line}:")
    }

    def "a mistake in a test file is one line at its file, line and column, with did-you-mean; exit 1"() {
        given:
        write('tests/c.wtest.groovy', """\
            test('typo') {
                recipe '''task('feat/x') { engine 'coder'; prompt 'x' }'''
                engin 'coder' { edit 'a', 'b' }
            }
            """)

        when:
        def r = test()

        then:
        r.exitCode == 1
        r.out.contains("tests/c.wtest.groovy:3:5: unknown keyword 'engin' in test 'typo'; did you mean 'engine'?")
        !r.out.contains('Exception')
        !r.err.contains('at dev.wtcraft')
    }

    def "an unknown name in expect is an error at its line with did-you-mean, and the other tests still run"() {
        given:
        write('tests/d.wtest.groovy', """\
            test('misspelled outcome') {
                recipe '''task('feat/x') { engine 'coder'; prompt 'x' }'''
                engine 'coder' { edit 'a.txt', 'b' }
                expect {
                    task('feat/x').outcome == PASSD
                }
            }

            test('no such task') {
                recipe '''task('feat/x') { engine 'coder'; prompt 'x' }'''
                engine 'coder' { edit 'a.txt', 'b' }
                expect { task('feat/y').outcome == PASSED }
            }

            test('passes') {
                recipe '''task('feat/x') { engine 'coder'; prompt 'x'; scope 'a.txt' }'''
                engine 'coder' { edit 'a.txt', 'b' }
                expect { task('feat/x').passed() }
            }
            """)

        when:
        def r = test('--json')

        then:
        r.exitCode == 10
        def doc = r.json
        doc.tests*.status == ['error', 'error', 'passed']
        doc.tests[0].message.startsWith("tests/d.wtest.groovy:5:")
        doc.tests[0].message.contains("unknown name 'PASSD' in the expect block; did you mean 'PASSED'?")
        doc.tests[1].message.startsWith("tests/d.wtest.groovy:12:")
        doc.tests[1].message.contains("the run has no task 'feat/y'; did you mean 'feat/x'?")
    }

    def "a mistake in the recipe under test names the test and the recipe's own line"() {
        given:
        write('tests/e.wtest.groovy', """\
            test('bad recipe') {
                recipe '''
                    task('feat/x') {
                        scopes 'src/'
                    }
                '''
            }
            """)

        when:
        def r = test()

        then:
        r.exitCode == 10
        r.out.contains("ERROR tests/e.wtest.groovy:1 bad recipe")
        r.out.contains("test 'bad recipe': its recipe (the inline recipe of test 'bad recipe'): wtcraft.groovy:3:")
        r.out.contains("unknown keyword 'scopes'")
    }

    def "a script for one task and one attempt; the recipe's own engine does the rest"() {
        given:
        write('tests/f.wtest.groovy', """\
            test('per task and attempt') {
                recipe '''
                    engines { shell 'gen', 'echo real > out.txt' }
                    task('gen/a') { engine 'gen'; prompt 'a'; scope 'out.txt'; attempts 2; verify { run 'grep -qx fixed out.txt' } }
                    task('gen/b') { engine 'gen'; prompt 'b'; scope 'out.txt' }
                '''
                engine('gen', task: 'gen/a') { edit 'out.txt', 'wrong\\n' }
                engine('gen', task: 'gen/a', attempt: 2) { edit 'out.txt', 'fixed\\n' }
                expect {
                    task('gen/a').outcome == PASSED
                    task('gen/a').attempts == 2
                    task('gen/b').outcome == PASSED
                    task('gen/b').changed == ['out.txt']
                }
            }
            """)

        expect:
        test().exitCode == 0
    }

    def "a recipe from a file and a fixture directory, both relative to the test file; a misspelled result is named"() {
        given:
        write('tests/fixtures/app/src/app.txt', 'v1\n')
        write('tests/fixtures/app/package.json', '{}\n')
        write('tests/recipes/bump.groovy', """\
            engines { shell 'bumper', 'echo v2 > src/app.txt' }
            task('chore/bump') { engine 'bumper'; prompt 'bump'; scope 'src/'; offLimits 'package.json' }
            """)
        write('tests/g.wtest.groovy', """\
            test('from a fixture') {
                repo { from 'fixtures/app'; file 'README.md', 'extra' }
                recipe file: 'recipes/bump.groovy'
                expect {
                    task('chore/bump').outcome == PASSED
                    task('chore/bump').changed == ['src/app.txt']
                }
            }

            test('misspelled') {
                repo { from 'fixtures/app' }
                recipe file: 'recipes/bump.groovy'
                expect { task('chore/bump').outcom == PASSED }
            }
            """)

        when:
        def r = test('tests/g.wtest.groovy', '--json')

        then:
        r.exitCode == 10
        def doc = r.json
        doc.tests*.status == ['passed', 'error']
        doc.tests[1].message.startsWith('tests/g.wtest.groovy:13:')
        doc.tests[1].message.contains("unknown name 'outcom' of Task; did you mean 'outcome'?")
    }

    def "no test files: exit 1 with what to write"() {
        expect:
        with(test()) {
            exitCode == 1
            err.contains('no tests/ directory in')
        }
    }
}
