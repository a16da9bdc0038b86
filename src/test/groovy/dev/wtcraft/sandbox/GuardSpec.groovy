package dev.wtcraft.sandbox

import dev.wtcraft.support.AttackReport
import dev.wtcraft.support.SandboxSupport
import dev.wtcraft.support.WtcraftProcess
import dev.wtcraft.support.WtcraftSpecification
import dev.wtcraft.testing.Processes
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * An engine without a sandbox reads its guard's environment for secrets, and leaves processes behind that escape
 * its process group: `setsid`, a double fork, `nohup`, a new session of its own; then wtcraft itself is SIGKILLed.
 * Every survivor would write a marker a few seconds later; none may.
 */
class GuardSpec extends WtcraftSpecification {
    static final String SECRET = 'guard-secret-6a1f03d9e2'
    static final String UNDECLARED = 'undeclared-7c55e1b0aa'
    static final int LATER = 2

    Path out

    def setup() {
        out = Files.createDirectories(tmp.resolve('out'))
        out.toFile().setWritable(true, false)
        repo.write('src/app.txt', 'app\n')
        repo.write('escape.sh', """\
            tr '\\0' '\\n' < /proc/\$PPID/environ > "\$OUT/guard-environ" 2>/dev/null || echo unreadable > "\$OUT/guard-environ"
            later() { sleep ${LATER}; touch "\$OUT/survived-\$1"; }
            setsid bash -c "\$(declare -f later); later setsid" </dev/null >/dev/null 2>&1 &
            echo \$! >> "\$OUT/pids"
            ( bash -c "\$(declare -f later); later double-fork" </dev/null >/dev/null 2>&1 & echo \$! >> "\$OUT/pids" ) &
            nohup bash -c "\$(declare -f later); later nohup" </dev/null >/dev/null 2>&1 &
            echo \$! >> "\$OUT/pids"
            ( setsid bash -c "\$(declare -f later); later session & echo \\\$! >> \\"\$OUT/pids\\"; wait" </dev/null >/dev/null 2>&1 & )
            sleep 0.5
            echo ready > "\$OUT/ready"
            [ -n "\${WAIT:-}" ] && sleep 300
            exit 0
            """.stripIndent())
        repo.commit('escape')
        assert wtcraft('init', '--local').exitCode == 0
    }

    private void recipe(String sandbox) {
        repo.write('wtcraft.groovy', """\
            engines { shell 'escape', 'bash escape.sh' }
            task('feat/escape') {
                engine 'escape'
                scope 'src/'
                ${sandbox}
                environment { pass 'OUT', 'WAIT'; secret 'GUARD_SECRET' }
            }
            """.stripIndent())
        repo.commit('recipe')
    }

    private Map<String, String> env(Map<String, String> more = [:]) {
        [OUT: out.toString(), GUARD_SECRET: SECRET, UNDECLARED_TOKEN: UNDECLARED] + more
    }

    private List<Long> pids() {
        Files.exists(out.resolve('pids')) ? Files.readAllLines(out.resolve('pids')).findAll { it.trim() }*.trim()*.toLong() : []
    }

    private List<String> survivors() {
        Files.list(out).withCloseable { it.map { it.fileName.toString() }.filter { it.startsWith('survived-') }.sorted().toList() }
    }

    private void record(AttackReport report, String when, String how = 'killed with its task (the guard is a child subreaper)') {
        Thread.sleep((LATER + 2) * 1000L)
        def alive = pids().findAll { Processes.running(it) }
        ['setsid', 'double-fork', 'nohup', 'session'].each { way ->
            report.blocked("${way}, ${when}", !survivors().contains("survived-${way}".toString()),
                    how, "it survived (alive: ${alive})")
        }
    }

    def "without a sandbox the guard holds no secret in its environment, and nothing the engine started outlives its task"() {
        given:
        recipe('sandbox { required false }')
        Path home = Files.createDirectories(tmp.resolve('home'))

        when: 'wtcraft in a process of its own, so that the undeclared variable is in its real environment'
        def run = WtcraftProcess.run(repo.root, home, env(WTCRAFT_BWRAP: '/nonexistent/bwrap'), 'run', '--json')
        String environ = Files.readString(out.resolve('guard-environ'))
        def report = new AttackReport('the guard and what outlives a task, without a sandbox, as root')
        report.blocked('read a declared secret from the guard\'s /proc/PID/environ', !environ.contains(SECRET),
                'the guard\'s environment is PATH alone', 'the secret is there')
        report.blocked('read an undeclared variable from it', !environ.contains(UNDECLARED), 'not there', 'it is there')
        record(report, 'after the task ends')

        then:
        report.allStopped()
        run.json.tasks[0].outcome == 'passed'
        pids().size() == 4
    }

    @Unroll
    def "after a SIGKILL of wtcraft nothing the engine started survives, as #user"() {
        given:
        recipe('sandbox { required false }')
        boolean asUser = user == 'unprivileged'
        if (asUser) {
            WtcraftProcess.requireUserSwitch()
        }
        Path home = Files.createDirectories(tmp.resolve('home'))
        if (asUser) {
            WtcraftProcess.handOver(tmp)
        }

        when:
        def wtcraft = WtcraftProcess.spawn(repo.root, home, env(WAIT: '1', WTCRAFT_BWRAP: '/nonexistent/bwrap'), asUser, 'run')
        long deadline = System.currentTimeMillis() + 60_000
        while (!Files.exists(out.resolve('ready')) && System.currentTimeMillis() < deadline && wtcraft.alive) {
            Thread.sleep(100)
        }
        boolean wasReady = Files.exists(out.resolve('ready'))
        wtcraft.destroyForcibly().waitFor()
        def report = new AttackReport("what outlives a SIGKILLed wtcraft, without a sandbox, as ${user}")
        record(report, 'wtcraft SIGKILLed')
        report.blocked('the engine itself', pids().every { !Processes.running(it) }, 'killed by its guard when wtcraft was gone',
                'still running')

        then:
        wasReady
        report.allStopped()

        where:
        user << ['root', 'unprivileged']
    }

    def "in a sandbox the engine cannot even name its guard, and nothing it started outlives its task"() {
        given:
        SandboxSupport.requireSandbox()
        repo.write('escape.sh', Files.readString(repo.root.resolve('escape.sh')).replace('echo ready', 'kill -9 $PPID 2>/dev/null; echo ready'))
        repo.commit('kill the guard too')
        recipe('sandbox { writable "' + out + '" }')

        when:
        def run = wtcraftEnv(env(), 'run', '--json')
        def report = new AttackReport('what outlives a sandboxed task that also kills its parent')
        record(report, 'sandboxed', 'killed with its task (a pid namespace of its own; the guard is out of its sight)')

        then:
        report.allStopped()
        Files.exists(out.resolve('ready'))
    }
}
