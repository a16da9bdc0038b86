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
}
