package dev.wtcraft.run

import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/**
 * A dirty main checkout: the tasks start from the branch's last commit, so a run names the uncommitted files they
 * will not see; `--include-uncommitted` carries them into the tasks' base as a commit of their own, recorded in
 * run.json, leaving the checkout, its index and its branch as they were, and not counting them as the task's change.
 */
class UncommittedSpec extends WtcraftSpecification {
    static final String RECIPE = '''\
        engines { shell 'scripted', 'sh engine.sh' }
        task('feat/a') {
            engine 'scripted'
            prompt 'Write src/a.txt.'
            scope 'src/'
            verify { run 'test -s src/a.txt' }
        }
        '''.stripIndent()

    def setup() {
        repo.write('.gitignore', 'build/\n')
        repo.write('engine.sh', 'mkdir -p src && echo committed > src/a.txt\n')
        repo.write('wtcraft.groovy', RECIPE)
        assert wtcraft('init', '--local').exitCode == 0
        repo.commit('a recipe, its engine script and what init installs')
    }

    /** The edits a person has not committed yet: a tracked file changed, a file staged, one untracked, build output. */
    private void editWithoutCommitting() {
        repo.write('engine.sh', 'mkdir -p src && cat fixture.txt > src/a.txt\n')
        repo.write('fixture.txt', 'uncommitted\n')
        repo.write('notes.txt', 'staged\n')
        repo.git('add', 'notes.txt')
        repo.write('build/out.bin', 'build output\n')
    }

    private Map runJson() {
        Path f = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.fileName.toString() == 'run.json' }.findFirst().get()
        }
        new JsonSlurper().parse(f.toFile()) as Map
    }

    def "a run names the uncommitted files its tasks will not see, and the task works from the last commit"() {
        given:
        editWithoutCommitting()

        when:
        def run = wtcraft('run')

        then:
        run.exitCode == 0
        def line = run.out.readLines().find { it.contains('uncommitted files in the main checkout') }
        line == '[run] 3 uncommitted files in the main checkout will not be in the tasks\' worktrees (they start from' +
                " main's last commit): engine.sh, notes.txt, fixture.txt; commit them, or run with --include-uncommitted" +
                ' to carry them in'
        repo.worktree('feat/a').resolve('src/a.txt').toFile().text == 'committed\n'
        !Files.exists(repo.worktree('feat/a').resolve('fixture.txt'))
        runJson().carried == null
    }

    def "a clean checkout, or one where only the recipe is uncommitted, says nothing of uncommitted files"() {
        given:
        if (recipeEdited) {
            repo.write('wtcraft.groovy', RECIPE + '// edited, not committed: wtcraft reads it from here\n')
        }

        when:
        def run = wtcraft('run')

        then:
        run.exitCode == 0
        !run.out.contains('uncommitted')

        where:
        recipeEdited << [false, true]
    }

    def "--include-uncommitted carries them into the task's base, records them, and leaves the checkout as it was"() {
        given:
        editWithoutCommitting()
        String head = repo.git('rev-parse', 'HEAD').trim()
        String status = repo.git('status', '--porcelain', '--untracked-files=all')
        String staged = repo.git('diff', '--cached', '--name-only')

        when:
        def run = wtcraft('run', '--include-uncommitted')
        def carried = runJson().carried as Map

        then: 'the engine ran the edited script, reading the untracked fixture, and the task passed its scope'
        run.exitCode == 0
        run.out.contains('[run] carrying 3 uncommitted files of the main checkout into the tasks that start from main')
        repo.worktree('feat/a').resolve('src/a.txt').toFile().text == 'uncommitted\n'
        !Files.exists(repo.worktree('feat/a').resolve('build/out.bin'))

        and: 'the ledger has the commit, on the branch\'s last commit, with exactly those files'
        carried.branch == 'main'
        carried.parent == head
        carried.files == ['engine.sh', 'notes.txt', 'fixture.txt']
        repo.git('rev-parse', "${carried.commit}^").trim() == head
        repo.git('diff-tree', '--no-commit-id', '--name-only', '-r', carried.commit as String).readLines().sort() ==
                ['engine.sh', 'fixture.txt', 'notes.txt']
        repo.git('merge-base', '--is-ancestor', carried.commit as String, 'feat/a') == ''

        and: 'the main checkout, its index and its branch are untouched'
        repo.git('rev-parse', 'HEAD').trim() == head
        repo.git('status', '--porcelain', '--untracked-files=all') == status
        repo.git('diff', '--cached', '--name-only') == staged

        and: 'the carried files are not the task\'s change'
        def check = wtcraft('check', repo.worktree('feat/a').toString(), '--json')
        check.exitCode == 0
        new JsonSlurper().parseText(check.out).changed_files == ['src/a.txt']
    }

    def "the same uncommitted work makes the same base: a resumed run keeps the task; other work runs it again"() {
        given:
        editWithoutCommitting()
        assert wtcraft('run', '--include-uncommitted').exitCode == 0

        when:
        def same = wtcraft('run', '--resume', '--explain', '--include-uncommitted')
        repo.write('fixture.txt', 'edited again\n')
        def other = wtcraft('run', '--resume', '--explain', '--include-uncommitted')

        then:
        same.out.readLines() == ['feat/a: passed before and unchanged: not run again']
        other.out.readLines() == ['feat/a: will run again (changed: base_commit)']
    }
}
