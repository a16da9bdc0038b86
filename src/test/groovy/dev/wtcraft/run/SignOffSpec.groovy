package dev.wtcraft.run

import dev.wtcraft.ledger.ReviewVerdict
import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/** Review, then finish: real repositories, real worktrees, the real command line. */
class SignOffSpec extends WtcraftSpecification {
    static final JsonSlurper JSON = new JsonSlurper()

    static final String APPROVER = 'echo "Read the diff."; echo "VERDICT: APPROVE"; echo "- small and in scope"'
    static final String REJECTER = 'echo "VERDICT: REQUEST_CHANGES"; echo "- the new function has no test"'

    Path recipe(String text) {
        repo.write('wtcraft.groovy', text.stripIndent())
        repo.commit('recipe')
        repo.root.resolve('wtcraft.groovy')
    }

    Map state(Path worktree) {
        JSON.parseText(Files.readString(worktree.resolve('.worktree-state.json'))) as Map
    }

    String mainTree() {
        repo.git('rev-parse', 'main^{tree}').trim()
    }

    /** A recipe of one reviewed task that writes src/<name>.txt, run to completion. */
    Map runOne(String name = 'feat/one', String reviewer = APPROVER, String extra = '') {
        recipe("""\
            engines {
                shell 'writer', 'mkdir -p src && echo "\$WTCRAFT_TASK" > src/\$(basename \$WTCRAFT_TASK).txt'
                shell 'reviewer', '${reviewer.replace("'", "\\'")}'
            }
            task('${name}') {
                engine 'writer'
                scope 'src/'
                verify { run 'test -s src/\$(basename ${name}).txt' }
                review { engine 'reviewer' }
                ${extra}
            }
            """)
        def run = wtcraft('run', '--json')
        run.json as Map
    }

    def "a reviewer's VERDICT line is parsed: approve, request changes, and anything else"() {
        expect:
        Verdict.read(message).verdict() == verdict
        Verdict.read(message).note() == note

        where:
        message                                                   | verdict                  | note
        'All good.\nVERDICT: APPROVE\n- tidy'                     | ReviewVerdict.APPROVE          | null
        '**VERDICT: APPROVE**'                                    | ReviewVerdict.APPROVE          | null
        'VERDICT: REQUEST_CHANGES\n- missing test'                | ReviewVerdict.REQUEST_CHANGES  | null
        'Looks good to me, approve!'                              | ReviewVerdict.REQUEST_CHANGES  | "the reviewer's final message has no 'VERDICT: APPROVE' or 'VERDICT: REQUEST_CHANGES' line"
        'VERDICT: APPROVE\nVERDICT: REQUEST_CHANGES'              | ReviewVerdict.REQUEST_CHANGES  | 'the reviewer gave conflicting verdicts: APPROVE, REQUEST_CHANGES'
        'VERDICT: LGTM'                                           | ReviewVerdict.REQUEST_CHANGES  | "unknown verdict 'LGTM' (only APPROVE and REQUEST_CHANGES count)"
        'I approve. VERDICT: APPROVE'                             | ReviewVerdict.REQUEST_CHANGES  | "the reviewer's final message has no 'VERDICT: APPROVE' or 'VERDICT: REQUEST_CHANGES' line"
        null                                                      | ReviewVerdict.REQUEST_CHANGES  | 'the reviewer gave no final message'
    }

    def "a run reviews a passing task: the verdict is in the ledger, the state file and the summary"() {
        when:
        def doc = runOne()
        def runId = doc.run_id
        def task = (doc.tasks as List<Map>)[0]
        def taskDir = repo.root.resolve(".wtcraft/runs/${runId}/tasks/feat/one")
        def review = JSON.parseText(Files.readString(taskDir.resolve('review/review.json')))
        def prompt = Files.readString(taskDir.resolve('review/prompt.md'))

        then:
        doc.exit_code == 0
        task.outcome == 'passed'
        task.review.verdict == 'approve'
        task.review.reviewer == 'reviewer'
        review.verdict == 'approve'
        review.summary == 'small and in scope'
        !review.worktree_changed
        prompt.contains('VERDICT: APPROVE')
        prompt.contains('## The contract')
        prompt.contains('+feat/one')                       // the diff is in the prompt
        prompt.contains('verify `test -s src/$(basename feat/one).txt`: pass')
        state(repo.worktree('feat/one')).stage == 'approved'
        state(repo.worktree('feat/one')).review_result == 'approve'
        wtcraft('status', '--json').json[0].subMap('review_required', 'review_result', 'landed_commit') ==
                [review_required: true, review_result: 'approve', landed_commit: null]
        Files.readString(taskDir.resolve('summary.md')).contains('approve by reviewer: small and in scope')
        Files.readAllLines(taskDir.resolve('events.jsonl')).any { it.contains('"type":"review.verdict"') }
    }

    def "a request for changes fails the task, feeds the next attempt, and blocks finish"() {
        when:
        def doc = runOne('feat/one', REJECTER, "attempts 2")
        def task = (doc.tasks as List<Map>)[0]
        def taskDir = repo.root.resolve(".wtcraft/runs/${doc.run_id}/tasks/feat/one")
        def feedback = Files.readString(taskDir.resolve('attempt-2/feedback.md'))
        def finish = wtcraft('finish', 'feat/one')

        then:
        doc.exit_code == 5
        task.outcome == 'changes_requested'
        task.attempts == 2
        feedback.contains('requested changes')
        feedback.contains('the new function has no test')
        state(repo.worktree('feat/one')).stage == 'replan'
        finish.exitCode == 6
        finish.out.contains('the reviewer requested changes: the new function has no test')
        repo.git('log', '--oneline', 'main').readLines().size() == 2    // seed, recipe: nothing landed
    }

    def "wtcraft review re-reviews by hand, read-only: a reviewer that edits files is overruled"() {
        given:
        runOne('feat/one', REJECTER)
        def wt = repo.worktree('feat/one')

        when:
        def approve = wtcraft('review', 'feat/one', '--command', APPROVER, '--json')
        def tamper = wtcraft('review', 'feat/one', '--command', 'echo extra >> src/one.txt; echo "VERDICT: APPROVE"')

        then:
        approve.exitCode == 0
        approve.json.verdict == 'approve'
        approve.json.ledger.contains('/tasks/feat/one/review-2')
        tamper.exitCode == 5
        tamper.out.contains('the reviewer changed the worktree during a read-only review')
        state(wt).review_result == 'request_changes'
        state(wt).stage == 'replan'
    }

    def "wtcraft review with no reviewer named says how to name one"() {
        given:
        def wt = newTask('feat/manual')

        when:
        def r = wtcraft('review', 'feat/manual')

        then:
        r.exitCode == 1
        r.err.trim() == "wtcraft review: no reviewer for feat/manual: pass --engine codex|claude|gemini|NAME or --command CMD, or give the task a review { engine '...' } block in wtcraft.groovy"
    }

    def "a reviewed and verified task finishes with strategy #strategy"() {
        given:
        runOne()
        def before = repo.git('rev-parse', 'main').trim()

        when:
        def r = wtcraft('finish', 'feat/one', '--strategy', strategy, '--json')
        def doc = r.json

        then:
        r.exitCode == 0
        doc.result == 'landed'
        doc.base_before == before
        repo.git('rev-parse', 'main').trim() == doc.commit
        repo.git('show', 'main:src/one.txt') == 'feat/one\n'
        Files.readString(repo.root.resolve('src/one.txt')) == 'feat/one\n'   // main's worktree moved with it
        repo.git('status', '--porcelain', '--untracked-files=no').trim() == ''
        repo.git('rev-list', '--parents', '-n', '1', 'main').trim().split(' ').size() - 1 == parents
        repo.git('log', '-1', '--format=%s', 'main').trim() ==~ subject
        !Files.exists(repo.worktree('feat/one'))
        !repo.git('branch', '--list', 'feat/one').trim()
        def ledger = repo.root.resolve(".wtcraft/runs").toFile().listFiles().find { it.isDirectory() && it.name != 'reviews' }.toPath()
        JSON.parseText(Files.readString(ledger.resolve('run.json'))).tasks['feat/one'].landed.commit == doc.commit
        JSON.parseText(Files.readString(ledger.resolve('tasks/feat/one/finish.json'))).strategy == strategy

        where:
        strategy | parents | subject
        'merge'  | 2       | /Merge task feat\/one into main/
        'squash' | 1       | /feat\/one: .*/
        'rebase' | 1       | /wtcraft: feat\/one by writer .*/
    }

    def "an unready task is refused with the reason, and nothing moves"() {
        given:
        def wt = newTask('feat/manual', ['--scope', 'src/'])
        GitRepo.writeIn(wt, 'src/x.txt', 'x\n')
        def before = repo.git('rev-parse', 'main').trim()

        when:
        def never = wtcraft('finish', 'feat/manual')
        wtcraft('check', 'feat/manual')
        wtcraft('verify', 'feat/manual')
        GitRepo.writeIn(wt, 'src/x.txt', 'changed after verify\n')
        def stale = wtcraft('finish', 'feat/manual', '--json')

        then:
        never.exitCode == 6
        never.out.trim() == 'feat/manual: not ready: check has not run (run wtcraft check feat/manual); verify has not run (run wtcraft verify feat/manual)'
        stale.exitCode == 6
        stale.json.result == 'not_ready'
        stale.json.reasons == ['the contents changed since check passed (run wtcraft check feat/manual again)',
                               'the contents changed since verify passed (run wtcraft verify feat/manual again)']
        repo.git('rev-parse', 'main').trim() == before
        Files.exists(wt)
    }

    def "a task without a run lands its uncommitted work once check and verify pass on it"() {
        given:
        def wt = newTask('feat/manual', ['--scope', 'src/'])
        GitRepo.writeIn(wt, 'src/x.txt', 'x\n')
        assert wtcraft('check', 'feat/manual').exitCode == 0
        assert wtcraft('verify', 'feat/manual').exitCode == 0

        when:
        def dry = wtcraft('finish', 'feat/manual', '--dry-run')
        def mainAfterDry = repo.git('rev-parse', 'main').trim()
        def r = wtcraft('finish', 'feat/manual', '--keep', '--strategy', 'squash')

        then:
        dry.exitCode == 0
        dry.out.contains('would land on main')
        r.exitCode == 0
        mainAfterDry != repo.git('rev-parse', 'main').trim()
        repo.git('show', 'main:src/x.txt') == 'x\n'
        Files.exists(wt)                                          // --keep
        state(wt).stage == 'done'
        state(wt).landed_commit == repo.git('rev-parse', 'main').trim()
        GitRepo.gitIn(wt, 'status', '--porcelain', '--untracked-files=no').trim() == ''
        wtcraft('finish', 'feat/manual').out.contains('already landed')
    }

    def "the local contract and state files never land, even where no ignore rule keeps them out"() {
        given: 'a task made without init: nothing ignores .worktree-task.md and .worktree-state.json'
        assert wtcraft('new', 'feat/bare', '--scope', 'src/').exitCode == 0
        def wt = repo.worktree('feat/bare')
        GitRepo.writeIn(wt, 'src/x.txt', 'x\n')
        assert wtcraft('check', 'feat/bare').exitCode == 0
        assert wtcraft('verify', 'feat/bare').exitCode == 0

        when:
        def r = wtcraft('finish', 'feat/bare', '--strategy', 'squash')
        def landed = repo.git('ls-tree', '-r', '--name-only', 'main').readLines()

        then:
        r.exitCode == 0
        landed.contains('src/x.txt')
        !landed.contains('.worktree-task.md')
        !landed.contains('.worktree-state.json')
    }

    def "a conflicting task leaves the base branch exactly as it was"() {
        given:
        runOne()
        repo.write('src/one.txt', 'main changed this meanwhile\n')
        repo.commit('main moves on')
        def head = repo.git('rev-parse', 'main').trim()
        def tree = mainTree()
        def refs = repo.git('for-each-ref').trim()

        when:
        def results = ['merge', 'squash', 'rebase'].collect { wtcraft('finish', 'feat/one', '--strategy', it, '--json') }

        then:
        results.every { it.exitCode == 7 }
        results.every { it.json.result == 'conflict' && it.json.conflicts == ['src/one.txt'] }
        repo.git('rev-parse', 'main').trim() == head
        mainTree() == tree
        repo.git('for-each-ref').trim() == refs
        repo.git('status', '--porcelain', '--untracked-files=no').trim() == ''
        repo.git('worktree', 'list').readLines().size() == 2            // main and the task: no scratch left
        Files.exists(repo.worktree('feat/one'))
        state(repo.worktree('feat/one')).stage == 'approved'
    }

    def "finish --all lands a three-task chain in dependency order"() {
        given:
        recipe('''\
            engines {
                shell 'writer', 'mkdir -p src && echo "$WTCRAFT_TASK" > src/$(basename $WTCRAFT_TASK).txt'
            }
            task('chain/c') { engine 'writer'; scope 'src/'; dependsOn 'chain/b'; verify { run 'test -s src/a.txt && test -s src/b.txt' } }
            task('chain/a') { engine 'writer'; scope 'src/' }
            task('chain/b') { engine 'writer'; scope 'src/'; dependsOn 'chain/a'; verify { run 'test -s src/a.txt' } }
            ''')
        def run = wtcraft('run', '--json')
        assert run.exitCode == 0: run.toString()

        when:
        def r = wtcraft('finish', '--all', '--json')
        def subjects = repo.git('log', '--first-parent', '--format=%s', 'main').readLines()

        then:
        r.exitCode == 0
        r.json.tasks*.task == ['chain/a', 'chain/b', 'chain/c']
        r.json.tasks*.result == ['landed', 'landed', 'landed']
        subjects.take(3) == ['Merge task chain/c into main', 'Merge task chain/b into main', 'Merge task chain/a into main']
        repo.git('show', 'main:src/c.txt') == 'chain/c\n'
        repo.git('worktree', 'list').readLines().size() == 1
        wtcraft('finish', '--all', '--json').json.tasks*.result == ['already_landed'] * 3
    }

    def "finish --all --stop-at-first stops at the first task that cannot land, saying why"() {
        given:
        recipe('''\
            engines { shell 'writer', 'mkdir -p src && echo "$WTCRAFT_TASK" > src/$(basename $WTCRAFT_TASK).txt' }
            task('chain/a') { engine 'writer'; scope 'src/' }
            task('chain/b') { engine 'writer'; scope 'src/'; dependsOn 'chain/a'; verify { run 'false' } }
            task('chain/c') { engine 'writer'; scope 'src/'; dependsOn 'chain/b' }
            ''')
        wtcraft('run')

        when:
        def r = wtcraft('finish', '--all', '--stop-at-first')

        then:
        r.exitCode == 6
        r.out.readLines()[0].startsWith('chain/a: landed on main')
        r.out.readLines()[1] == 'chain/b: not ready: verify failed (run wtcraft verify chain/b)'
        r.out.readLines().size() == 2
        r.err.contains('stopped at chain/b')
        repo.git('show', 'main:src/a.txt') == 'chain/a\n'
    }

    def "finish --all lands every ready task, skips the unready one and its dependents, and exits with the first problem's code"() {
        given:
        recipe('''\
            engines { shell 'writer', 'mkdir -p src && echo "$WTCRAFT_TASK" > src/$(basename $WTCRAFT_TASK).txt' }
            task('chain/a') { engine 'writer'; scope 'src/' }
            task('chain/b') { engine 'writer'; scope 'src/'; dependsOn 'chain/a'; verify { run 'false' } }
            task('chain/c') { engine 'writer'; scope 'src/'; dependsOn 'chain/b' }
            task('solo/d') { engine 'writer'; scope 'src/' }
            ''')
        wtcraft('run')

        when:
        def r = wtcraft('finish', '--all')
        def again = wtcraft('finish', '--all', '--json')

        then:
        r.exitCode == 6
        r.out.readLines() == [r.out.readLines()[0], 'chain/b: not ready: verify failed (run wtcraft verify chain/b)',
                              'chain/c: not ready: it depends on chain/b, which did not land', r.out.readLines()[3]]
        r.out.readLines()[0].startsWith('chain/a: landed on main')
        r.out.readLines()[3].startsWith('solo/d: landed on main')
        r.err.trim() == 'wtcraft finish: not landed: chain/b, chain/c (reasons above)'
        repo.git('show', 'main:src/d.txt') == 'solo/d\n'
        again.exitCode == 6
        again.json.skipped == ['chain/b', 'chain/c']
        again.json.stopped_at == null
        again.json.tasks*.result == ['already_landed', 'not_ready', 'not_ready', 'already_landed']
    }
}
