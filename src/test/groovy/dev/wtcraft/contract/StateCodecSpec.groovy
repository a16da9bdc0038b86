package dev.wtcraft.contract

import dev.wtcraft.WtcraftException
import spock.lang.Specification

import java.nio.file.Path
import java.time.Instant

class StateCodecSpec extends Specification {
    static final Path FILE = Path.of('/x/.worktree-state.json')

    def "the state file has seventeen fields in order, one per line, and round-trips with extra fields kept"() {
        given:
        def state = TaskState.planned('feat/x', 'codex', Instant.parse('2026-11-21T10:00:00.123Z'))
        def text = StateCodec.encode(state)

        when:
        def lines = text.readLines()

        then:
        lines.first() == '{' && lines.last() == '}'
        lines[1..-2].collect { it.trim().replaceAll(/^"([^"]+)".*/, '$1') } == StateCodec.FIELDS
        text.contains('"created_at": "2026-11-21T10:00:00Z"')

        when:
        def withExtra = text.replace('\n}', ',\n  "x_custom": "kept"\n}')
        def decoded = StateCodec.decode(FILE, withExtra)

        then:
        decoded.taskId() == 'feat/x'
        decoded.stage() == Stage.PLANNED
        decoded.agent() == 'codex'
        StateCodec.encode(decoded) == withExtra
    }

    def "#why is an invalid state file"() {
        when:
        StateCodec.decode(FILE, text)

        then:
        def e = thrown(WtcraftException)
        e.exitCode() == 1
        e.message.startsWith("invalid state file: ${FILE}")

        where:
        why                       | text
        'garbage'                 | 'not json at all'
        'one-line JSON'           | StateCodec.encode(TaskState.planned('t', null, Instant.now())).replace('\n', ' ')
        'an unknown stage'        | StateCodec.encode(TaskState.planned('t', null, Instant.now())).replace('"planned"', '"flying"')
        'a missing field'         | StateCodec.encode(TaskState.planned('t', null, Instant.now())).replaceAll(/(?m)^  "attempt": 0,\n/, '')
        'a negative attempt'      | StateCodec.encode(TaskState.planned('t', null, Instant.now())).replace('"attempt": 0', '"attempt": -1')
        'a wrong schema version'  | StateCodec.encode(TaskState.planned('t', null, Instant.now())).replace('"schema_version": 1', '"schema_version": 2')
    }

    def "stage edges: #from -> #to is #legal"() {
        expect:
        Stage.parse(from).get().canMoveTo(Stage.parse(to).get()) == legal

        where:
        from        | to          || legal
        'planned'   | 'executing' || true
        'executing' | 'verifying' || true
        'verifying' | 'replan'    || true
        'verifying' | 'approved'  || true
        'replan'    | 'planned'   || true
        'approved'  | 'finishing' || true
        'finishing' | 'done'      || true
        'planned'   | 'planned'   || true
        'planned'   | 'done'      || false
        'executing' | 'approved'  || false
        'done'      | 'planned'   || false
        'replan'    | 'executing' || false
    }
}
