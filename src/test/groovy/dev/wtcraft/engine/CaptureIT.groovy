package dev.wtcraft.engine

import dev.wtcraft.support.GitRepo
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/** An engine that streams 1 GB is captured line by line with a heap capped far below that. */
class CaptureIT extends Specification {
    static final Path LAUNCHER = Path.of('bin/wtcraft').toAbsolutePath()

    @TempDir
    Path tmp

    def "1 GB of agent stream goes through the parser into the ledger with a 64 MB heap"() {
        given: 'a stand-in codex that prints 1 GB of its JSON lines (1 KB each), then a final message and usage'
        def repo = GitRepo.create(tmp)
        def agent = tmp.resolve('fake-codex')
        def line = '{"type":"item.completed","item":{"id":"i","type":"reasoning","text":"' + 'x' * 950 + '"}}'
        Files.writeString(agent, """#!/bin/sh
            echo '{"type":"thread.started","thread_id":"t-1"}'
            yes '${line}' | head -n 1048576
            echo '{"type":"item.completed","item":{"id":"m","type":"agent_message","text":"done"}}'
            echo '{"type":"turn.completed","usage":{"input_tokens":7,"cached_input_tokens":0,"output_tokens":3}}'
            """.stripIndent())
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString('rwxr-xr-x'))
        repo.write('wtcraft.groovy', """engines { codex { binary '${agent}' } }\ntask('feat/big') { engine 'codex' }\n""")
        repo.commit('recipe')

        when:
        def pb = new ProcessBuilder(LAUNCHER.toString(), 'run', '--json').directory(repo.root.toFile())
        pb.environment().put('WTCRAFT_JAVA_OPTS', '-Xmx64m')
        pb.redirectError(ProcessBuilder.Redirect.DISCARD)
        def p = pb.start()
        p.outputStream.close()
        def out = new String(p.inputStream.readAllBytes(), StandardCharsets.UTF_8)
        def code = p.waitFor()
        def report = new JsonSlurper().parseText(out)
        def events = Path.of(report.tasks[0].ledger).resolve('events.jsonl')
        long reasoning = 0
        String last = null
        Files.newBufferedReader(events).withCloseable { r ->
            for (String l; (l = r.readLine()) != null;) {
                if (l.contains('"type":"agent.reasoning"')) {
                    reasoning++
                }
                last = l
            }
        }
        def usage = new JsonSlurper().parse(Path.of(report.tasks[0].ledger).resolve('usage.json').toFile())

        then:
        code == 0
        report.tasks[0].outcome == 'passed'
        reasoning == 1048576
        Files.size(events) > 1L << 30
        last.contains('"type":"task.finished"')
        usage.input_tokens == 7
        usage.session_id == 't-1'

        cleanup:
        repo?.root?.resolve('.wtcraft')?.toFile()?.deleteDir()
    }

    /** A stand-in codex printing numbered reasoning lines (1 KB each) from 1 to {@code lines}; {@code then} runs after. */
    private Path numberedAgent(long lines, String then) {
        def agent = tmp.resolve('numbered-codex')
        def pad = 'x' * 900
        Files.writeString(agent, """#!/bin/sh
            echo '{"type":"thread.started","thread_id":"t-1"}'
            seq 1 ${lines} | sed 's/.*/{"type":"item.completed","item":{"id":"i","type":"reasoning","text":"n&n${pad}"}}/'
            ${then}
            """.stripIndent())
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString('rwxr-xr-x'))
        agent
    }

    /** Every line of the log is whole JSON, numbered 1, 2, 3 ... without a gap; returns the agent's line numbers. */
    private static List<Long> wholeLines(Path events) {
        def json = new JsonSlurper()
        long seq = 0
        List<Long> numbers = []
        Files.newBufferedReader(events).withCloseable { r ->
            for (String l; (l = r.readLine()) != null;) {
                def e = json.parseText(l) // a torn line would not parse
                assert e.seq == ++seq: "seq ${e.seq} after ${seq - 1}"
                if (e.type == 'agent.reasoning') {
                    numbers << Long.parseLong((e.data.raw =~ /"text":"n(\d+)n/)[0][1])
                }
            }
        }
        assert Files.size(events) == 0 || new String(Files.readAllBytes(events)[-1..-1] as byte[]) == '\n'
        numbers
    }

    def "killed mid-capture, wtcraft leaves no torn line and no gap: the ledger holds a whole prefix of the stream"() {
        given:
        def repo = GitRepo.create(tmp)
        def agent = numberedAgent(4_000_000, '')
        repo.write('wtcraft.groovy', """engines { codex { binary '${agent}' } }\ntask('feat/big') { engine 'codex' }\n""")
        repo.commit('recipe')

        when: 'the JVM is killed (SIGKILL) once the ledger holds 50 MB'
        def pb = new ProcessBuilder(LAUNCHER.toString(), 'run').directory(repo.root.toFile())
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
        def p = pb.start()
        p.outputStream.close()
        Path events = null
        long deadline = System.currentTimeMillis() + 120_000
        while (System.currentTimeMillis() < deadline && p.alive) {
            events = events ?: findEvents(repo.root)
            if (events != null && Files.size(events) > 50L << 20) {
                break
            }
            Thread.sleep(20)
        }
        assert p.alive: 'the run ended before it could be killed'
        p.destroyForcibly() // the launcher execs the JVM: this is SIGKILL to wtcraft itself
        p.waitFor()
        def numbers = wholeLines(events)

        then: 'every line is whole, and the agent lines are 1 .. k in order'
        numbers.size() > 10_000
        numbers == (1L..numbers.size()).toList()

        cleanup:
        p?.destroyForcibly()
        repo?.root?.resolve('.wtcraft')?.toFile()?.deleteDir()
    }

    def "an agent killed mid-stream loses no line it printed: every one is in the ledger"() {
        given: 'a codex that prints 300,000 numbered lines and then is killed with SIGKILL'
        def repo = GitRepo.create(tmp)
        def agent = numberedAgent(300_000, 'kill -9 $$')
        repo.write('wtcraft.groovy', """engines { codex { binary '${agent}' } }\ntask('feat/big') { engine 'codex' }\n""")
        repo.commit('recipe')

        when:
        def pb = new ProcessBuilder(LAUNCHER.toString(), 'run', '--json').directory(repo.root.toFile())
        pb.redirectError(ProcessBuilder.Redirect.DISCARD)
        def p = pb.start()
        p.outputStream.close()
        def report = new JsonSlurper().parseText(new String(p.inputStream.readAllBytes(), StandardCharsets.UTF_8))
        p.waitFor()
        def numbers = wholeLines(Path.of(report.tasks[0].ledger).resolve('events.jsonl'))

        then:
        report.tasks[0].outcome == 'engine_failed'
        numbers == (1L..300_000L).toList()

        cleanup:
        repo?.root?.resolve('.wtcraft')?.toFile()?.deleteDir()
    }

    private static Path findEvents(Path root) {
        def runs = root.resolve('.wtcraft/runs')
        if (!Files.isDirectory(runs)) {
            return null
        }
        Files.walk(runs).withCloseable { s -> s.filter { it.fileName.toString() == 'events.jsonl' }.findFirst().orElse(null) }
    }
}
