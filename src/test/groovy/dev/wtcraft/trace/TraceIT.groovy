package dev.wtcraft.trace

import dev.wtcraft.engine.AgentCliSpecification
import dev.wtcraft.support.OtlpReceiver
import dev.wtcraft.support.WtcraftRun
import io.opentelemetry.proto.trace.v1.Span
import spock.lang.Requires

import java.nio.file.Files
import java.nio.file.Path

import static dev.wtcraft.support.OtlpReceiver.attributes
import static dev.wtcraft.support.OtlpReceiver.hex

/**
 * The real Claude Code CLI (pinned, offline, against the model server of our own) runs a task: the shell command it
 * runs sees the task span's TRACEPARENT, and `wtcraft trace` exports that span, with the tokens the ledger recorded,
 * to an OTLP/HTTP receiver on 127.0.0.1.
 */
@Requires({ AgentCliSpecification.installed() || System.getenv('CI') })
class TraceIT extends AgentCliSpecification {
    OtlpReceiver receiver = new OtlpReceiver()

    def cleanup() {
        receiver.close()
    }

    def "claude: the engine gets its attempt span's TRACEPARENT, and the exported span carries the ledger's tokens"() {
        given: 'one scripted shell step that writes what the CLI passed its tool'
        server.shellSteps(1, 'printf %s "$TRACEPARENT" > traceparent.txt')

        when:
        def run = run('claude', "scope 'traceparent.txt'")
        def task = run.json.tasks[0]
        String runId = run.json.run_id
        Path ledger = Path.of(task.ledger as String)
        def usage = JSON.parse(ledger.resolve('usage.json').toFile())
        def trace = WtcraftRun.run(repo.root, [:], 'trace', '--otlp', receiver.url(), '--json')
        List<Span> spans = receiver.spans()
        Span agent = spans.find { attributes(it)['gen_ai.operation.name'] == 'invoke_agent' }
        Map a = attributes(agent)

        then: 'the CLI ran the step with the task span as its parent context'
        task.outcome == 'passed'
        Files.readString(repo.worktree('feat/hello').resolve('traceparent.txt')) ==
                TraceIds.traceparent(runId, 'feat/hello', 1)

        and: 'the exported attempt span is that span, in that trace, under the run'
        trace.exitCode == 0
        hex(agent.traceId) == TraceIds.traceId(runId)
        "00-${hex(agent.traceId)}-${hex(agent.spanId)}-01" == TraceIds.traceparent(runId, 'feat/hello', 1)
        agent.parentSpanId == spans.find { it.parentSpanId.empty }.spanId
        agent.name == 'invoke_agent feat/hello'

        and: "its GenAI attributes are the ledger's"
        a['gen_ai.agent.name'] == 'feat/hello'
        a['gen_ai.provider.name'] == 'anthropic'
        a['gen_ai.request.model'] == usage.model
        a['gen_ai.conversation.id'] == usage.session_id
        usage.input_tokens > 0
        a['gen_ai.usage.input_tokens'] == usage.input_tokens as long
        a['gen_ai.usage.output_tokens'] == usage.output_tokens as long
        a['wtcraft.spend.tokens'] == usage.total_tokens as long
        a['wtcraft.engine'] == 'claude'

        and: 'the engine span under it names the CLI and how it ended'
        Span engine = spans.find { it.parentSpanId == agent.spanId && it.name == 'engine claude' }
        attributes(engine)['wtcraft.engine.kind'] == 'claude'
        attributes(engine)['wtcraft.outcome'] == 'succeeded'
        attributes(engine)['process.exit.code'] == 0L
    }
}
