package dev.wtcraft.engine

import dev.wtcraft.support.WtcraftRun
import dev.wtcraft.testing.MockModelServer
import spock.lang.Requires

import java.nio.file.Files
import java.nio.file.Path

/**
 * The real agent CLIs, installed from npm by .ci/install-agent-clis, driven by `wtcraft run` against a model
 * server of our own on 127.0.0.1. No network beyond that.
 */
@Requires({ AgentCliSpecification.installed() || System.getenv('CI') })
class AgentEnginesIT extends AgentCliSpecification {
    def "#engine: the CLI changes the worktree through the model, and the ledger has every step and every token"() {
        when:
        def run = run(engine, "scope 'hello.txt', 'hello_write.txt'\n verify { run 'grep -q hello hello.txt && grep -q hello hello_write.txt' }")
        def task = run.json.tasks[0]
        def dir = Path.of(task.ledger)
        def ev = events(dir)
        def usage = JSON.parse(dir.resolve('usage.json').toFile())

        then: 'the files really changed, and passed check and verify'
        run.exitCode == 0
        task.outcome == 'passed'
        task.changed_files as Set == ['hello.txt', 'hello_write.txt'] as Set
        Files.readString(repo.worktree('feat/hello').resolve('hello.txt')).trim() == 'hello'

        and: 'what the CLI reported is in events.jsonl: the command, the file write, the final message, each next to its line'
        ev.findAll { it.type == 'agent.command' }*.data*.command.any { it.contains(MockModelServer.SHELL_COMMAND) }
        ev.findAll { it.type in ['agent.command', 'agent.file.change'] }*.data
                .any { (it.command ?: it.path ?: '').contains(MockModelServer.WRITTEN_FILE) }
        ev.find { it.type == 'agent.session.started' }.data.raw != null
        Files.readString(dir.resolve('last-message.md')).trim() == MockModelServer.FINAL_MESSAGE

        and: 'token totals equal what the server sent'
        server.sent.size() == 3
        usage.input_tokens == server.sentInput()
        usage.output_tokens == server.sentOutput()
        usage.session_id != null
        usage.cost.basis.contains('estimate')

        where:
        engine << ['codex', 'claude', 'claude-2197', 'gemini']
    }

    def "#author's work is reviewed by #reviewer through its real CLI, read-only, and the verdict is recorded"() {
        given:
        repo.write('wtcraft.groovy', """\
            engines {
                ${engineBlock(author)}
                ${engineBlock(reviewer)}
            }
            task('feat/hello') {
                engine '${author}'
                prompt 'Create hello.txt containing hello, then say done.'
                timeout '2m'
                scope 'hello.txt', 'hello_write.txt'
                verify { run 'grep -q hello hello.txt' }
                review { engine '${reviewer}'; timeout '2m' }
                ${author == 'codex' ? CODEX_SANDBOX : ''}
            }
            """.stripIndent())
        repo.commit('recipe')
        server.workdir(repo.worktree('feat/hello').toString())

        when:
        def run = WtcraftRun.run(repo.root, [:], 'run', '--json')
        def task = run.json.tasks[0]
        def reviewDir = Path.of(task.ledger).resolve('review')
        def review = JSON.parse(reviewDir.resolve('review.json').toFile())
        def usage = JSON.parse(reviewDir.resolve('usage.json').toFile())
        def state = JSON.parse(repo.worktree('feat/hello').resolve('.worktree-state.json').toFile())

        then:
        run.exitCode == 0
        task.outcome == 'passed'
        task.review.verdict == 'approve'
        review.reviewer == reviewer
        review.summary == 'hello.txt is in scope'
        !review.worktree_changed
        Files.readString(reviewDir.resolve('last-message.md')).contains('VERDICT: APPROVE')
        Files.readString(reviewDir.resolve('prompt.md')).contains('+hello')
        usage.input_tokens >= MockModelServer.INPUT
        state.stage == 'approved'
        state.review_result == 'approve'

        where:
        author   | reviewer
        'codex'  | 'claude'
        'claude' | 'codex'
        'codex'  | 'gemini'
    }

    def "#engine: an API error is classified as one and the task fails with the engine"() {
        given:
        server.failing(true)

        when:
        def run = run(engine, "scope 'hello.txt'")
        def task = run.json.tasks[0]
        def exited = events(Path.of(task.ledger)).find { it.type == 'engine.exited' }.data

        then:
        run.exitCode == 4
        task.outcome == 'api_error'
        exited.outcome == 'api_error'
        task.reason.startsWith('engine API error')
        task.reason.contains('scripted failure') || task.reason.contains('Overloaded')

        where:
        engine << ['codex', 'claude', 'gemini']
    }

    def "#engine: a failed verification is fed back and the retry resumes the same session"() {
        given: 'a verification that fails once (its marker in the worktree, where a sandboxed step may write, and ignored)'
        def marker = 'verified-once'
        Files.writeString(repo.root.resolve('.git/info/exclude'), '\n/verified-once\n', java.nio.file.StandardOpenOption.APPEND)

        when:
        def run = run(engine, """scope 'hello.txt', 'hello_write.txt'
            attempts 2
            verify { run 'test -f ${marker} || { touch ${marker}; echo first try fails; exit 1; }' }""")
        def task = run.json.tasks[0]
        def first = Path.of(task.ledger)
        def second = first.resolve('attempt-2')
        def session1 = JSON.parse(first.resolve('usage.json').toFile()).session_id
        def started2 = events(second).find { it.type == 'engine.started' }.data
        def usage2 = JSON.parse(second.resolve('usage.json').toFile())

        then:
        run.exitCode == 0
        task.attempts == 2
        task.outcome == 'passed'
        started2.resume == session1
        usage2.session_id == session1
        Files.readString(second.resolve('feedback.md')).contains('first try fails')
        usage2.input_tokens == MockModelServer.INPUT

        where:
        engine << ['codex', 'claude', 'gemini']
    }
}
