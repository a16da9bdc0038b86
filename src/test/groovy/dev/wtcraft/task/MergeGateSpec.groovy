package dev.wtcraft.task

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper
import org.yaml.snakeyaml.Yaml
import spock.lang.Requires

import java.nio.file.Files
import java.nio.file.Path

/**
 * The merge gate `init-ci` installs gives the same verdict as `wtcraft check` on the same change: both are run here
 * on real base and head commits, the gate exactly as its workflow runs it (the base's evaluator, the head as data).
 */
class MergeGateSpec extends WtcraftSpecification {
    static final Path TOOLS = Path.of(System.getenv('WTCRAFT_TEST_CLIS') ?: "${System.getProperty('user.home')}/.cache/wtcraft-test-clis")
    static final Path VALIDATOR = TOOLS.resolve('action-validator/node_modules/.bin/action-validator')

    static boolean required() {
        System.getenv('CI') || System.getenv('WTCRAFT_REQUIRE_TOOLS')
    }

    def setup() {
        repo.write('src/app.py', 'app\n')
        repo.write('config/prod.yml', 'prod\n')
        repo.write('docs/guide.md', 'guide\n')
        assert wtcraft('init').exitCode == 0
        assert wtcraft('init-ci').exitCode == 0
        repo.commit('base with the gate')
    }

    Path task() {
        def run = wtcraft('new', 'feat/x', '--scope', 'src/', '--scope', 'docs/*.md', '--off-limits', 'config/',
                '--off-limits', '*.pem', '--verify', 'true')
        assert run.exitCode == 0: run.toString()
        repo.worktree('feat/x')
    }

    static void commitIn(Path wt, String message) {
        GitRepo.gitIn(wt, 'add', '-A')
        GitRepo.gitIn(wt, 'commit', '-q', '-m', message)
    }

    /** The gate as the workflow runs it: the base checkout's evaluator on the base and head commits. */
    Map gate(Path wt, Map<String, String> extra = [:]) {
        def evidence = tmp.resolve("gate-${System.nanoTime()}.json")
        def pb = new ProcessBuilder('bash', GateWorkflow.EVALUATOR).directory(repo.root.toFile()).redirectErrorStream(true)
        pb.environment().putAll([WTCRAFT_BASE_SHA  : repo.git('rev-parse', 'main').trim(),
                                 WTCRAFT_HEAD_SHA  : GitRepo.gitIn(wt, 'rev-parse', 'HEAD').trim(),
                                 WTCRAFT_HEAD_REF  : 'feat/x',
                                 WTCRAFT_POLICY_REF: PolicyEnvelope.REF,
                                 WTCRAFT_EVIDENCE  : evidence.toString()] + extra)
        def p = pb.start()
        def out = p.inputStream.text
        int code = p.waitFor()
        def doc = new JsonSlurper().parse(evidence.toFile())
        assert (code == 0) == (doc.verdict == 'authorized'): out
        doc
    }

    /** The gate's name for what check found. */
    static String asGateVerdict(Map check) {
        def kinds = check.violations*.kind as Set
        kinds.any { it in ['off_limits', 'local_task_file'] } ? 'off_limits'
                : kinds.any { it in ['scope', 'git_metadata'] } ? 'scope_violation'
                : kinds.isEmpty() ? 'authorized' : "check found ${kinds}"
    }

    def "#why: check and the gate agree (#expected)"() {
        given:
        def wt = task()
        change.call(wt)
        commitIn(wt, why)

        when:
        def check = wtcraft('check', '--json', 'feat/x')
        assert wtcraft('policy', 'approve', 'feat/x').exitCode == 0
        def gate = gate(wt)

        then:
        asGateVerdict(check.json) == expected
        gate.verdict == expected
        gate.changed_files as Set == check.json.changed_files as Set
        gate.violations.collect { [it.kind, it.file, it.matched] } as Set ==
                check.json.violations.collect { [it.kind, it.file, it.matched] } as Set

        where:
        why                                  | change                                                                       || expected
        'a change in scope'                  | { Path w -> GitRepo.writeIn(w, 'src/app.py', 'better\n') }                   || 'authorized'
        'a glob scope item'                  | { Path w -> GitRepo.writeIn(w, 'docs/deep/more.md', 'x\n') }                 || 'authorized'
        'a file outside scope'               | { Path w -> GitRepo.writeIn(w, 'lib/extra.py', 'x\n') }                      || 'scope_violation'
        'an off-limits file'                 | { Path w -> GitRepo.writeIn(w, 'config/prod.yml', 'hacked\n') }              || 'off_limits'
        'an off-limits glob'                 | { Path w -> GitRepo.writeIn(w, 'src/deploy.pem', 'key\n') }                  || 'off_limits'
        'a rename out of an off-limits path' | { Path w -> GitRepo.gitIn(w, 'mv', 'config/prod.yml', 'src/prod.yml') }      || 'off_limits'
        'a deletion'                         | { Path w -> Files.delete(w.resolve('docs/guide.md')) }                       || 'authorized'
        'a new .gitattributes'               | { Path w -> GitRepo.writeIn(w, 'src/.gitattributes', '* filter=x\n') }       || 'scope_violation'
        'a change to the gate itself'        | { Path w -> GitRepo.writeIn(w, GateWorkflow.EVALUATOR, 'exit 0\n') }         || 'scope_violation'
    }

    def "a base that moved after approval is stale_base, though check still passes"() {
        given:
        def wt = task()
        GitRepo.writeIn(wt, 'src/app.py', 'better\n')
        commitIn(wt, 'in scope')
        assert wtcraft('policy', 'approve', 'feat/x').exitCode == 0
        repo.write('README.md', 'moved on\n')
        repo.commit('base moves')

        expect:
        wtcraft('check', '--json', 'feat/x').exitCode == 0
        gate(wt).verdict == 'stale_base'

        when: 'approved again against the new base'
        wtcraft('policy', 'approve', 'feat/x')

        then:
        gate(wt).verdict == 'authorized'
    }

    def "no envelope, an expired one, or a fork's branch of the same name is not authorized"() {
        given:
        def wt = task()
        GitRepo.writeIn(wt, 'src/app.py', 'better\n')
        commitIn(wt, 'in scope')

        expect:
        gate(wt).verdict == 'no_policy'

        when:
        assert wtcraft('policy', 'approve', 'feat/x', '--valid-for', '1s').exitCode == 0
        sleep(2100)

        then:
        gate(wt).verdict == 'expired'

        when:
        assert wtcraft('policy', 'approve', 'feat/x').exitCode == 0

        then:
        gate(wt).verdict == 'authorized'
        gate(wt, [WTCRAFT_HEAD_REPO: 'mallory/repo', WTCRAFT_BASE_REPO: 'acme/repo']).verdict == 'no_policy'
    }

    def "policy approve writes the envelope from the contract onto its own ref, touching nothing else"() {
        given:
        task()
        def status = repo.git('status', '--porcelain')
        def head = repo.git('rev-parse', 'HEAD')

        when:
        def run = wtcraft('policy', 'approve', 'feat/x', '--valid-for', '2d')
        def envelope = repo.git('show', "${PolicyEnvelope.REF}:tasks/feat/x.policy")

        then:
        run.exitCode == 0
        run.out.contains('next: git push origin refs/heads/wtcraft-policy')
        envelope.readLines().containsAll(['task: feat/x', 'head_ref: feat/x', "base_sha: ${head.trim()}".toString(),
                                          'allow: src/', 'allow: docs/*.md', 'off_limits: config/', 'off_limits: *.pem',
                                          'verify: true'])
        repo.git('status', '--porcelain') == status
        repo.git('rev-parse', 'HEAD') == head
        wtcraft('policy', 'approve', 'feat/x', '--valid-for', 'soon').err.contains("'soon' is not a duration")
    }

    def "the workflow runs the base's evaluator on the head as data, and says what an administrator must do"() {
        when:
        def run = wtcraft('init-ci')
        def text = Files.readString(repo.root.resolve(GateWorkflow.WORKFLOW))
        Map yaml = new Yaml().load(text)
        def steps = yaml.jobs.gate.steps

        then:
        run.out.contains("up to date: ${GateWorkflow.WORKFLOW}")
        run.out.contains('Protect refs/heads/wtcraft-policy')
        run.out.contains("Require the status check 'wtcraft-gate'")
        yaml.on.keySet() == ['pull_request_target'] as Set || yaml[true]?.keySet() == ['pull_request_target'] as Set
        yaml.permissions == [contents: 'read']
        steps[0].uses == 'actions/checkout@v4'
        steps[0].with.ref == '${{ github.event.pull_request.base.sha }}'
        steps*.run.findAll().every { !it.contains('checkout') && !it.contains('npm') && !it.contains('pip') }
        steps[2].run.trim() == "bash ${GateWorkflow.EVALUATOR}".toString()
        !text.contains('head.sha }}\n          fetch')
        Files.isExecutable(repo.root.resolve(GateWorkflow.EVALUATOR))
    }

    @Requires({ required() || Files.isExecutable(VALIDATOR) })
    def "the generated workflow validates against the GitHub workflow schema"() {
        when:
        def p = new ProcessBuilder(VALIDATOR.toString(), repo.root.resolve(GateWorkflow.WORKFLOW).toString())
                .redirectErrorStream(true).start()
        def out = p.inputStream.text

        then:
        p.waitFor() == 0
        !out.toLowerCase().contains('error')
    }
}
