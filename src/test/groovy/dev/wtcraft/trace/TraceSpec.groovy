package dev.wtcraft.trace

import dev.wtcraft.support.OtlpReceiver
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper
import io.opentelemetry.proto.trace.v1.Span
import io.opentelemetry.proto.trace.v1.Status

import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant

import static dev.wtcraft.support.OtlpReceiver.attributes
import static dev.wtcraft.support.OtlpReceiver.hex

/**
 * `wtcraft trace` exports a real run's ledger to an OTLP/HTTP receiver of the test's own on 127.0.0.1, and the spans
 * it decodes there (with the OpenTelemetry proto classes) are checked against the ledger: tree, ids, names,
 * attributes, times and token counts.
 */
class TraceSpec extends WtcraftSpecification {
    static final String SECRET = 'sk-ant-abcdefghijklmnopqrstuvwxyz0123'
    OtlpReceiver receiver = new OtlpReceiver()
    JsonSlurper json = new JsonSlurper()

    def cleanup() {
        receiver.close()
    }

    /** One shell task that writes src/a.txt, committed. */
    void oneTask() {
        repo.write('wtcraft.groovy', '''\
            engines { shell 'writer', 'mkdir -p src && echo hi > src/a.txt' }
            task('feat/a') { engine 'writer'; scope 'src/' }
            '''.stripIndent())
        repo.commit('recipe')
    }

    /** Four tasks: reviewed and passing, failing its verification twice, out of scope, a replay that spends. */
    String fourTasks() {
        Files.createDirectories(repo.root.resolve('recordings'))
        Files.copy(Path.of('src/test/resources/engines/claude_full.jsonl'), repo.root.resolve('recordings/claude.jsonl'))
        repo.write('wtcraft.groovy', """\
            engines {
                shell 'writer', 'mkdir -p src && echo "\$TRACEPARENT" > src/\$(basename \$WTCRAFT_TASK).txt'
                shell 'stray', 'mkdir -p src && echo x > src/c.txt && echo "{}" > package.json'
                shell 'reviewer', 'echo "VERDICT: APPROVE"; echo "- small, and ${SECRET}"'
                replay 'recorded', 'recordings/claude.jsonl', as: 'claude'
            }
            task('feat/a') {
                engine 'writer'; scope 'src/'
                verify { run 'test -s src/a.txt' }
                review { engine 'reviewer' }
            }
            task('feat/b') {
                engine 'writer'; scope 'src/'; attempts 2
                verify { run 'test -s src/b.txt'; run 'echo failing on purpose; exit 3' }
            }
            task('feat/c') { engine 'stray'; scope 'src/'; offLimits 'package.json' }
            task('feat/replayed') { engine 'recorded'; scope 'src/' }
            """.stripIndent())
        repo.commit('recipe')
        def run = wtcraft('run', '--json')
        assert run.exitCode == 2: run.toString()
        run.json.run_id
    }

    Path ledger(String runId) {
        repo.root.resolve(".wtcraft/runs/${runId}")
    }

    List<Map> events(Path file) {
        Files.readAllLines(file).collect { json.parseText(it) as Map }
    }

    static long nanos(String ts) {
        Instant t = Instant.parse(ts)
        t.epochSecond * 1_000_000_000L + t.nano
    }

    def "a run is exported as one trace: the run, each task attempt under it, its engine, check, verify steps and review under that"() {
        given:
        String runId = fourTasks()
        Path dir = ledger(runId)

        when:
        def r = wtcraft('trace', '--otlp', receiver.url(), '--json')
        List<Span> spans = receiver.spans()
        Map<String, Span> byName = spans.collectEntries { [(it.name): it] }
        Span root = spans.find { it.parentSpanId.empty }
        Map doc = r.json

        then: 'one document on stdout, naming the trace'
        r.exitCode == 0
        doc.ok == true
        doc.run_id == runId
        doc.trace_id == TraceIds.traceId(runId)
        doc.spans == spans.size()
        receiver.requests.size() == 1
        receiver.contentTypes == ['application/x-protobuf']
        receiver.resource()['service.name'] == 'wtcraft'

        and: 'every span is in the run trace, the run is its root'
        spans.every { hex(it.traceId) == TraceIds.traceId(runId) }
        spans.count { it.parentSpanId.empty } == 1
        root.name == 'invoke_workflow wtcraft.groovy'
        hex(root.spanId) == TraceIds.runSpanId(runId)
        attributes(root)['gen_ai.operation.name'] == 'invoke_workflow'
        attributes(root)['wtcraft.run.id'] == runId
        attributes(root)['wtcraft.exit_code'] == 2L
        root.status.code == Status.StatusCode.STATUS_CODE_ERROR

        and: 'one invoke_agent span per attempt, under the run, with the id its engine got in TRACEPARENT'
        List<Span> agents = spans.findAll { attributes(it)['gen_ai.operation.name'] == 'invoke_agent' }
        agents.collect { [attributes(it)['wtcraft.task'], attributes(it)['wtcraft.attempt']] } ==
                [['feat/a', 1L], ['feat/b', 1L], ['feat/b', 2L], ['feat/c', 1L], ['feat/replayed', 1L]]
        agents.every { it.parentSpanId == root.spanId && it.name == "invoke_agent ${attributes(it)['wtcraft.task']}" }
        agents.every { hex(it.spanId) == TraceIds.attemptSpanId(runId, attributes(it)['wtcraft.task'] as String,
                attributes(it)['wtcraft.attempt'] as int) }
        repo.worktree('feat/a').resolve('src/a.txt').toFile().text.trim() ==
                "00-${TraceIds.traceId(runId)}-${hex(agents[0].spanId)}-01"
        repo.worktree('feat/b').resolve('src/b.txt').toFile().text.trim() ==
                "00-${TraceIds.traceId(runId)}-${hex(agents[2].spanId)}-01"   // the second attempt's own span
        agents.collect { attributes(it)['wtcraft.outcome'] } ==
                ['passed', 'verify_failed', 'verify_failed', 'scope_violation', 'passed']
        agents.collect { it.status.code == Status.StatusCode.STATUS_CODE_ERROR } == [false, true, true, true, false]

        and: "feat/a's attempt holds its engine, check, verification step and review, with their outcomes"
        Span a = agents[0]
        spans.findAll { it.parentSpanId == a.spanId }*.name == ['engine writer', 'check', 'verify test -s src/a.txt', 'review reviewer']
        attributes(byName['engine writer'])['wtcraft.outcome'] == 'succeeded'
        attributes(byName['engine writer'])['process.exit.code'] == 0L
        attributes(byName['check'])['wtcraft.outcome'] == 'pass'
        attributes(byName['verify test -s src/a.txt'])['process.exit.code'] == 0L
        attributes(byName['review reviewer'])['wtcraft.outcome'] == 'approve'

        and: "feat/b's failing step and feat/c's check are errors, the failing step names its exit"
        Span failing = spans.find { it.name == 'verify echo failing on purpose; exit 3' && it.parentSpanId == agents[1].spanId }
        failing.status.code == Status.StatusCode.STATUS_CODE_ERROR
        attributes(failing)['process.exit.code'] == 3L
        Span check = spans.find { it.name == 'check' && it.parentSpanId == agents[3].spanId }
        check.status.code == Status.StatusCode.STATUS_CODE_ERROR
        attributes(check)['wtcraft.check.violations'] >= 1L

        and: "the times are the ledger's: feat/a's attempt from its first event to attempt.finished, the review from review.started to its verdict"
        def aEvents = events(dir.resolve('tasks/feat/a/events.jsonl')).findAll { !(it.type in ['stdout', 'stderr']) }
        a.startTimeUnixNano == nanos(aEvents[0].ts as String)
        a.endTimeUnixNano == nanos(aEvents.find { it.type == 'attempt.finished' }.ts as String)
        byName['review reviewer'].startTimeUnixNano == nanos(aEvents.find { it.type == 'review.started' }.ts as String)
        byName['review reviewer'].endTimeUnixNano == nanos(aEvents.find { it.type == 'review.verdict' }.ts as String)
        spans.every { it.startTimeUnixNano <= it.endTimeUnixNano }
        spans.findAll { it.parentSpanId == a.spanId }.every { it.startTimeUnixNano >= a.startTimeUnixNano && it.endTimeUnixNano <= a.endTimeUnixNano }

        and: "the replay's tokens, model and provider are usage.json's, the spend labelled an estimate"
        Map usage = json.parse(dir.resolve('tasks/feat/replayed/usage.json').toFile()) as Map
        Map replayed = attributes(agents[4])
        usage.input_tokens > 0
        replayed['gen_ai.usage.input_tokens'] == usage.input_tokens as long
        replayed['gen_ai.usage.output_tokens'] == usage.output_tokens as long
        replayed['gen_ai.request.model'] == usage.model
        replayed['gen_ai.provider.name'] == 'anthropic'
        replayed['wtcraft.spend.tokens'] == usage.total_tokens as long
        replayed['wtcraft.spend.estimated_usd'] == (usage.cost.estimate_usd ?: usage.cost.engine_reported_usd) as double
        attributes(agents[0])['gen_ai.usage.input_tokens'] == 0L                 // a shell engine reports none

        and: 'the secret the reviewer printed is redacted, as in the ledger'
        !spans.any { s -> attributes(s).values().any { it.toString().contains(SECRET) } }
        attributes(byName['review reviewer'])['wtcraft.review.summary'].toString().contains('small')
    }

    def "a run collected elsewhere exports from its ledger directory alone, with the same ids"() {
        given:
        String runId = fourTasks()
        Path copy = Files.createTempDirectory(tmp, 'collected')
        Path from = ledger(runId)
        Files.walk(from).each { p -> Path to = copy.resolve(from.relativize(p).toString()); Files.isDirectory(p) ? Files.createDirectories(to) : Files.copy(p, to) }

        when:
        def r = wtcraft('trace', '--ledger', copy.toString(), '--otlp', receiver.url() + '/v1/traces')

        then:
        r.exitCode == 0
        r.out.trim() ==~ /exported run ${runId} as trace ${TraceIds.traceId(runId)} \(\d+ spans\) to http:\/\/127.0.0.1:\d+\/v1\/traces/
        receiver.spans().find { it.parentSpanId.empty }.spanId.toByteArray().encodeHex().toString() == TraceIds.runSpanId(runId)
    }

    def "WTCRAFT_OTLP_ENDPOINT exports every run when it ends; an endpoint that refuses only warns"() {
        given:
        oneTask()

        when:
        def ok = wtcraftEnv([WTCRAFT_OTLP_ENDPOINT: receiver.url()], 'run', '--json')
        receiver.status = 503
        repo.write('wtcraft.groovy', repo.root.resolve('wtcraft.groovy').toFile().text.replace('feat/a', 'feat/b'))
        repo.commit('another task')
        def refused = wtcraftEnv([WTCRAFT_OTLP_ENDPOINT: receiver.url()], 'run', '--json')

        then:
        ok.exitCode == 0
        ok.err.contains("trace ${TraceIds.traceId(ok.json.run_id as String)} (")
        receiver.requests.size() == 1
        hex(receiver.spans().find { it.parentSpanId.empty }.spanId) == TraceIds.runSpanId(ok.json.run_id as String)
        refused.exitCode == 0
        refused.json.ok == true
        refused.err.readLines().find { it.startsWith('wtcraft run: warning: could not export the trace to http://127.0.0.1:') } =~ /503/
    }

    /** The OpenTelemetry classes a fresh JVM loads for one wtcraft command in the repository. */
    List<String> otelClassesLoaded(Map<String, String> env = [:], String... args) {
        def pb = new ProcessBuilder(['java', '-verbose:class', '-cp', System.getProperty('java.class.path'),
                                     'dev.wtcraft.cli.Main'] + (args as List))
                .directory(repo.root.toFile()).redirectErrorStream(true)
        pb.environment().remove('WTCRAFT_OTLP_ENDPOINT')
        pb.environment().putAll(env)
        Process p = pb.start()
        String out = p.inputStream.text
        assert p.waitFor() == 0: out
        out.readLines().findAll { it.contains('io.opentelemetry.') }
    }

    def "without an endpoint nothing of OpenTelemetry is loaded: --version, status, check and a run; with one, the run loads it"() {
        given:
        oneTask()

        expect:
        otelClassesLoaded('--version') == []
        otelClassesLoaded('status') == []
        otelClassesLoaded('run') == []
        otelClassesLoaded('check', 'worktrees/feat/a') == []

        when: 'the same run with an endpoint (the control: the check sees the SDK when it is loaded)'
        repo.write('wtcraft.groovy', repo.root.resolve('wtcraft.groovy').toFile().text.replace('feat/a', 'feat/b'))
        repo.commit('another task')
        def loaded = otelClassesLoaded([WTCRAFT_OTLP_ENDPOINT: receiver.url()], 'run')

        then:
        loaded.any { it.contains('io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter') }
        receiver.requests.size() == 1
    }

    def "trace fails in one line: #why"() {
        given:
        repo.write('wtcraft.groovy', '''\
            engines { shell 'writer', 'true' }
            task('feat/a') { engine 'writer' }
            '''.stripIndent())
        repo.commit('recipe')
        assert wtcraft('run').exitCode == 0
        receiver.close()

        when:
        def r = wtcraft(args as String[])

        then:
        r.exitCode == 1
        r.err.readLines().size() == 1
        r.err.startsWith(message)

        where:
        why               | args                                                 | message
        'no endpoint'     | ['trace']                                            | 'wtcraft trace: give the endpoint: --otlp URL'
        'not a URL'       | ['trace', '--otlp', 'localhost:4318']                | "wtcraft trace: not an OTLP/HTTP endpoint URL"
        'nobody listens'  | ['trace', '--otlp', 'http://127.0.0.1:9']            | 'wtcraft trace: could not export the trace to http://127.0.0.1:9/v1/traces: cannot connect'
        'no such run'     | ['trace', 'nosuchrun', '--otlp', 'http://127.0.0.1:9'] | 'wtcraft trace: '
    }
}
