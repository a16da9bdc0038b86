package dev.wtcraft.engine

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/** Every recorded stream in src/test/resources/engines (copied from shared/fixtures/engines) parses as expected. */
class FixtureSpec extends Specification {
    static final Path DIR = Path.of('src/test/resources/engines')

    static StreamParser parserFor(String name) {
        name.startsWith('codex') ? new CodexStream() : name.startsWith('claude') ? new ClaudeStream() : new GeminiStream()
    }

    /** The recorded exit code; a resumed run's is in its first run's meta as "resume exit=N". */
    static int exitOf(String name) {
        boolean resume = name.contains('_resume')
        def meta = DIR.resolve(name.replace('_resume', '').replaceAll(/\.(jsonl|json)$/, '.meta.txt'))
        def m = Files.readString(meta) =~ (resume ? /resume exit=(\d+)/ : /(?m)^exit=(\d+)/)
        // claude's meta records no resume exit; its resumed stream ends in a success result
        m.find() ? m.group(1) as int : 0
    }

    static List<String> stderrOf(String name) {
        def f = DIR.resolve(name.replaceAll(/\.(jsonl|json)$/, '.stderr.txt'))
        Files.exists(f) ? Files.readAllLines(f).findAll { it.trim() } : []
    }

    Map parse(String name) {
        def parser = parserFor(name)
        def events = []
        Files.readAllLines(DIR.resolve(name)).each { events.addAll(parser.parse(it)) }
        def verdict = Classifier.classify(parser.summary(), exitOf(name), false, false, Duration.ofSeconds(1), stderrOf(name))
        [events: events, summary: parser.summary(), verdict: verdict, types: events*.type()]
    }

    def "the copies match shared/fixtures/engines when it is there"() {
        given:
        def shared = Path.of('../shared/fixtures/engines')

        expect:
        !Files.isDirectory(shared) || Files.list(shared).allMatch { f ->
            Files.exists(DIR.resolve(f.fileName)) && Files.mismatch(f, DIR.resolve(f.fileName)) == -1L
        }
    }

    def "every stream fixture parses with no unparsed line: #name"() {
        when:
        def r = parse(name)

        then:
        r.summary.unparsedLines() == 0
        r.events.every { it.type() != 'raw' }

        where:
        name << Files.list(DIR).map { it.fileName.toString() }.filter { it.endsWith('.jsonl') }.sorted().toList()
    }

    def "codex: commands, file changes, the final message, usage summed over the turn, and the thread id"() {
        when:
        def r = parse('codex_full.jsonl')

        then:
        r.summary.sessionId() == '01a1fc6d-33d2-78e3-9e52-e13525e272d6'
        r.types == ['session.started', 'reasoning', 'command', 'file.change', 'message', 'usage']
        r.events[2].data().command == "/bin/bash -lc 'echo hello > hello.txt'"
        r.events[2].data().exit_code == 0
        r.events[3].data() == [path: '/tmp/run/repo/hello_patch.txt', kind: 'add', status: 'completed']
        r.summary.lastMessage() == 'done'
        with(r.summary.usage()) {
            inputTokens() == 3600
            cachedInputTokens() == 600
            outputTokens() == 102
            turns() == 1
        }
        r.verdict.outcome() == EngineOutcome.SUCCEEDED
    }

    def "codex: a resumed session keeps its thread id"() {
        expect:
        parse('codex_full_resume.jsonl').summary.sessionId() == parse('codex_full.jsonl').summary.sessionId()
    }

    def "codex: usage is summed across turns"() {
        given:
        def parser = new CodexStream()
        (Files.readAllLines(DIR.resolve('codex_full.jsonl')) + Files.readAllLines(DIR.resolve('codex_full_resume.jsonl')))
                .each { parser.parse(it) }

        expect:
        parser.summary().usage().inputTokens() == 3600 + 4800
        parser.summary().usage().outputTokens() == 102 + 136
        parser.summary().usage().turns() == 2
    }

    def "codex: a non-fatal error item is kept and does not fail the run"() {
        when:
        def r = parse('codex_shell.jsonl')

        then:
        r.events.find { it.type() == 'error' }.data().fatal == false
        r.verdict.outcome() == EngineOutcome.SUCCEEDED
    }

    def "#name is classified #outcome: #reason"() {
        expect:
        with(parse(name).verdict) {
            it.outcome() == outcome
            it.reason().startsWith(reason)
        }

        where:
        name                       || outcome                          | reason
        'codex_error.jsonl'        || EngineOutcome.API_ERROR          | 'API error (exit 1): {"error": {"message": "mock: model overloaded (scripted failure)"'
        'codex_chat.jsonl'         || EngineOutcome.FAILED             | 'exited 1: in `model_providers.mock.wire_api`'
        'codex_full_auto.jsonl'    || EngineOutcome.FAILED             | 'exited 2: '
        'claude_error.jsonl'       || EngineOutcome.API_ERROR          | 'API error (HTTP 529, exit 1): API Error: 529 mock: Overloaded'
        'claude_maxturns.jsonl'    || EngineOutcome.MAX_TURNS          | 'stopped at its turn limit: Reached maximum number of turns (1)'
        'claude_deny.jsonl'        || EngineOutcome.PERMISSION_DENIED  | 'finished, but was denied: Write /tmp/run/repo/hello_write.txt'
        'claude_full.jsonl'        || EngineOutcome.SUCCEEDED          | 'exited 0'
        'claude197_shell.jsonl'    || EngineOutcome.SUCCEEDED          | 'exited 0'
        'gemini_shell.jsonl'       || EngineOutcome.SUCCEEDED          | 'exited 0'
        'gemini_error.jsonl'       || EngineOutcome.API_ERROR          | 'API error (HTTP 400, exit 144): [API Error: {"error":{"code":400,"message":"mock: scripted failure"'
    }

    def "claude: usage is the result's own totals, per model, with the CLI's cost; lines of one message count once"() {
        when:
        def r = parse('claude_full.jsonl')
        def streamOnly = new ClaudeStream()
        Files.readAllLines(DIR.resolve('claude_full.jsonl')).findAll { !it.contains('"type":"result"') }.each { streamOnly.parse(it) }

        then:
        r.summary.sessionId() == '3ff57a50-c954-4756-892a-a26ed37e4718'
        r.summary.model() == 'claude-sonnet-4-5'
        with(r.summary.usage()) {
            inputTokens() == 4500
            cachedInputTokens() == 900
            outputTokens() == 36
            turns() == 3
            engineCostUsd() == 0.01431d
            models().keySet() == ['claude-sonnet-4-5'] as Set
            models()['claude-sonnet-4-5'].input_tokens == 4500
        }
        r.types.count('command') == 1
        r.events.find { it.type() == 'command' }.data().command == 'echo hello > hello.txt'
        r.events.find { it.type() == 'file.change' }.data().path == '/tmp/run/repo/hello_write.txt'
        r.summary.lastMessage() == 'done'

        and: 'without a result line, the three messages are counted once each (six stream lines)'
        streamOnly.summary().usage().inputTokens() == 3 * 1500
        streamOnly.summary().usage().turns() == 3
    }

    def "claude: a denial is recorded once, though the CLI reports it live and again in its result"() {
        when:
        def r = parse('claude_deny.jsonl')
        def denials = r.events.findAll { it.type() == 'permission.denied' }

        then:
        denials.size() == 1
        denials[0].data().tool == 'Write'
        r.summary.permissionDenials() == ['Write /tmp/run/repo/hello_write.txt']

        and: 'the denied Write changed nothing, so there is no file.change'
        !r.types.contains('file.change')
    }

    def "claude: a write tool's file.change comes with its successful result, not with the call"() {
        given:
        def parser = new ClaudeStream()
        def lines = Files.readAllLines(DIR.resolve('claude_full.jsonl'))
        def call = lines.findIndexOf { it.contains('"name":"Write"') }

        expect:
        lines[0..call].collectMany { parser.parse(it) }.every { it.type() != 'file.change' }
        lines[(call + 1)..-1].collectMany { parser.parse(it) }.find { it.type() == 'file.change' }.data().path ==
                '/tmp/run/repo/hello_write.txt'
    }

    def "claude: usage is reported per message as it streams, the final output count from message_delta"() {
        given: 'lines as 2.1.329 prints them with --include-partial-messages'
        def parser = new ClaudeStream()
        def start = '{"type":"stream_event","event":{"type":"message_start","message":{"id":"msg_1","type":"message",' +
                '"usage":{"cache_read_input_tokens":300,"cache_creation_input_tokens":0,"output_tokens":1,"input_tokens":1500},' +
                '"content":[],"role":"assistant","model":"claude-opus-5-5"}},"session_id":"s","parent_tool_use_id":null}'
        def assistant = '{"type":"assistant","message":{"id":"msg_1","type":"message","usage":{"cache_read_input_tokens":300,' +
                '"cache_creation_input_tokens":0,"output_tokens":1,"input_tokens":1500},"content":[{"type":"text","text":"hi"}],' +
                '"role":"assistant"},"parent_tool_use_id":null,"session_id":"s"}'
        def delta = '{"type":"stream_event","event":{"delta":{"stop_reason":"tool_use"},"type":"message_delta",' +
                '"usage":{"output_tokens":12}},"session_id":"s","parent_tool_use_id":null,"api_message_id":"msg_1"}'
        def delta197 = '{"type":"stream_event","event":{"delta":{"stop_reason":"end_turn"},"type":"message_delta",' +
                '"usage":{"output_tokens":12}},"session_id":"s","parent_tool_use_id":null}'

        when:
        def first = parser.parse(start)
        def repeated = parser.parse(assistant)
        def last = parser.parse(delta)

        then:
        first*.type() == ['usage']
        first[0].data().input_tokens == 1500
        repeated*.type() == ['message']
        last*.type() == ['usage']
        parser.summary().usage().outputTokens() == 12
        parser.summary().usage().inputTokens() == 1500
        parser.summary().usage().turns() == 1

        and: '2.1.197 does not name the message in message_delta: it is the one streaming'
        def older = new ClaudeStream()
        older.parse(start)
        older.parse(delta197)*.type() == ['usage']
        older.summary().usage().outputTokens() == 12
    }

    def "claude: a budget stop is its own outcome, and the zeros its result reports do not undo the usage seen"() {
        given:
        def parser = new ClaudeStream()
        parser.parse('{"type":"assistant","message":{"id":"m1","usage":{"input_tokens":1500,"cache_read_input_tokens":300,' +
                '"output_tokens":12},"content":[]},"session_id":"s"}')
        parser.parse('{"type":"result","subtype":"error_max_budget_usd","is_error":true,"terminal_reason":"budget_exhausted",' +
                '"errors":["Reached maximum budget ($0.001)"],"usage":{"input_tokens":0,"cache_read_input_tokens":0,' +
                '"output_tokens":0},"num_turns":1,"total_cost_usd":0.0063,"session_id":"s"}')
        def v = Classifier.classify(parser.summary(), 1, false, false, Duration.ofSeconds(1), [])

        expect:
        v.outcome() == EngineOutcome.BUDGET
        v.reason() == 'stopped at its own budget limit: Reached maximum budget ($0.001)'
        parser.summary().usage().inputTokens() == 1500
        parser.summary().usage().outputTokens() == 12
    }

    def "claude: API retries are read from the stream, with their status"() {
        given:
        def parser = new ClaudeStream()
        def events = parser.parse('{"type":"system","subtype":"api_retry","attempt":1,"max_retries":2,"retry_delay_ms":593,' +
                '"error_status":429,"error":"rate_limit","session_id":"s"}')

        expect:
        events*.type() == ['retry']
        events[0].data().status == 429
        events[0].data().delay_ms == 593L
        parser.summary().retryStatus() == 429
    }

    def "codex: each model response's usage comes from its rollout file; turn.completed settles the total"() {
        given:
        def parser = new CodexStream()
        def record = { String id -> '{"timestamp":"t","type":"token_usage_record","payload":{"response_id":"' + id +
                '","usage":{"input_tokens":1500,"cached_input_tokens":300,"cache_write_input_tokens":0,"output_tokens":12,' +
                '"reasoning_output_tokens":0,"total_tokens":1512},"turn_token_usage":{"input_tokens":3000}}}' }

        when:
        def first = parser.sessionLine(record('resp_1'))
        def again = parser.sessionLine(record('resp_1'))
        parser.sessionLine(record('resp_2'))
        parser.sessionLine('{"type":"response_item","payload":{"type":"message"}}')

        then:
        first*.type() == ['usage']
        again.isEmpty()
        parser.summary().usage().inputTokens() == 3000
        parser.summary().usage().outputTokens() == 24
        parser.summary().usage().turns() == 2
    }

    def "codex: 'Reconnecting... n/m' is a retry, not the end; an execpolicy refusal on stderr is a denial"() {
        given:
        def parser = new CodexStream()

        when:
        def retry = parser.parse('{"type":"error","message":"Reconnecting... 2/5 (We’re currently experiencing high demand, which may cause temporary errors.)"}')
        def denied = parser.stderrLine('2026-12-01T22:13:25.064154Z ERROR codex_core::tools::router: error=exec_command failed: ' +
                'CreateProcess { message: "Rejected(\\"`/bin/bash -lc \'touch refused.txt\'` rejected: policy forbids commands starting with `touch`\\")" }')
        def v = Classifier.classify(parser.summary(), 0, false, false, Duration.ofSeconds(1), [])

        then:
        retry*.type() == ['retry']
        retry[0].data().attempt == 2
        !parser.summary().apiError()
        denied*.type() == ['permission.denied']
        denied[0].data().target == "/bin/bash -lc 'touch refused.txt'"
        v.outcome() == EngineOutcome.PERMISSION_DENIED
    }

    def "codex: a failed turn names the HTTP status it gives; the rollout names a 500's"() {
        given:
        def parser = new CodexStream()
        parser.parse('{"type":"turn.failed","error":{"message":"exceeded retry limit, last status: 429 Too Many Requests"}}')
        def other = new CodexStream()
        other.parse('{"type":"turn.failed","error":{"message":"We’re currently experiencing high demand, which may cause temporary errors."}}')
        other.sessionLine('{"type":"event_msg","payload":{"type":"task_complete","error":{"message":"x","codex_error_info":"internal_server_error"}}}')

        expect:
        Classifier.classify(parser.summary(), 1, false, false, Duration.ofSeconds(1), []).reason()
                .startsWith('API error (HTTP 429, exit 1)')
        Classifier.classify(other.summary(), 1, false, false, Duration.ofSeconds(1), []).reason()
                .startsWith('API error (HTTP 500, exit 1)')
    }

    def "gemini: a tool refused by policy is a denial, not a success, and a refused write is no file change"() {
        given: 'the lines gemini 0.61 prints for a shell command its policy denies'
        def parser = new GeminiStream()
        def lines = [
                '{"type":"init","timestamp":"t","session_id":"81988894-8c39-4460-bfc9-fa0b6ea07e57","model":"mock"}',
                '{"type":"tool_use","timestamp":"t","tool_name":"run_shell_command","tool_id":"sh_1","parameters":{"command":"echo hello > hello.txt"}}',
                '{"type":"tool_result","timestamp":"t","tool_id":"sh_1","status":"error","output":"Tool execution denied by policy.","error":{"type":"policy_violation","message":"Tool execution denied by policy."}}',
                '{"type":"tool_use","timestamp":"t","tool_name":"write_file","tool_id":"w_1","parameters":{"content":"x","file_path":"/w/a.txt"}}',
                '{"type":"tool_result","timestamp":"t","tool_id":"w_1","status":"error","output":"denied","error":{"type":"policy_violation","message":"denied"}}',
                '{"type":"result","timestamp":"t","status":"success","stats":{"total_tokens":4536,"input_tokens":4500,"output_tokens":36,"cached":0,"tool_calls":2}}']

        when:
        def events = lines.collectMany { parser.parse(it) }
        def v = Classifier.classify(parser.summary(), 0, false, false, Duration.ofSeconds(1), [])

        then:
        events.findAll { it.type() == 'permission.denied' }*.data()*.tool == ['run_shell_command', 'write_file']
        parser.summary().permissionDenials() == ['run_shell_command echo hello > hello.txt', 'write_file /w/a.txt']
        !events*.type().contains('file.change')
        v.outcome() == EngineOutcome.PERMISSION_DENIED
    }

    def "gemini: the final message is the last assistant text; an empty message after it does not erase it"() {
        given:
        def parser = new GeminiStream()
        def lines = [
                '{"type":"init","timestamp":"t","session_id":"s","model":"mock"}',
                '{"type":"message","timestamp":"t","role":"user","content":"review this"}',
                '{"type":"message","timestamp":"t","role":"assistant","content":"Looks right.\\n","delta":true}',
                '{"type":"message","timestamp":"t","role":"assistant","content":"VERDICT: APPROVE","delta":true}',
                '{"type":"tool_use","timestamp":"t","tool_name":"read_file","tool_id":"r_1","parameters":{"file_path":"/w/a"}}',
                '{"type":"tool_result","timestamp":"t","tool_id":"r_1","status":"success","output":""}',
                '{"type":"message","timestamp":"t","role":"assistant","content":"","delta":true}',
                '{"type":"result","timestamp":"t","status":"success","stats":{"total_tokens":12,"input_tokens":10,"output_tokens":2}}']

        when:
        lines.each { parser.parse(it) }

        then:
        parser.summary().lastMessage() == 'Looks right.\nVERDICT: APPROVE'
    }

    def "gemini: each response's usage comes from its chat record, counted once per message id"() {
        given:
        def parser = new GeminiStream()
        def line = '{"id":"251e","timestamp":"t","type":"gemini","content":"","tokens":{"input":1500,"output":12,"cached":0,' +
                '"thoughts":0,"tool":0,"total":1512},"model":"mock"}'

        expect:
        parser.sessionLine(line)*.type() == ['usage']
        parser.sessionLine(line.replace('}', ',"toolCalls":[]}')).isEmpty()
        parser.sessionLine('{"$set":{"lastUpdated":"t"}}').isEmpty()
        parser.summary().usage().inputTokens() == 1500
        parser.summary().usage().models() == [mock: [input_tokens: 1500L, cached_input_tokens: 0L, cache_write_input_tokens: 0L,
                                                     output_tokens: 12L, reasoning_output_tokens: 0L]]
    }

    def "gemini: the chat record's reply is the final message when the stream carried none, never over the stream's"() {
        given:
        def record = { String id, String text -> '{"id":"' + id + '","timestamp":"t","type":"gemini","content":' +
                groovy.json.JsonOutput.toJson(text) + ',"tokens":{"input":10,"output":2,"total":12},"model":"mock"}' }
        def silent = new GeminiStream()
        def spoke = new GeminiStream()

        when: 'one stream ends without the reply its record holds; the other printed a reply of its own'
        silent.sessionLine(record('r1', ''))
        silent.sessionLine(record('r2', 'Looks right.\nVERDICT: APPROVE'))
        silent.parse('{"type":"result","status":"success","stats":{"input_tokens":20,"output_tokens":4}}')
        spoke.parse('{"type":"message","role":"assistant","content":"VERDICT: REQUEST_CHANGES","delta":true}')
        spoke.sessionLine(record('r1', 'something else'))

        then:
        silent.summary().lastMessage() == 'Looks right.\nVERDICT: APPROVE'
        spoke.summary().lastMessage() == 'VERDICT: REQUEST_CHANGES'
    }

    def "gemini: its own turn limit is max_turns; its retries on stderr carry the status"() {
        given:
        def parser = new GeminiStream()
        def retry = parser.stderrLine('Attempt 1 failed with status 429. Retrying with backoff... _ApiError: {"error":{"code":429}}')
        parser.stderrLine('Attempt 3 failed: mock: HTTP 429 (scripted). Max attempts reached')
        parser.parse('{"type":"result","status":"error","error":{"type":"FatalTurnLimitedError","message":"Reached max session turns for this session."},"stats":{}}')

        expect:
        retry*.type() == ['retry']
        retry[0].data().status == 429
        parser.summary().retries() == 1
        Classifier.classify(parser.summary(), 53, false, false, Duration.ofSeconds(1), []).outcome() == EngineOutcome.MAX_TURNS
    }

    def "claude: the --output-format json result parses too"() {
        when:
        def r = parse('claude_json.json')

        then:
        r.summary.usage().inputTokens() == 3000
        r.verdict.outcome() == EngineOutcome.SUCCEEDED
    }

    def "gemini: tool calls, the shell command, usage from the result and the assistant's reply"() {
        when:
        def r = parse('gemini_shell.jsonl')

        then:
        r.summary.sessionId() == '331d20c3-18b0-4cb7-8cd3-5774a26bd3a5'
        r.events.find { it.type() == 'command' }.data().command == 'echo hello > hello.txt'
        r.types.contains('tool.result')
        r.summary.usage().inputTokens() == 3000
        r.summary.usage().outputTokens() == 24
        r.summary.usage().models().keySet() == ['mock'] as Set
        r.summary.lastMessage() == 'done'
    }

    def "gemini: a 429 retried until our timeout is a timeout; the stream had no result"() {
        when:
        def parser = new GeminiStream()
        Files.readAllLines(DIR.resolve('gemini_error429_timeout.jsonl')).each { parser.parse(it) }
        def verdict = Classifier.classify(parser.summary(), -1, true, false, Duration.ofSeconds(120), [])

        then:
        !parser.summary().finished()
        verdict.outcome() == EngineOutcome.TIMED_OUT
        verdict.reason() == 'timed out after 2m; its process group was killed'
    }

    def "lines that are not JSON objects are counted as raw and never throw"() {
        given:
        def parser = new GeminiStream()

        when:
        def events = Files.readAllLines(DIR.resolve('gemini_json.json')).collectMany { parser.parse(it) } +
                parser.parse('{"type":"something_new","x":1}') + parser.parse('[1,2]') + parser.parse('{broken')

        then:
        events.every { it.type() == 'raw' }
        parser.summary().unparsedLines() == events.size()
    }
}
