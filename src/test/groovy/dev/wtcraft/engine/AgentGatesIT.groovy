package dev.wtcraft.engine

import dev.wtcraft.support.WtcraftRun
import dev.wtcraft.testing.MockModelServer
import spock.lang.Requires

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * Each gate a user adopts wtcraft for, driven through the real CLIs (pinned, offline, against the model server of
 * our own): a budget crossed mid-run, turn limits, a refused tool, HTTP 429 and 500, a kill mid-turn, and the
 * settings each CLI takes in its own terms. The assertions are on what the server served and what the worktree
 * and ledger hold, never on "it ran".
 */
@Requires({ AgentCliSpecification.installed() || System.getenv('CI') })
class AgentGatesIT extends AgentCliSpecification {
    static final String STEP = 'echo step >> steps.txt'
    /** Each scripted response waits this long, as a model does: a stop lands before the next one is out. */
    static final Duration LATENCY = Duration.ofMillis(400)
    static final Path MCP_SERVER = Path.of('src/test/resources/engines/mcp-echo-server.js').toAbsolutePath()

    /** The task of a one-task run, with its ledger read. */
    Map outcome(WtcraftRun run) {
        def task = run.json.tasks[0]
        def dir = Path.of(task.ledger)
        def ev = events(dir)
        def exited = ev.find { it.type == 'engine.exited' }.data
        println "${specificationContext.currentIteration.displayName}: task ${task.outcome}; engine ${exited.outcome}: " +
                "${exited.reason}; the server served ${server.served()} responses and ${server.errors()} errors"
        [task : task, events: ev, exited: exited, usage: JSON.parse(dir.resolve('usage.json').toFile()), run: run]
    }

    List<String> steps() {
        def f = repo.worktree('feat/hello').resolve('steps.txt')
        Files.exists(f) ? Files.readAllLines(f) : []
    }

    def "#engine: a token budget crossed mid-run stops the engine at that report, before the server served the rest"() {
        given: 'six turns scripted, each 1512 tokens; the budget is crossed by the second'
        server.shellSteps(6, STEP).latency(LATENCY)

        when:
        def r = outcome(run(engine, "scope 'steps.txt'\nbudget tokens: 2000"))
        def crossed = r.events.findIndexOf { it.type == 'budget.spent' }

        then:
        r.task.outcome == 'budget'
        r.task.reason.startsWith('spent its budget (2000 tokens)')
        server.served() >= 2
        server.served() <= 3 // of 7: it was stopped at the report that crossed, not when it finished
        steps().size() <= 2
        crossed > 0
        r.events[crossed - 1].type == 'agent.usage' // the report that crossed it, then the stop
        r.usage.total_tokens >= 2000

        where:
        engine << ['codex', 'claude', 'gemini']
    }

    def "claude: a USD budget is also its own --max-budget-usd, which stops it at the first response past it"() {
        given:
        server.shellSteps(6, STEP).latency(LATENCY)

        when:
        def r = outcome(run('claude', "scope 'steps.txt'\nbudget usd: 0.004"))
        def started = r.events.find { it.type == 'engine.started' }.data

        then:
        started.argv[started.argv.indexOf('--max-budget-usd') + 1] == '0.004000'
        r.task.outcome == 'budget'
        server.served() == 1
    }

    def "#engine: maxTurns 2 ends max_turns after two turns, whose tools ran (#how)"() {
        given:
        server.shellSteps(5, STEP).latency(LATENCY)

        when:
        def r = outcome(run(engine, "scope 'steps.txt'", settings: 'maxTurns 2'))

        then:
        r.exited.outcome == 'max_turns'
        r.task.outcome == 'max_turns'
        server.served() == 2
        steps() == ['step', 'step']
        r.usage.turns == 2

        where:
        engine   | how
        'codex'  | 'counted from the stream'
        'claude' | '--max-turns'
        'gemini' | 'model.maxSessionTurns'
    }

    def "#engine: a tool the CLI refuses is permission_denied, recorded once, and changes nothing"() {
        given:
        if (engine == 'codex') {
            server.shellCommand('touch refused.txt')
            Files.createDirectories(home('codex').resolve('rules'))
            Files.writeString(home('codex').resolve('rules/default.rules'), 'prefix_rule(pattern=["touch"], decision="forbidden")\n')
        }

        when:
        def r = outcome(run(engine, boundary))
        def denials = r.events.findAll { it.type == 'agent.permission.denied' }

        then:
        r.exited.outcome == 'permission_denied'
        r.exited.reason.startsWith('finished, but was denied: ')
        denials.size() == 1
        !r.events.any { it.type == 'agent.file.change' && it.data.path?.toString()?.endsWith(refused) }
        !Files.exists(repo.worktree('feat/hello').resolve(refused))

        where:
        engine   | boundary                                                     | refused
        'codex'  | "scope 'refused.txt', 'hello_write.txt'"                     | 'refused.txt'
        'claude' | "scope 'hello.txt'\noffLimits 'hello_write.txt'"             | 'hello_write.txt'
        'gemini' | "scope 'hello.txt', 'hello_write.txt'\npolicy { deny 'echo hello*' }" | 'hello.txt'
    }

    def "#engine: HTTP #status ends api_error naming the status, well within the task's timeout"() {
        given:
        server.httpError(status)

        when:
        def r = outcome(run(engine, "scope 'hello.txt'"))

        then:
        r.exited.outcome == 'api_error'
        r.task.outcome == 'api_error'
        r.exited.reason.contains("HTTP ${status}")
        r.exited.duration_seconds < 60
        server.errors() >= 1

        where:
        [engine, status] << [['codex', 'claude', 'gemini'], [429, 500]].combinations()
    }

    def "#engine: killed mid-turn (its timeout), the tokens the server already sent are counted"() {
        given: 'the first turn runs a command that outlives the timeout'
        server.shellCommand("perl -e 'sleep 60'") // Claude Code refuses a bare sleep

        when:
        def r = outcome(run(engine, "scope 'hello.txt'", timeout: '10s'))

        then:
        r.exited.outcome == 'timed_out'
        server.served() == 1
        r.usage.input_tokens == server.sentInput()
        r.usage.output_tokens == server.sentOutput()

        where:
        engine << ['codex', 'claude', 'gemini']
    }

    def "#engine: a prompt of #size characters reaches the CLI whole, on its stdin"() {
        given: 'a prompt that, with the pointer to the contract, is the size asked (Codex takes at most 1 MiB characters)'
        int own = size - AgentEngine.agentPrompt('').length() - 2
        String big = 'x' * (own - 'END-OF-THE-BIG-PROMPT'.length()) + 'END-OF-THE-BIG-PROMPT'
        repo.write('big.md', big)

        when:
        def r = outcome(run(engine, "scope 'hello.txt', 'hello_write.txt'", prompt: "prompt file('big.md')"))
        def started = r.events.find { it.type == 'engine.started' }.data

        then:
        Files.readString(Path.of(r.task.ledger).resolve('prompt.md')).length() == own
        r.task.outcome == 'passed'
        server.bodies.any { it.length() >= size && it.contains('END-OF-THE-BIG-PROMPT') }
        !started.argv.any { it.contains('END-OF-THE-BIG-PROMPT') }

        where:
        engine   | size
        'codex'  | 1 << 20
        'claude' | 3 << 19
        'gemini' | 3 << 19
    }

    def "codex: a prompt over its own limit of 1 MiB characters fails with the CLI's reason"() {
        given:
        repo.write('big.md', 'x' * (1 << 20))

        when:
        def r = outcome(run('codex', "scope 'hello.txt'", prompt: "prompt file('big.md')"))

        then:
        r.task.outcome == 'engine_failed'
        r.exited.reason.contains('Input exceeds the maximum length of 1048576 characters')
        !r.exited.reason.contains('xxxxxxxx')
    }

    def "#reviewer reviews a diff of more than 1 MiB (a lock file) through its real CLI, and can approve it"() {
        // the review prompt holds as much of the diff as the review service gives it: far over an argument's 128 KiB
        given: 'an author that writes a 1.5 MiB lock file'
        repo.write('wtcraft.groovy', """\
            engines {
                shell 'author', 'for i in \$(seq 1 24000); do echo "package-\$i@1.0.0: sha512-\$i-abcdefghijklmnopqrstuvwxyz0123"; done > big.lock'
                ${engineBlock(reviewer)}
            }
            task('feat/hello') {
                engine 'author'
                scope 'big.lock'
                review { engine '${reviewer}'; timeout '2m' }
            }
            """.stripIndent())
        repo.commit('recipe')

        when:
        def run = WtcraftRun.run(repo.root, [:], 'run', '--json')
        def task = run.json.tasks[0]
        def reviewDir = Path.of(task.ledger).resolve('review')

        then:
        Files.size(repo.worktree('feat/hello').resolve('big.lock')) > (1 << 20)
        Files.size(reviewDir.resolve('prompt.md')) > (128 << 10)
        assert task.outcome == 'passed', "the reviewer's events, should it fail:\n" + events(reviewDir).collect {
            "${it.type} ${(it.data?.raw ?: it.data?.line ?: '').toString().take(300)}" }.join('\n')
        task.review.verdict == 'approve'
        server.bodies.any { it.length() > (128 << 10) && it.contains(MockModelServer.REVIEW_MARKER) }

        where:
        reviewer << ['codex', 'claude', 'gemini']
    }

    def "#engine: reasoning, an appended system prompt and an MCP server reach the model through the real CLI"() {
        given:
        String settings = """reasoning 'high'
            ${engine == 'gemini' ? '' : "appendSystemPrompt 'APPENDED-SYSTEM-TEXT'"}
            mcp 'echo', command: 'node', args: ['${MCP_SERVER}']"""

        when:
        def r = outcome(run(engine, "scope 'hello.txt', 'hello_write.txt'", settings: settings))

        then:
        r.task.outcome == 'passed'
        server.bodies.any { it.contains(effort) }
        engine == 'gemini' || server.bodies.any { it.contains('APPENDED-SYSTEM-TEXT') }
        server.bodies.any { it.contains('echo_mcp') } // the MCP server's tool is offered (Claude defers it: by name)

        where:
        engine   | effort
        'codex'  | '"effort":"high"'
        'claude' | '"effort":"high"'
        'gemini' | '"thinkingLevel":"HIGH"'
    }

    def "codex: the recipe's sandbox level is Codex's -s"() {
        when:
        def r = outcome(run('codex', "scope 'hello.txt', 'hello_write.txt'", settings: "sandbox 'danger-full-access'"))
        def started = r.events.find { it.type == 'engine.started' }.data

        then:
        started.argv[started.argv.indexOf('-s') + 1] == 'danger-full-access'
        r.exited.outcome == 'succeeded'
    }
}
