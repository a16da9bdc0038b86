package dev.wtcraft.sandbox

import dev.wtcraft.support.SandboxSupport
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/** The sandbox as a run applies it, and what a run does where none can start. */
class SandboxSpec extends WtcraftSpecification {
    def setup() {
        SandboxSupport.requireSandbox()
        repo.write('src/app.txt', 'app\n')
        repo.commit('app')
    }

    private List<Map> events(String task) {
        Path runs = repo.root.resolve('.wtcraft/runs')
        Path file = Files.walk(runs).withCloseable { w -> w.filter { it.toString().endsWith("tasks/${task}/events.jsonl") }.findFirst().get() }
        Files.readAllLines(file).collect { new JsonSlurper().parseText(it) as Map }
    }

    private String recipe(String body) {
        repo.write('wtcraft.groovy', body.stripIndent())
        repo.commit('recipe')
    }

    def "a sandboxed task writes its worktree and nothing else, sees no network, and the ledger and contract say so"() {
        given:
        recipe('''\
            engines { shell 'probe', 'echo in > src/in.txt; echo out > ../escaped.txt || echo write-blocked; (echo > /dev/tcp/127.0.0.1/9) 2>&1 || echo net-blocked' }
            task('feat/a') { engine 'probe'; scope 'src/'; sandbox { network false } }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        Files.readString(repo.worktree('feat/a').resolve('src/in.txt')) == 'in\n'
        !Files.exists(repo.root.resolve('worktrees/feat/escaped.txt'))
        def lines = events('feat/a').findAll { it.type == 'stdout' }*.data*.line
        lines.contains('write-blocked')
        lines.contains('net-blocked')
        def sandbox = events('feat/a').find { it.type == 'sandbox' }.data
        sandbox.enforced == true
        sandbox.filesystem == 'workspace-write'
        sandbox.network == false
        sandbox.by.startsWith('bubblewrap')
        Files.readString(repo.worktree('feat/a').resolve('.worktree-task.md')).contains('## Sandbox\n\n- filesystem: workspace-write\n- network: off\n')
    }

    def "read-only: not even the worktree is writable"() {
        given:
        recipe('''\
            engines { shell 'probe', 'echo x > src/new.txt || echo blocked' }
            task('feat/ro') { engine 'probe'; sandbox { filesystem 'read-only' } }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        !Files.exists(repo.worktree('feat/ro').resolve('src/new.txt'))
        events('feat/ro').findAll { it.type == 'stdout' }*.data*.line.contains('blocked')
    }

    def "where no sandbox can start, a task that requires one is refused before anything is created; --no-sandbox and required false go on, and say so"() {
        given:
        recipe('''\
            engines { shell 'probe', 'echo ran' }
            task('feat/strict') {
                engine 'probe'
                sandbox { network false }
            }
            ''')
        System.setProperty('wtcraft.bwrap', '/nonexistent/bwrap')

        when:
        def refused = wtcraft('run')

        then:
        refused.exitCode == 1
        refused.err.startsWith("wtcraft.groovy:4:5: task 'feat/strict' asks for a sandbox, but bubblewrap is not installed (apt-get install bubblewrap): " +
                "install bubblewrap, run with --no-sandbox, or write 'required false' in its sandbox block to run it without one")
        !Files.exists(repo.root.resolve('worktrees'))

        when:
        def unconfined = wtcraft('run', '--no-sandbox', '--json')

        then:
        unconfined.exitCode == 0
        events('feat/strict').find { it.type == 'sandbox' }.data == [filesystem: 'workspace-write', network: false, enforced: false, reason: '--no-sandbox']

        when:
        repo.git('worktree', 'remove', '--force', repo.worktree('feat/strict').toString())
        repo.git('branch', '-D', 'feat/strict')
        recipe('''\
            engines { shell 'probe', 'echo ran' }
            task('feat/lenient') { engine 'probe'; sandbox { required false } }
            ''')
        def lenient = wtcraft('run', '--json')

        then:
        lenient.exitCode == 0
        events('feat/lenient').find { it.type == 'sandbox' }.data.reason == 'bubblewrap is not installed (apt-get install bubblewrap)'

        cleanup:
        System.clearProperty('wtcraft.bwrap')
    }

    def "an environment block passes only what it names, and a secret's value is in no ledger file"() {
        given:
        recipe('''\
            engines { shell 'probe', 'echo "token=$API_TOKEN other=${OTHER_VAR:-unset} home=$HOME"' }
            task('feat/env') {
                engine 'probe'
                sandbox { }
                environment { pass 'KEEP_ME'; secret 'API_TOKEN' }
                verify { run 'echo "verify token=$API_TOKEN keep=$KEEP_ME"' }
            }
            ''')

        when:
        def run = wtcraftEnv([API_TOKEN: 'tok-9f8e7d6c5b4a', OTHER_VAR: 'visible', KEEP_ME: 'kept'], 'run')

        then:
        run.exitCode == 0
        def lines = events('feat/env').findAll { it.type in ['stdout', 'verify.stdout'] }*.data*.line
        lines.contains('token=[REDACTED:API_TOKEN] other=unset home=/tmp/home')
        lines.contains('verify token=[REDACTED:API_TOKEN] keep=kept')
        Files.walk(repo.root.resolve('.wtcraft')).withCloseable { w ->
            w.filter { Files.isRegularFile(it) }.toList() }.every { !Files.readString(it).contains('tok-9f8e7d6c5b4a') }
        !run.out.contains('tok-9f8e7d6c5b4a')

        when: 'a secret that is not set'
        repo.git('worktree', 'remove', '--force', repo.worktree('feat/env').toString())
        repo.git('branch', '-D', 'feat/env')
        def missing = wtcraftEnv([API_TOKEN: null], 'run')

        then:
        missing.exitCode == 1
        missing.err.startsWith("wtcraft.groovy:5:5: task 'feat/env' needs the secret API_TOKEN, which is not set: export it before the run")
    }

    def "doctor says what this machine can enforce"() {
        when:
        def doctor = wtcraft('doctor', '--json')

        then:
        doctor.exitCode == 0
        doctor.json.sandbox.available == true
        doctor.json.sandbox.levels.keySet() == ['read-only', 'workspace-write', 'full', 'network false'] as Set
        doctor.json.sandbox.levels['network false'].contains('no unix-domain socket')
        doctor.json.user.root == dev.wtcraft.support.WtcraftProcess.isRoot()
        doctor.json.process_guard.startsWith(new File('/usr/bin/perl').canExecute() ? 'perl' : 'sh')
        doctor.json.user.note.contains(doctor.json.user.root ? 'no capabilities (bubblewrap --cap-drop ALL)' : 'no capabilities')
        wtcraft('doctor').out.contains(doctor.json.user.root ? 'user      root (uid 0): sandboxed commands get no capabilities' : 'user      ')
    }
}
