package dev.wtcraft.run

import dev.wtcraft.support.AttackReport
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The engine writes its worktree, its state file included: nothing wtcraft decides rests on that file, and an engine
 * that tampers with its contract or state ends its own task `contract_tampered` while the rest of the run goes on.
 */
class TamperSpec extends WtcraftSpecification {
    static final JsonSlurper JSON = new JsonSlurper()

    void recipe(String text) {
        repo.write('wtcraft.groovy', text.stripIndent())
        repo.commit('recipe')
    }

    Map runJson(String id) {
        JSON.parse(repo.root.resolve(".wtcraft/runs/${id}/run.json").toFile()) as Map
    }

    def "an engine that names where its task lands, or forges its sign-off, lands nowhere it chose"() {
        given: 'an engine that writes land_on (and a forged approval) into its own state file'
        repo.git('branch', 'evil')
        repo.write('forge.py', '''\
            import json, os, sys
            p = '.worktree-state.json'
            s = json.load(open(p))
            s[sys.argv[1]] = sys.argv[2]
            json.dump(s, open(p, 'w'), indent=2)
            os.makedirs('src', exist_ok=True)
            open('src/x.txt', 'w').write('x')
            '''.stripIndent())
        recipe('''\
            engines {
                shell 'lander', 'python3 forge.py land_on evil'
                shell 'approver', 'python3 forge.py review_result approve'
                shell 'writer', 'mkdir -p src && echo y > src/y.txt'
                shell 'reviewer', 'echo "VERDICT: APPROVE"'
            }
            task('feat/lander') { engine 'lander'; scope 'src/' }
            task('feat/approver') { engine 'approver'; scope 'src/'; review { engine 'reviewer' } }
            task('feat/fine') { engine 'writer'; scope 'src/' }
            ''')
        def evilBefore = repo.git('rev-parse', 'evil').trim()

        when:
        def run = wtcraft('run', '--json')
        assert run.json.tasks: run.toString()
        def finish = wtcraft('finish', '--all')
        def report = new AttackReport('the state file decides nothing')
        def tasks = run.json.tasks.collectEntries { [it.task, it] }
        report.record('land_on in the state file', tasks['feat/lander'].outcome == 'contract_tampered'
                && repo.git('rev-parse', 'evil').trim() == evilBefore,
                'contract_tampered; evil untouched', "outcome ${tasks['feat/lander'].outcome}")
        report.record('a forged approval', tasks['feat/approver'].outcome == 'contract_tampered',
                'contract_tampered', "outcome ${tasks['feat/approver'].outcome}")
        report.record('the others go on', tasks['feat/fine'].outcome == 'passed'
                && repo.git('show', 'main:src/y.txt') == 'y\n', 'feat/fine passed and landed on main',
                "feat/fine ${tasks['feat/fine'].outcome}")

        then:
        report.allStopped()
        run.exitCode == 2
        tasks['feat/lander'].reason == "the state file's land_on was changed while the engine ran"
        finish.exitCode == 6
    }

    def "a state file edited by hand or by an engine does not move where finish lands or what it deems checked"() {
        given: 'a task made by hand, checked and verified, whose state file then names another branch and a pass'
        repo.git('branch', 'evil')
        def wt = newTask('feat/manual', ['--scope', 'src/', '--verify', 'true'])
        Files.createDirectories(wt.resolve('src'))
        Files.writeString(wt.resolve('src/a.txt'), 'a\n')
        assert wtcraft('check', 'feat/manual').exitCode == 0
        assert wtcraft('verify', 'feat/manual').exitCode == 0
        def state = JSON.parse(wt.resolve('.worktree-state.json').toFile()) as Map
        state.land_on = 'evil'
        Files.writeString(wt.resolve(".worktree-state.json"), groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(state)) + "\n")
        def evil = repo.git('rev-parse', 'evil').trim()

        when:
        def finish = wtcraft('finish', 'feat/manual')

        then:
        finish.exitCode == 0
        finish.out.contains('landed on main')
        repo.git('rev-parse', 'evil').trim() == evil
        repo.git('show', 'main:src/a.txt') == 'a\n'
    }

    def "a check result written into the state file is no evidence for finish"() {
        given:
        def wt = newTask('feat/claims', ['--scope', 'src/', '--verify', 'true'])
        Files.createDirectories(wt.resolve('src'))
        Files.writeString(wt.resolve('src/a.txt'), 'a\n')
        def state = JSON.parse(wt.resolve('.worktree-state.json').toFile()) as Map
        def snapshot = wtcraft('status', '--json').json // nothing recorded yet
        state.check_result = 'pass'
        state.verify_result = 'pass'
        Files.writeString(wt.resolve(".worktree-state.json"), groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(state)) + "\n")

        when:
        def finish = wtcraft('finish', 'feat/claims')

        then:
        finish.exitCode == 6
        finish.out.contains('check has not run')
        snapshot[0].ready == false
    }

    def "an engine that #what ends its task contract_tampered; the other task passes and the run exits 2"() {
        given:
        recipe("""\
            engines {
                shell 'tamper', '${attack.replace("'", "\\'")}'
                shell 'writer', 'mkdir -p src && echo y > src/y.txt'
            }
            task('feat/tamper') { engine 'tamper'; scope 'src/' }
            task('feat/fine') { engine 'writer'; scope 'src/' }
            """)

        when:
        def run = wtcraft('run', '--json')
        def tasks = run.json.tasks.collectEntries { [it.task, it] }

        then:
        run.exitCode == 2
        tasks['feat/tamper'].outcome == 'contract_tampered'
        tasks['feat/tamper'].reason.contains(reason)
        tasks['feat/fine'].outcome == 'passed'
        runJson(run.json.run_id).exit_code == 2

        where:
        what                                   | attack                                                        | reason
        'deletes its contract'                 | 'rm .worktree-task.md'                                        | 'missing contract'
        'symlinks its contract elsewhere'      | 'cp .worktree-task.md /tmp/c.md && rm .worktree-task.md && ln -s /tmp/c.md .worktree-task.md' | 'not a regular file'
        'widens its own Scope'                 | "sed -i 's|^- src/\$|- **|' .worktree-task.md"                  | 'the contract .worktree-task.md was changed'
        'moves its own base'                   | "sed -i 's|^base: .*|base: HEAD|' .worktree-task.md"            | 'the contract .worktree-task.md was changed'
        'forges its state file'                | 'echo "{garbage" > .worktree-state.json'                      | '.worktree-state.json'
        'replaces its state file with a FIFO'  | 'rm .worktree-state.json && mkfifo .worktree-state.json'      | 'not a regular file'
        'deletes its state file'               | 'rm .worktree-state.json'                                     | 'was removed while the engine ran'
    }

    /** wtcraft as a process of its own, from the tests' class path: two runners are two processes. */
    Process runner(String... args) {
        def cmd = [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-cp',
                   System.getProperty('java.class.path'), 'dev.wtcraft.cli.Main'] + args.toList()
        def pb = new ProcessBuilder(cmd).directory(repo.root.toFile()).redirectErrorStream(true)
        pb.environment().remove('WTCRAFT_BASE_BRANCH')
        def p = pb.start()
        p.outputStream.close()
        p
    }

    String output(Process p) {
        new String(p.inputStream.readAllBytes(), StandardCharsets.UTF_8)
    }

    def "two runners in one repository on disjoint tasks both succeed; a second one on a live task names the holder"() {
        given:
        recipe('''\
            engines { shell 'slow', 'sleep 3; mkdir -p src && echo "$WTCRAFT_TASK" > src/$(basename $WTCRAFT_TASK).txt' }
            task('feat/a') { engine 'slow'; scope 'src/' }
            task('feat/b') { engine 'slow'; scope 'src/' }
            ''')

        when:
        def a = runner('run', '--task', 'feat/a')
        def leases = repo.root.resolve('.wtcraft/leases')
        long deadline = System.nanoTime() + 30_000_000_000L
        while (!Files.exists(leases.resolve('feat~a.json')) && System.nanoTime() < deadline) {
            Thread.sleep(50)
        }
        def b = runner('run', '--task', 'feat/b')
        def again = runner('run', '--task', 'feat/a')
        String againOut = output(again)
        again.waitFor(60, TimeUnit.SECONDS)
        String aOut = output(a)
        String bOut = output(b)
        a.waitFor(60, TimeUnit.SECONDS)
        b.waitFor(60, TimeUnit.SECONDS)

        then:
        a.exitValue() == 0
        b.exitValue() == 0
        !aOut.contains('git_internals') && !bOut.contains('git_internals')
        again.exitValue() == 1
        againOut =~ /task feat\/a is being run by wtcraft run \d{8}T\d{6}Z-[0-9a-f]{6} \(pid ${a.pid()} on .+, started \d{4}-.+\)/
        !againOut.contains('git worktree remove')
    }
}
