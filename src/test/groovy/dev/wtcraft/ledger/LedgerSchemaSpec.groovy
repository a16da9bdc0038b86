package dev.wtcraft.ledger

import com.fasterxml.jackson.databind.JsonNode
import com.networknt.schema.JsonSchema
import com.networknt.schema.JsonSchemaFactory
import com.networknt.schema.SchemaValidatorsConfig
import com.networknt.schema.SpecVersion
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files
import java.nio.file.Path

/** Every document a real run writes validates against the schema its record generates (docs/schema/). */
class LedgerSchemaSpec extends WtcraftSpecification {
    static final Map<String, JsonSchema> SCHEMAS = [:]

    def setupSpec() {
        def factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        def config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()
        LedgerSchemas.DOCUMENTS.each { file, type ->
            SCHEMAS[file] = factory.getSchema(LedgerSchemas.generate(type), config)
        }
    }

    List<String> problems(String schema, String text, String where) {
        JsonNode node = LedgerCodec.objectMapper().readTree(text)
        SCHEMAS[schema].validate(node).collect { "${where}: ${it.message}" }
    }

    def "every ledger document of a real run (engines, review, a stray task, a replay, a landing) matches its schema"() {
        given:
        Files.createDirectories(repo.root.resolve('recordings'))
        Files.copy(Path.of('src/test/resources/engines/claude_full.jsonl'), repo.root.resolve('recordings/claude.jsonl'))
        repo.write('wtcraft.groovy', '''\
            engines {
                shell 'writer', 'mkdir -p src && echo hi > src/$(basename $WTCRAFT_TASK).txt'
                shell 'stray', 'echo x > package.json'
                shell 'reviewer', 'echo "VERDICT: APPROVE"; echo "- small"'
                replay 'recorded', 'recordings/claude.jsonl', as: 'claude'
            }
            task('feat/one') {
                engine 'writer'
                scope 'src/'
                verify { run 'test -s src/one.txt' }
                review { engine 'reviewer' }
            }
            task('feat/stray') { engine 'stray'; scope 'src/'; attempts 2 }
            task('feat/replayed') { engine 'recorded'; scope 'src/' }
            '''.stripIndent())
        repo.commit('recipe')

        when:
        def run = wtcraft('run', '--json')
        def finish = wtcraft('finish', '--all')
        def runs = repo.root.resolve('.wtcraft/runs')
        def ledger = runs.resolve(run.json.run_id as String)
        List<String> found = []
        Map<String, Integer> seen = [:].withDefault { 0 }
        Files.walk(runs).filter { Files.isRegularFile(it) }.each { Path f ->
            String name = f.fileName.toString()
            String schema = [
                    'run.json': 'run.schema.json', 'meta.json': 'meta.schema.json', 'usage.json': 'usage.schema.json',
                    'check.json': 'check.schema.json', 'verify.json': 'verify.schema.json', 'setup.json': 'setup.schema.json',
                    'diff.json': 'diff.schema.json',
                    'review.json': 'review.schema.json', 'finish.json': 'finish.schema.json'][name]
            if (schema) {
                found += problems(schema, Files.readString(f), runs.relativize(f).toString())
                seen[name]++
            } else if (name == 'events.jsonl' || name == 'landings.jsonl') {
                Files.readAllLines(f).eachWithIndex { line, i ->
                    found += problems(name == 'landings.jsonl' ? 'landing.schema.json' : 'event.schema.json', line,
                            "${runs.relativize(f)}:${i + 1}")
                    seen[name]++
                }
            }
        }

        then:
        run.exitCode == 2
        finish.exitCode == 6 // the stray task cannot land; the approved one did
        found == []
        ['run.json', 'meta.json', 'usage.json', 'check.json', 'diff.json', 'verify.json', 'review.json', 'finish.json',
         'events.jsonl', 'landings.jsonl'].every { seen[it] > 0 }
        Files.exists(ledger.resolve('tasks/feat/stray/attempt-2/meta.json'))
    }

    def "a document that is not what its schema says is refused by the schema too: #why"() {
        expect:
        problems(schema, text, 'x').size() > 0

        where:
        why                  | schema              | text
        'fields missing'     | 'run.schema.json'   | '{"schema_version":1}'
        'a string version'   | 'run.schema.json'   | '{"schema_version":"1","run_id":"x"}'
        'an unknown outcome' | 'meta.schema.json'  | META.replace('"passed"', '"great"')
        'an unknown field'   | 'meta.schema.json'  | META.replace('{', '{"land_on":"main",')
        'a bad time'         | 'meta.schema.json'  | META.replace('2026-01-01T00:00:00Z', 'yesterday')
    }

    static final String META = '{"schema_version":1,"task":"feat/a","engine":null,"command":null,"worktree":null,' +
            '"branch":null,"base_commit":null,"started_at":"2026-01-01T00:00:00Z","finished_at":null,"exit_code":null,' +
            '"attempt":1,"outcome":"passed","depends_on":[],"engine_outcome":null,"session_id":null,"argv":[]}'

    def "the meta document used above is itself valid"() {
        expect:
        problems('meta.schema.json', META, 'x') == []
    }
}
