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

    def "claude: a denial is recorded as an event"() {
        expect:
        parse('claude_deny.jsonl').events.findAll { it.type() == 'permission.denied' }*.data()*.tool.contains('Write')
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
