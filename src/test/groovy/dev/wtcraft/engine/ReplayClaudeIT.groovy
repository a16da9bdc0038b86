package dev.wtcraft.engine

import dev.wtcraft.support.WtcraftRun
import spock.lang.Requires

import java.nio.file.Files
import java.nio.file.Path

/**
 * A real Claude Code run (the pinned CLI, offline, against the model server of our own on 127.0.0.1), exported with
 * `wtcraft export` and replayed with `replay 'name', 'FILE'` and no CLI at all: the replayed task ends the same,
 * changes the same files to the same bytes, and its check and verification give the same verdicts.
 */
@Requires({ AgentCliSpecification.installed(['claude']) || System.getenv('CI') })
class ReplayClaudeIT extends AgentCliSpecification {
    static final String BODY = "scope 'hello.txt', 'hello_write.txt'\n verify { run 'grep -q hello hello.txt && grep -q hello hello_write.txt' }"

    @Override
    Collection<String> clis() {
        ['claude']
    }

    Map doc(Path dir, String name) {
        JSON.parse(dir.resolve(name).toFile()) as Map
    }

    def "a real Claude Code run, exported and replayed, gives the same outcome, changed files, check and verify"() {
        given: 'the original run, through the real CLI'
        def original = run('claude', BODY)
        assert original.exitCode == 0: original.toString()
        def o = original.json.tasks[0]
        def served = server.served()

        when: 'it is exported, and a recipe replays the bundle'
        def export = WtcraftRun.run(repo.root, [:], 'export', original.json.run_id as String, 'feat/hello',
                '--output', 'bundles/hello.wtcraft-bundle', '--json')
        repo.write('wtcraft.groovy', """\
            engines { replay 'recorded', 'bundles/hello.wtcraft-bundle' }
            task('feat/replayed') {
                engine 'recorded'
                ${BODY}
            }
            """.stripIndent())
        repo.git('add', 'wtcraft.groovy')
        repo.git('commit', '-q', '-m', 'replay recipe')
        def replay = WtcraftRun.run(repo.root, [:], 'run', '--json')
        def r = replay.json.tasks[0]
        def (od, rd) = [Path.of(o.ledger as String), Path.of(r.ledger as String)]

        then: 'the bundle says it holds a claude stream'
        export.exitCode == 0
        export.json.cli == 'claude'
        export.json.stream_lines > 0
        export.json.files as Set == ['hello.txt', 'hello_write.txt'] as Set

        and: 'no model was asked again'
        server.served() == served

        and: 'the same outcome and changed files'
        replay.exitCode == original.exitCode
        r.outcome == o.outcome
        r.outcome == 'passed'
        r.changed_files as Set == o.changed_files as Set

        and: 'the same bytes on the task branch'
        repo.git('diff', '--stat', 'feat/hello', 'feat/replayed', '--', 'hello.txt', 'hello_write.txt') == ''
        Files.readString(repo.worktree('feat/replayed').resolve('hello.txt')) ==
                Files.readString(repo.worktree('feat/hello').resolve('hello.txt'))

        and: 'the same check and verification verdicts'
        doc(rd, 'check.json').result == doc(od, 'check.json').result
        doc(rd, 'check.json').violations == doc(od, 'check.json').violations
        doc(rd, 'verify.json').result == doc(od, 'verify.json').result
        doc(rd, 'verify.json').results*.status == doc(od, 'verify.json').results*.status

        and: 'the stream read by the same parser gives the same session, tokens, and final message'
        doc(rd, 'usage.json').session_id == doc(od, 'usage.json').session_id
        doc(rd, 'usage.json').input_tokens == doc(od, 'usage.json').input_tokens
        doc(rd, 'usage.json').output_tokens == doc(od, 'usage.json').output_tokens
        doc(rd, 'meta.json').engine_outcome == doc(od, 'meta.json').engine_outcome
        Files.readString(rd.resolve('last-message.md')) == Files.readString(od.resolve('last-message.md'))
        events(rd).findAll { it.type.startsWith('agent') }*.type == events(od).findAll { it.type.startsWith('agent') && !it.data.source }*.type
    }

    def "a reviewer sees the replayed change as it saw the original, and gives the same verdict"() {
        given:
        String review = "review { engine 'claude'; timeout '2m' }"
        def original = run('claude', BODY + '\n' + review)
        assert original.exitCode == 0: original.toString()
        def o = original.json.tasks[0]

        when:
        WtcraftRun.run(repo.root, [:], 'export', original.json.run_id as String, 'feat/hello', '--output',
                'bundles/hello.wtcraft-bundle')
        repo.write('wtcraft.groovy', """\
            engines {
                ${engineBlock('claude')}
                replay 'recorded', 'bundles/hello.wtcraft-bundle'
            }
            task('feat/replayed') {
                engine 'recorded'
                ${BODY}
                ${review}
            }
            """.stripIndent())
        repo.git('add', 'wtcraft.groovy')
        repo.git('commit', '-q', '-m', 'replay recipe')
        server.workdir(repo.worktree('feat/replayed').toString())
        def replay = WtcraftRun.run(repo.root, [:], 'run', '--json')
        def r = replay.json.tasks[0]
        def (op, rp) = [Path.of(o.ledger as String), Path.of(r.ledger as String)].collect {
            Files.readString(it.resolve('review/prompt.md'))
        }

        then:
        replay.exitCode == 0
        r.outcome == o.outcome
        r.review.verdict == o.review.verdict
        r.review.verdict == 'approve'
        ['hello.txt', 'hello_write.txt', '+hello'].every { op.contains(it) && rp.contains(it) }
    }
}
