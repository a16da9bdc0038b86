package dev.wtcraft.ledger

import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files
import java.nio.file.Path

/** Ledgers written before schema versions still read; a damaged document is one clear line, never a stack trace. */
class DamagedLedgerSpec extends WtcraftSpecification {
    static final String TODAY = '''{"run_id":"20261120T100000Z-aaaaaa","recipe":"wtcraft.groovy","recipe_sha256":"abc",\
"base_commit":"0123456789abcdef0123456789abcdef01234567","started_at":"2026-11-20T10:00:00.123456Z",\
"finished_at":"2026-11-20T10:00:09Z","jobs":2,"exit_code":2,"spend":{"total":{"tokens":12,"estimated_usd":0.5},\
"by_engine":{"w":{"tokens":12,"estimated_usd":0.5}}},"tasks":{"feat/a":{"outcome":"passed","attempts":1,\
"reason":"check passed","hash":"h1","spend":{"tokens":12,"estimated_usd":0.5},"landed":{"commit":"c0ffee",\
"into":"main","strategy":"merge","at":"2026-11-20T10:05:00Z"}},"feat/b":{"outcome":"pending","attempts":0,\
"reason":null,"hash":"h2"}}}'''

    Path run(String id, String json) {
        Path dir = repo.root.resolve(".wtcraft/runs/${id}")
        Files.createDirectories(dir.resolve('tasks'))
        Files.writeString(dir.resolve('run.json'), json)
        dir
    }

    def "a run.json of the shape written before schema versions still reads: show, runs and the report"() {
        given:
        run('20261120T100000Z-aaaaaa', TODAY)

        when:
        def show = wtcraft('show', 'last')
        def runs = wtcraft('runs', '--json')
        def html = wtcraft('report', '--html')

        then:
        show.exitCode == 0
        show.out.contains('feat/a') && show.out.contains('passed') && show.out.contains('pending')
        runs.exitCode == 0
        runs.json[0].tasks.'feat/a'.landed.commit == 'c0ffee'
        runs.json[0].schema_version == 0
        html.exitCode == 0
    }

    def "a damaged run.json is refused in one line naming it (#why); the other runs are still listed"() {
        given:
        run('20261120T100000Z-aaaaaa', TODAY)
        Path bad = run('20261121T100000Z-bbbbbb', text)

        when:
        def show = wtcraft('show', '20261121')
        def report = wtcraft('report', '--html', '20261121')
        def runs = wtcraft('runs')
        def runsJson = wtcraft('runs', '--json')

        then:
        show.exitCode == 1
        show.err.readLines().size() == 1
        show.err.startsWith("wtcraft show: damaged ledger file ${bad.resolve('run.json')}: ${message}")
        !show.err.contains('internal error') && !show.err.contains('Exception')
        report.exitCode == 1
        report.err.readLines().size() == 1 && report.err.contains('damaged ledger file')
        runs.exitCode == 0
        runs.out.contains('20261120T100000Z-aaaaaa')
        runs.out.readLines().find { it.startsWith('20261121T100000Z-bbbbbb') }.contains('DAMAGED: damaged ledger file')
        runsJson.json*.run_id == ['20261120T100000Z-aaaaaa', '20261121T100000Z-bbbbbb']
        runsJson.json[1].damaged.contains(message)

        where:
        why                        | text                                                    | message
        'a wrong type'             | TODAY.replace('"attempts":1', '"attempts":"one"')       | 'field tasks.feat/a.attempts has the wrong type or value'
        'not JSON'                 | '{"run_id": '                                           | 'it is not JSON'
        'an unknown outcome'       | TODAY.replace('"pending"', '"maybe"')                   | 'field tasks.feat/b.outcome has the wrong type or value'
        'a list, not an object'    | '[1, 2]'                                                | 'it is not a JSON object'
        'a time that is no time'   | TODAY.replace('"2026-11-20T10:00:09Z"', '"tomorrow"')   | 'field finished_at has the wrong type or value'
    }

    def "a run written by a newer wtcraft is refused, naming the version"() {
        given:
        Path dir = run('20261122T100000Z-cccccc', TODAY.replace('{"run_id"', '{"schema_version":99,"run_id"'))

        when:
        def show = wtcraft('show', 'last')

        then:
        show.exitCode == 1
        show.err.trim() == "wtcraft show: ${dir.resolve('run.json')}: written by a newer wtcraft (schema version 99; " +
                "this one reads up to 1): upgrade wtcraft"
    }

    def "a damaged meta.json of a task names that file"() {
        given:
        Path dir = run('20261120T100000Z-aaaaaa', TODAY)
        Files.createDirectories(dir.resolve('tasks/feat/a'))
        Files.writeString(dir.resolve('tasks/feat/a/meta.json'), '{"schema_version":1,"attempt":"x"}')

        when:
        def show = wtcraft('show', '--json', 'last', 'feat/a')

        then:
        show.exitCode == 1
        show.json.error.message.startsWith("damaged ledger file ${dir.resolve('tasks/feat/a/meta.json')}: field attempt")
    }
}
