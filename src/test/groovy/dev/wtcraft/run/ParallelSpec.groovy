package dev.wtcraft.run

import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.time.Instant

class ParallelSpec extends WtcraftSpecification {
    static final JsonSlurper JSON = new JsonSlurper()

    def recipe(String text) {
        repo.write('wtcraft.groovy', text.stripIndent())
        repo.commit('recipe')
    }

    /** [start, end] of each task's engine run, from its ledger's timestamps. */
    Map<String, List<Instant>> intervals(Map report) {
        report.tasks.collectEntries { t ->
            def ev = Files.readAllLines(Path.of(t.ledger).resolve('events.jsonl')).collect { JSON.parseText(it) }
            [(t.task): [Instant.parse(ev.find { it.type == 'engine.started' }.ts),
                        Instant.parse(ev.find { it.type == 'engine.exited' }.ts)]]
        }
    }

    static boolean overlap(List<Instant> a, List<Instant> b) {
        a[0].isBefore(b[1]) && b[0].isBefore(a[1])
    }

    def "disjoint tasks overlap in time; colliding and grouped ones never do"() {
        given:
        repo.write('src/a/x.txt', 'x')
        repo.write('src/b/y.txt', 'y')
        recipe('''\
            engines { shell 'slow', 'sleep 1; mkdir -p "$(dirname "$OUT")"; echo "$WTCRAFT_TASK" > "$OUT"' }
            task('feat/a') { engine 'slow'; scope 'src/a/'; verify { run 'true' } }
            task('feat/b') { engine 'slow'; scope 'src/b/' }
            task('feat/c') { engine 'slow'; scope 'src/*.txt' }
            task('feat/d') { engine 'slow'; scope 'docs/'; group 'db' }
            task('feat/e') { engine 'slow'; scope 'other/'; group 'db' }
            ''')
        // each task writes inside its own scope
        repo.write('wtcraft.groovy', Files.readString(repo.root.resolve('wtcraft.groovy'))
                .replace("task('feat/a') { engine 'slow';", "task('feat/a') { engine 'slow'; prompt 'src/a/out.txt';")
                .replace('"$OUT"', '"$WTCRAFT_PROMPT"').replace('"$(dirname "$OUT")"', '"$(dirname "$WTCRAFT_PROMPT")"')
                .replace("task('feat/b') { engine 'slow';", "task('feat/b') { engine 'slow'; prompt 'src/b/out.txt';")
                .replace("task('feat/c') { engine 'slow';", "task('feat/c') { engine 'slow'; prompt 'src/c.txt';")
                .replace("task('feat/d') { engine 'slow';", "task('feat/d') { engine 'slow'; prompt 'docs/d.txt';")
                .replace("task('feat/e') { engine 'slow';", "task('feat/e') { engine 'slow'; prompt 'other/e.txt';"))
        repo.commit('prompts')

        when:
        def plan = wtcraft('plan', '--json')
        def run = wtcraft('run', '--json', '--jobs', '4')
        def when = intervals(run.json)

        then:
        run.exitCode == 0
        run.json.tasks*.outcome.every { it == 'passed' }
        plan.json.serialized.collect { [it.first, it.second] } as Set == [['feat/a', 'feat/c'], ['feat/b', 'feat/c'], ['feat/d', 'feat/e']] as Set
        plan.json.serialized.find { it.first == 'feat/a' }.reason == "both scopes match src/a/x.txt ('src/a/', 'src/*.txt')"
        plan.json.serialized.find { it.first == 'feat/d' }.reason == "both are in group 'db'"
        overlap(when['feat/a'], when['feat/b'])
        !overlap(when['feat/a'], when['feat/c'])
        !overlap(when['feat/b'], when['feat/c'])
        !overlap(when['feat/d'], when['feat/e'])
        JSON.parse(Path.of(run.json.ledger).resolve('run.json').toFile()).jobs == 4
    }

    def "parallel false runs one task at a time"() {
        given:
        recipe('''\
            wtcraft { parallel false }
            engines { shell 'slow', 'sleep 0.5' }
            task('feat/a') { engine 'slow'; scope 'a/' }
            task('feat/b') { engine 'slow'; scope 'b/' }
            ''')

        when:
        def run = wtcraft('run', '--json', '--jobs', '4')
        def when = intervals(run.json)

        then:
        run.exitCode == 0
        !overlap(when['feat/a'], when['feat/b'])
    }

    def "onFailure 'stop' stops the running engines and starts nothing more"() {
        given:
        recipe('''\
            wtcraft { onFailure 'stop' }
            engines {
                shell 'fail', 'exit 3'
                shell 'slow', 'sleep 30'
            }
            task('feat/slow') { engine 'slow'; scope 'a/' }
            task('feat/fail') { engine 'fail'; scope 'b/' }
            task('feat/later') { engine 'slow'; scope 'c/'; dependsOn 'feat/fail' }
            task('feat/other') { engine 'slow'; scope 'd/' }
            ''')

        when:
        long t0 = System.nanoTime()
        def run = wtcraft('run', '--json', '--jobs', '2')
        def seconds = (System.nanoTime() - t0) / 1e9

        then:
        run.json.tasks.collectEntries { [it.task, it.outcome] } == ['feat/slow': 'interrupted', 'feat/fail': 'engine_failed',
                                                                    'feat/later': 'skipped', 'feat/other': 'skipped']
        run.json.tasks.find { it.task == 'feat/other' }.reason.startsWith('skipped: the run stopped at the first failure (feat/fail ended engine_failed)')
        seconds < 25
    }

    def "a task's budget stops its engine; a spent run budget starts nothing more"() {
        given: 'a stand-in codex that reports 1,000 tokens a second'
        def agent = tmp.resolve('fake-codex')
        Files.writeString(agent, '''#!/bin/sh
            echo '{"type":"thread.started","thread_id":"t"}'
            for i in 1 2 3 4 5 6 7 8 9 10; do
              echo '{"type":"turn.completed","usage":{"input_tokens":900,"cached_input_tokens":0,"output_tokens":100}}'
              sleep 0.3
            done
            echo '{"type":"item.completed","item":{"id":"m","type":"agent_message","text":"done"}}'
            '''.stripIndent())
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString('rwxr-xr-x'))
        recipe("""\
            wtcraft { budget tokens: 5000; jobs 1 }
            engines { codex { binary '${agent}' } }
            task('feat/capped') { engine 'codex'; scope 'a/'; budget tokens: 2500 }
            task('feat/free') { engine 'codex'; scope 'b/' }
            task('feat/after') { engine 'codex'; scope 'c/' }
            """)

        when:
        def run = wtcraft('run', '--json')
        def byTask = run.json.tasks.collectEntries { [it.task, it] }

        then:
        byTask['feat/capped'].outcome == 'budget'
        byTask['feat/capped'].reason.startsWith('spent its budget (2500 tokens): 3000 tokens')
        byTask['feat/capped'].spend.tokens == 3000
        byTask['feat/free'].outcome == 'passed'
        byTask['feat/free'].spend.tokens == 10000
        byTask['feat/after'].outcome == 'budget'
        byTask['feat/after'].reason.startsWith("not started: the run's budget (5000 tokens) is spent: 13000 tokens")
        run.json.spend.total.tokens == 13000
        run.json.spend.by_engine.codex.tokens == 13000
        run.exitCode == 4
    }

    def "plan draws the graph as Mermaid and DOT, with the serialized pairs marked"() {
        given:
        recipe('''\
            engines { shell 'e', 'true' }
            task('feat/a') { engine 'e'; scope 'src/' }
            task('feat/b') { engine 'e'; scope 'src/x/' }
            task('docs/a') { engine 'e'; scope 'docs/'; dependsOn 'feat/a' }
            ''')

        when:
        def mermaid = wtcraft('plan', '--format', 'mermaid')
        def dot = wtcraft('plan', '--format', 'dot')
        def text = wtcraft('plan')
        def bad = wtcraft('plan', '--format', 'svg')

        then:
        mermaid.out.startsWith('graph TD\n')
        mermaid.out.contains('t_feat_a --> t_docs_a')
        mermaid.out.contains('t_feat_a -. serialized .- t_feat_b')
        dot.out.startsWith('digraph wtcraft {')
        dot.out.contains('"feat/a" -> "docs/a";')
        dot.out.contains('"feat/a" -> "feat/b" [dir=none, style=dashed, color=red, label="serialized"')
        text.out.contains("never at the same time: feat/a and feat/b (scopes 'src/' and 'src/x/' can match the same path)")
        bad.exitCode == 1
        bad.err.trim() == "wtcraft plan: unknown --format 'svg': use text, json, mermaid or dot"
    }

    def "plan --format json reports a bad recipe as --json does: one error document on stdout"() {
        given:
        recipe('''\
            engines { shell 'e', 'true' }
            task('feat/a') { engine 'e'; scope 'src/'; base 'no-such-branch' }
            ''')

        when:
        def format = wtcraft('plan', '--format', 'json')
        def json = wtcraft('plan', '--json')
        def badJobs = wtcraft('plan', '--format', 'json', '--jobs', '0')

        then:
        format.exitCode == 1
        format.json.protocol_version == 1
        format.json.command == 'plan'
        format.json.ok == false
        format.json.error.code == 1
        format.json.error.message.contains("starts from base 'no-such-branch'")
        format.out == json.out
        format.err == json.err
        json.exitCode == 1
        badJobs.exitCode == 1
        badJobs.json.ok == false
    }
}
