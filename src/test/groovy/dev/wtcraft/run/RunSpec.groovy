package dev.wtcraft.run

import dev.wtcraft.support.GitRepo
import dev.wtcraft.testing.Processes
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

class RunSpec extends WtcraftSpecification {
    static final JsonSlurper JSON = new JsonSlurper()

    Path recipe(String text) {
        repo.write('wtcraft.groovy', text.stripIndent())
        repo.commit('recipe')
        repo.root.resolve('wtcraft.groovy')
    }

    Path runDir(String runId) {
        repo.root.resolve(".wtcraft/runs/${runId}")
    }

    Path taskDir(String runId, String task) {
        runDir(runId).resolve("tasks/${task}")
    }

    List<Map> events(String runId, String task) {
        Files.readAllLines(taskDir(runId, task).resolve('events.jsonl')).collect { JSON.parseText(it) as Map }
    }

    boolean alive(long pid) {
        !Processes.stops(pid, java.time.Duration.ofSeconds(2))
    }

    def "a recipe runs end to end: one task in scope passes, one that strays is caught, the ledger says all of it"() {
        given:
        repo.write('package.json', '{"version": "1.0.0"}\n')
        recipe('''\
            wtcraft { base 'main' }
            engines {
                shell 'writer', 'mkdir -p src && printf "%s" "$WTCRAFT_PROMPT" > src/out.txt && cp "$WTCRAFT_PROMPT_FILE" src/prompt-copy.txt && echo done'
                shell 'stray', 'mkdir -p docs && echo doc > docs/a.md && echo bumped > package.json && echo oops >&2'
            }
            task('feat/a') {
                engine 'writer'
                prompt 'Write the thing.'
                scope 'src/'
                offLimits 'package.json'
                verify {
                    run 'grep -q "Write the thing." src/out.txt'
                    run 'test -s src/prompt-copy.txt', timeout: '30s'
                }
            }
            task('docs/a') {
                dependsOn 'feat/a'
                engine 'stray'
                prompt 'Document it.'
                scope 'docs/'
                offLimits 'package.json'
                verify { run 'test -s docs/a.md && test -s src/out.txt' }
            }
            ''')

        when:
        def run = wtcraft('run', '--json')
        def report = run.json
        def id = report.run_id
        def runJson = JSON.parse(runDir(id).resolve('run.json').toFile())

        then: 'outcomes and exit code'
        run.exitCode == 2
        report.tasks*.outcome == ['passed', 'scope_violation']
        report.tasks[1].violations.collect { [it.kind, it.file] } == [['scope', 'package.json'], ['off_limits', 'package.json']]
        run.err.contains('[feat/a] check passed')

        and: 'run.json'
        runJson.run_id == id
        runJson.recipe == 'wtcraft.groovy'
        runJson.recipe_sha256 ==~ /[0-9a-f]{64}/
        runJson.base_commit == repo.git('rev-parse', 'main').trim()
        runJson.started_at && runJson.finished_at
        runJson.tasks.collectEntries { k, v -> [k, v.subMap(['outcome', 'attempts', 'reason'])] } == ['feat/a': [outcome: 'passed', attempts: 1, reason: 'check passed; 2 passed, 0 failed of 2'],
                          'docs/a': [outcome: 'scope_violation', attempts: 1,
                                     reason: 'outside the contract: scope package.json, off_limits package.json (package.json)']]
        id ==~ /\d{8}T\d{6}Z-[0-9a-f]{6}/

        and: 'every task file'
        def a = taskDir(id, 'feat/a')
        ['meta.json', 'prompt.md', 'events.jsonl', 'usage.json', 'changed-files.txt', 'check.json', 'verify.json',
         'summary.md'].every { Files.exists(a.resolve(it)) }
        Files.readString(a.resolve('prompt.md')) == 'Write the thing.'
        JSON.parse(a.resolve('usage.json').toFile()).subMap(['schema_version', 'engine', 'total_tokens', 'turns', 'cost']) ==
                [schema_version: 1, engine: null, total_tokens: 0, turns: 0, cost: null]
        Files.readAllLines(a.resolve('changed-files.txt')) == ['src/out.txt', 'src/prompt-copy.txt']
        def meta = JSON.parse(a.resolve('meta.json').toFile())
        meta.schema_version == 1
        meta.keySet().toList().drop(1).take(11) == ['task', 'engine', 'command', 'worktree', 'branch', 'base_commit',
                                            'started_at', 'finished_at', 'exit_code', 'attempt', 'outcome']
        meta.exit_code == 0 && meta.outcome == 'passed' && meta.branch == 'feat/a'
        meta.argv.any { it.contains('src/out.txt') } && !meta.argv.any { it.contains('Write the thing.') }
        JSON.parse(a.resolve('check.json').toFile()).command == 'check'
        JSON.parse(a.resolve('verify.json').toFile()).summary == [total: 2, passed: 2, failed: 0]
        Files.readString(a.resolve('summary.md')).startsWith('# feat/a: passed')

        and: 'events are JSON lines in order, the engine output verbatim'
        def ev = events(id, 'docs/a')
        ev*.seq == (1..ev.size()).toList()
        ev.every { it.ts ==~ /\d{4}-.*Z/ }
        ev.findAll { it.type == 'stderr' }*.data*.line == ['oops']
        ev*.type.containsAll(['task.started', 'worktree.created', 'engine.started', 'engine.exited', 'commit',
                              'check', 'verify.step', 'task.finished'])

        and: 'the dependent task started from the dependency branch, with its work committed there'
        Files.readString(repo.worktree('docs/a').resolve('src/out.txt')) == 'Write the thing.'
        repo.git('log', '--format=%s', '-1', 'feat/a').trim().startsWith('wtcraft: feat/a by writer (run ')

        and: 'the state files followed the stages'
        JSON.parse(repo.worktree('feat/a').resolve('.worktree-state.json').toFile()).stage == 'approved'
        JSON.parse(repo.worktree('docs/a').resolve('.worktree-state.json').toFile()).stage == 'replan'

        and: 'the contract check and verify read what run wrote'
        wtcraft('check', 'feat/a').exitCode == 0
        wtcraft('verify', 'feat/a').exitCode == 0
        wtcraft('check', 'docs/a').exitCode == 2
    }

    def "a failed dependency skips its dependents; exit codes: #expectedExit for #why"() {
        given:
        recipe("""\
            engines { shell 'e', '${engineCommand}' }
            task('feat/first') {
                engine 'e'
                scope 'src/'
                verify { run '${verifyCommand}' }
            }
            task('feat/second') {
                dependsOn 'feat/first'
                verify { run 'true' }
            }
            """)

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == expectedExit
        run.json.tasks*.outcome == [firstOutcome, 'skipped']
        run.json.tasks[1].reason == "skipped: it depends on feat/first, which ended ${firstOutcome}".toString()
        !Files.exists(repo.worktree('feat/second'))

        where:
        why                  | engineCommand     | verifyCommand || expectedExit | firstOutcome
        'a scope violation'  | 'echo x > a.txt'  | 'true'        || 2            | 'scope_violation'
        'a failed step'      | 'true'            | 'false'       || 3            | 'verify_failed'
        'an engine failure'  | 'exit 3'          | 'true'        || 4            | 'engine_failed'
    }

    def "a task with no engine is a plain verification task"() {
        given:
        recipe('''\
            task('chore/check') {
                verify { run 'test -f README.md' }
            }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        run.json.tasks[0].outcome == 'passed'
        run.json.tasks[0].engine == null
        !events(run.json.run_id, 'chore/check')*.type.contains('engine.started')
    }

    def "several dependencies: the task starts from the first and merges the others"() {
        given:
        recipe('''\
            engines {
                shell 'a', 'echo a > a.txt'
                shell 'b', 'echo b > b.txt'
                shell 'c', 'echo c > c.txt'
            }
            task('feat/a') { engine 'a' }
            task('feat/b') { engine 'b' }
            task('feat/c') {
                dependsOn 'feat/a', 'feat/b'
                engine 'c'
                scope 'c.txt'
                verify { run 'test -f a.txt && test -f b.txt' }
            }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        run.json.tasks*.outcome == ['passed', 'passed', 'passed']
        run.json.tasks[2].changed_files == ['c.txt']
    }

    def "a timeout kills the engine and everything it started, and the ledger stays valid"() {
        given:
        recipe('''\
            engines { shell 'slow', 'sleep 300 & echo $! > "$WTCRAFT_LEDGER/child.pid"; echo started; wait' }
            task('feat/slow') {
                engine 'slow'
                timeout '1s'
                verify { run 'true' }
            }
            ''')

        when:
        def run = wtcraft('run', '--json')
        def id = run.json.run_id
        long child = Files.readString(taskDir(id, 'feat/slow').resolve('child.pid')).trim() as long

        then:
        run.exitCode == 4
        run.json.tasks[0].outcome == 'timeout'
        run.json.tasks[0].reason.startsWith('engine timed out after 1s')
        !alive(child)
        JSON.parse(taskDir(id, 'feat/slow').resolve('meta.json').toFile()).outcome == 'timeout'
        events(id, 'feat/slow').find { it.type == 'engine.exited' }.data.outcome == 'timed_out'
        !events(id, 'feat/slow')*.type.contains('verify.step')
    }

    def "an engine killed mid-task is an engine failure with the signal named, and its children are gone"() {
        given:
        recipe('''\
            engines { shell 'doomed', 'sleep 300 & echo $! > "$WTCRAFT_LEDGER/child.pid"; sleep 0.2; kill -9 $$' }
            task('feat/doomed') { engine 'doomed' }
            ''')

        when:
        def run = wtcraft('run', '--json')
        def id = run.json.run_id
        long child = Files.readString(taskDir(id, 'feat/doomed').resolve('child.pid')).trim() as long

        then:
        run.exitCode == 4
        run.json.tasks[0].outcome == 'engine_failed'
        run.json.tasks[0].reason == 'engine killed by signal 9 (SIGKILL)'
        !alive(child)
        JSON.parse(runDir(id).resolve('run.json').toFile()).tasks.'feat/doomed'.outcome == 'engine_failed'
    }

    def "a verification step past its timeout fails the task"() {
        given:
        recipe('''\
            task('feat/v') {
                verify {
                    run 'sleep 30', timeout: '500ms'
                    run 'true'
                }
            }
            ''')

        when:
        def run = wtcraft('run', '--json')
        def verify = JSON.parse(taskDir(run.json.run_id, 'feat/v').resolve('verify.json').toFile())

        then:
        run.exitCode == 3
        run.json.tasks[0].reason == "verification failed: 'sleep 30' timed out"
        verify.results*.timed_out == [true, null]
        verify.summary == [total: 2, passed: 1, failed: 1]
    }

    def "plan and --dry-run print the plan and create nothing"() {
        given:
        recipe('''\
            engines { shell 'fmt', 'npx prettier --write src' }
            task('feat/auth') {
                engine 'codex'
                scope 'src/auth/**'
                timeout '30m'
                verify { run 'npm test', timeout: '5m' }
            }
            task('docs/auth') {
                dependsOn 'feat/auth'
                engine 'fmt'
            }
            ''')

        when:
        def plan = wtcraft('plan')
        def dry = wtcraft('run', '--dry-run', '--json')

        then:
        plan.exitCode == 0
        plan.out.contains(' 1. feat/auth  worktrees/feat/auth  from main  timeout 30m')
        plan.out.contains('engine codex (codex)')
        plan.out.contains('engine fmt: npx prettier --write src')
        plan.out.contains('verify: npm test (timeout 5m)')
        dry.exitCode == 0
        dry.json.command == 'plan'
        dry.json.tasks*.task == ['feat/auth', 'docs/auth']
        dry.json.tasks[1].base == 'feat/auth'
        dry.json.tasks[0].verify == [[command: 'npm test', timeout_seconds: 300]]
        dry.json.tasks[0].engine.subMap('name', 'kind') == [name: 'codex', kind: 'codex']
        dry.json.tasks[0].timeout_seconds == 1800
        dry.json.tasks[0].attempts == 1
        dry.json.tasks[1].engine.command == 'npx prettier --write src'
        !Files.exists(repo.root.resolve('worktrees'))
        !Files.exists(repo.root.resolve('.wtcraft'))
        repo.git('branch', '--list').readLines().size() == 1
    }

    def "plan --json shows an engine's variables by name only, its launch, model and turn limit at the top"() {
        given:
        recipe('''\
            engines {
                claude {
                    binary '/opt/claude'
                    model 'claude-sonnet-4-5'
                    maxTurns 7
                    env ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/hunter2-in-a-value'
                    reasoning 'high'
                }
            }
            task('feat/a') { engine 'claude' }
            ''')

        when:
        def dry = wtcraft('plan', '--json')

        then:
        dry.exitCode == 0
        !dry.out.contains('hunter2-in-a-value')
        with(dry.json.tasks[0].engine) {
            env == ['ANTHROPIC_BASE_URL']
            binary == '/opt/claude'
            model == 'claude-sonnet-4-5'
            max_turns == 7
            settings.reasoning == 'high'
            !containsKey('launch')
        }
    }

    def "--task runs a task and what it depends on, nothing else"() {
        given:
        recipe('''\
            task('feat/a') { }
            task('feat/b') { dependsOn 'feat/a' }
            task('feat/c') { }
            ''')

        when:
        def run = wtcraft('run', '--json', '--task', 'feat/b')

        then:
        run.json.tasks*.task == ['feat/a', 'feat/b']
        wtcraft('run', '--task', 'feat/x').err.trim() == "wtcraft run: no task 'feat/x' in the recipe; did you mean 'feat/a'?"
    }

    def "a bad recipe is reported at its line with the code shown, and nothing is created"() {
        given:
        recipe("task('feat/auth') {\n    scopes 'src/**'\n}\n")

        when:
        def run = wtcraft('run')
        def machine = wtcraft('run', '--json')

        then:
        run.exitCode == 1
        run.err.readLines() == ["wtcraft.groovy:2:5: unknown keyword 'scopes' in task 'feat/auth'; did you mean 'scope'?",
                                " 2 |     scopes 'src/**'",
                                "   |     ^"]
        machine.json.error.message == "wtcraft.groovy:2:5: unknown keyword 'scopes' in task 'feat/auth'; did you mean 'scope'?"
        !Files.exists(repo.root.resolve('.wtcraft'))
        !Files.exists(repo.root.resolve('worktrees'))
    }

    def "what cannot run is refused before anything is created: #why"() {
        given:
        if (text != null) {
            recipe(text)
        }
        prepare(repo)

        when:
        def run = wtcraft('run')

        then:
        run.exitCode == 1
        run.err.readLines()[0] == message.replace('REPO', repo.root.toString())
        !Files.exists(repo.root.resolve('.wtcraft'))

        where:
        why                          | text                                             | prepare                                     || message
        'an agent CLI not installed'  | "engines { claude { binary '/nonexistent/claude' } }\ntask('feat/a') {\n  engine 'claude'\n}\n" | { GitRepo r -> } || "wtcraft.groovy:3:3: engine 'claude' needs the claude CLI, and '/nonexistent/claude' is not an executable file (install it, e.g. npm install -g @anthropic-ai/claude-code, or name it with binary '/path/to/claude')"
        'a leftover branch'          | "task('feat/a') { }\n"                           | { GitRepo r -> r.git('branch', 'feat/a') }  || 'wtcraft run: task worktrees or branches from an earlier run exist: feat/a (continue that run with wtcraft run --resume, land them with wtcraft finish --all, or remove them, e.g. git worktree remove --force worktrees/feat/a && git branch -D feat/a)'
        'a missing recipe'           | null                                             | { GitRepo r -> }                            || 'wtcraft run: recipe not found: REPO/wtcraft.groovy (write a wtcraft.groovy or name one: wtcraft run PATH)'
    }

    def "runs lists the runs and show prints a run and a task"() {
        given:
        recipe("task('feat/a') { verify { run 'true' } }\n")
        def id = wtcraft('run', '--json').json.run_id

        when:
        def runs = wtcraft('runs', '--json')
        def show = wtcraft('show', 'last')
        def task = wtcraft('show', id.take(8), 'feat/a')
        def taskJson = wtcraft('show', '--json', id, 'feat/a')

        then:
        runs.json*.run_id == [id]
        wtcraft('runs').out.contains('1 passed')
        show.out.contains("run ${id} of wtcraft.groovy")
        show.out.contains('feat/a')
        task.out.startsWith('# feat/a: passed')
        taskJson.json.meta.outcome == 'passed'
        taskJson.json.files.contains('events.jsonl')
        wtcraft('show', 'nope').err.trim() == "wtcraft show: no run 'nope' (see 'wtcraft runs')"
    }

    def "a failed check feeds the next attempt, each attempt its own ledger entry"() {
        given: 'an engine that strays on its first attempt and reads the feedback on its second'
        recipe('''\
            engines {
                shell 'learner', 'if [ "$WTCRAFT_ATTEMPT" = 1 ]; then echo x > stray.txt; else git rm -q stray.txt; cp "$WTCRAFT_FEEDBACK_FILE" src/feedback.txt; fi; mkdir -p src; echo ok > src/a.txt'
            }
            task('feat/learn') {
                engine 'learner'
                prompt 'Write src/a.txt.'
                scope 'src/'
                attempts 3
                verify { run 'test -s src/a.txt' }
            }
            ''')

        when:
        def run = wtcraft('run', '--json')
        def id = run.json.run_id
        def first = taskDir(id, 'feat/learn')
        def second = first.resolve('attempt-2')

        then:
        run.exitCode == 0
        run.json.tasks[0].outcome == 'passed'
        run.json.tasks[0].attempts == 2
        JSON.parse(runDir(id).resolve('run.json').toFile()).tasks.'feat/learn'.attempts == 2
        JSON.parse(first.resolve('check.json').toFile()).violations*.file == ['stray.txt']
        JSON.parse(first.resolve('meta.json').toFile()).outcome == 'scope_violation'
        JSON.parse(second.resolve('meta.json').toFile()).with { it.attempt == 2 && it.outcome == 'passed' }
        Files.readString(second.resolve('feedback.md')).contains('Scope violation: stray.txt')
        Files.readString(repo.worktree('feat/learn').resolve('src/feedback.txt')).contains('Scope violation: stray.txt')
        Files.readString(second.resolve('prompt.md')).startsWith('Write src/a.txt.')
        JSON.parse(repo.worktree('feat/learn').resolve('.worktree-state.json').toFile()).with { it.attempt == 2 && it.stage == 'approved' }
    }

    def "a replay engine plays a recorded stream into the ledger, applying nothing"() {
        given:
        Files.createDirectories(repo.root.resolve('recordings'))
        Files.copy(Path.of('src/test/resources/engines/claude_full.jsonl'), repo.root.resolve('recordings/claude.jsonl'))
        recipe('''\
            engines { replay 'recorded', 'recordings/claude.jsonl', as: 'claude' }
            task('feat/replayed') {
                engine 'recorded'
                scope 'src/'
            }
            ''')

        when:
        def run = wtcraft('run', '--json')
        def dir = taskDir(run.json.run_id, 'feat/replayed')
        def ev = events(run.json.run_id, 'feat/replayed')
        def usage = JSON.parse(dir.resolve('usage.json').toFile())

        then:
        run.exitCode == 0
        run.json.tasks[0].changed_files == []
        ev*.type.containsAll(['agent.session.started', 'agent.command', 'agent.file.change', 'agent.usage', 'agent.finished'])
        ev.find { it.type == 'agent.session.started' }.data.raw.startsWith('{"type":"system"')
        usage.session_id == '3ff57a50-c954-4756-892a-a26ed37e4718'
        usage.input_tokens == 4500
        usage.output_tokens == 36
        usage.cost.estimate_usd == 0.01431d
        usage.cost.engine_reported_usd == 0.01431d
        usage.cost.basis.contains('estimate')
        Files.readString(dir.resolve('last-message.md')) == 'done'
    }
}
