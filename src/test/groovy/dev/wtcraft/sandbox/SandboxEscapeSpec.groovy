package dev.wtcraft.sandbox

import dev.wtcraft.support.AttackReport
import dev.wtcraft.support.SandboxSupport
import dev.wtcraft.support.WtcraftProcess
import dev.wtcraft.support.WtcraftRun
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper
import org.opentest4j.TestAbortedException
import spock.lang.Unroll

import java.net.StandardProtocolFamily
import java.net.UnixDomainSocketAddress
import java.nio.channels.ServerSocketChannel
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/**
 * What root would keep inside bubblewrap (its capabilities: remount the read-only git directory and plant a hook),
 * and the unix sockets `network false` leaves reachable in the file system (an ssh agent, a Docker or D-Bus socket,
 * one under a read-only path). Each is tried as root and as a throwaway unprivileged user, and printed with its
 * outcome.
 */
class SandboxEscapeSpec extends WtcraftSpecification {
    /** Sockets the test listens on, where a sandboxed task can see them (read-only), each counting connections. */
    Map<String, AtomicInteger> accepted = [:]
    List<ServerSocketChannel> servers = []
    Path shared

    def setup() {
        SandboxSupport.requireSandbox()
        // /tmp is private inside the sandbox: the sockets live where it sees the host's file system read-only
        shared = Files.createTempDirectory(Path.of('/var/tmp'), 'wtcraft-sockets-')
        shared.toFile().setExecutable(true, false)
        shared.toFile().setReadable(true, false)
        repo.write('src/app.txt', 'app\n')
        repo.commit('app')
        assert wtcraft('init', '--local').exitCode == 0
    }

    def cleanup() {
        servers*.close()
        shared?.toFile()?.deleteDir()
    }

    private Path listen(String name) {
        Path path = shared.resolve(name)
        def server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
        server.bind(UnixDomainSocketAddress.of(path))
        path.toFile().setWritable(true, false) // connecting needs write permission: any user may
        servers << server
        def count = new AtomicInteger()
        accepted[name] = count
        Thread.start {
            while (server.open) {
                try {
                    server.accept().close()
                    count.incrementAndGet()
                } catch (IOException ignored) {
                    // closed
                }
            }
        }
        path
    }

    private WtcraftRun run(String user, Map<String, String> env) {
        if (user == 'root') {
            if (!WtcraftProcess.isRoot()) {
                throw new TestAbortedException('this machine does not run the specs as root')
            }
            return wtcraftEnv(env, 'run', '--json')
        }
        WtcraftProcess.requireUserSwitch()
        Path home = Files.createDirectories(tmp.resolve('home'))
        WtcraftProcess.handOver(tmp)
        WtcraftProcess.asUser(repo.root, home, env, 'run', '--json')
    }

    private Map<String, String> attempts(String task) {
        Path file = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.toString().endsWith("tasks/${task}/events.jsonl") }.findFirst().get() }
        Files.readAllLines(file).collect { new JsonSlurper().parseText(it) as Map }
                .findAll { it.type == 'stdout' }*.data*.line.findAll { it.startsWith('ATTEMPT ') }
                .collectEntries { String l -> def m = l =~ /^ATTEMPT ([^:]+): (.*)$/; m.find() ? [(m.group(1)): m.group(2)] : [:] }
    }

    static final String ATTEMPT = '''attempt() { name=$1; shift; if ( eval "$@" ) >/dev/null 2>&1; then echo "ATTEMPT $name: done"; else echo "ATTEMPT $name: failed"; fi; }\n'''

    @Unroll
    def "no capability survives inside the sandbox, as #user: the read-only git directory cannot be remounted"() {
        given:
        repo.write('attack.sh', ATTEMPT + '''\
            common="$(git rev-parse --path-format=absolute --git-common-dir)"
            caps() { v="$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)"; [ -n "${v//0/}" ]; }
            plant() { echo 'echo pwned' > "$common/hooks/post-checkout"; }
            remount() { mount -o remount,rw,bind "$common" && plant; }
            userns() { unshare -Urm sh -c "mount -o remount,rw,bind '$common' && echo pwned > '$common/hooks/post-checkout'"; }
            tmpfs() { unshare -m sh -c "mount -t tmpfs none '$common/hooks' && echo pwned > '$common/hooks/post-checkout'"; }
            attempt hold-a-capability caps
            attempt remount-the-git-directory remount
            attempt remount-in-a-new-user-namespace userns
            attempt mount-over-the-hooks tmpfs
            attempt chown-a-file "chown 12345 src/app.txt"
            attempt write-the-git-config "git config core.hooksPath /tmp"
            '''.stripIndent())
        repo.write('wtcraft.groovy', """\
            engines { shell 'attack', 'bash attack.sh' }
            task('feat/caps') { engine 'attack'; scope 'src/'; sandbox { filesystem 'full' } }
            """.stripIndent())
        repo.commit('attack')

        when:
        def result = run(user, [:])
        def said = attempts('feat/caps')
        Path hook = repo.root.resolve('.git/hooks/post-checkout')
        def report = new AttackReport("capabilities inside the sandbox (filesystem 'full'), as ${user}")
        report.blocked('hold-a-capability', said['hold-a-capability'] == 'failed', 'CapEff is 0 (bubblewrap --cap-drop ALL)', "the engine said ${said['hold-a-capability']}")
        ['remount-the-git-directory', 'remount-in-a-new-user-namespace', 'mount-over-the-hooks'].each {
            report.blocked(it, said[it] == 'failed' && !Files.exists(hook), 'no capability to mount; .git stays read-only', "the engine said ${said[it]}")
        }
        report.blocked('chown-a-file', said['chown-a-file'] == 'failed', 'no CAP_CHOWN', "the engine said ${said['chown-a-file']}")
        report.blocked('write-the-git-config', said['write-the-git-config'] == 'failed' && !Files.readString(repo.root.resolve('.git/config')).contains('hooksPath'),
                '.git read-only', "the engine said ${said['write-the-git-config']}")

        then:
        report.allStopped()
        result.json.tasks[0].outcome == 'passed'
        said.size() == 6

        where:
        user << ['root', 'unprivileged']
    }

    @Unroll
    def "network false reaches no unix socket in the file system, as #user"() {
        given:
        Path agent = listen('ssh-agent.sock')
        Path docker = listen('docker.sock')
        Path bus = listen('bus')
        Path readOnly = listen('service.sock')
        repo.write('attack.sh', ATTEMPT + '''\
            connect() { perl -MSocket -e 'socket(S, PF_UNIX, SOCK_STREAM, 0) or die "socket: $!"; connect(S, pack_sockaddr_un($ARGV[0])) or die "connect: $!"' "$1"; }
            abstract() { perl -MSocket -e 'socket(S, PF_UNIX, SOCK_STREAM, 0) or die; connect(S, pack_sockaddr_un("\\0wtcraft-test")) or die'; }
            pair() { perl -MSocket -e 'socketpair(A, B, AF_UNIX, SOCK_STREAM, PF_UNSPEC) or die'; }
            attempt ssh-agent-socket 'connect "$SSH_AUTH_SOCK"'
            attempt docker-socket 'connect "${DOCKER_HOST#unix://}"'
            attempt dbus-session-bus 'connect "${DBUS_SESSION_BUS_ADDRESS#unix:path=}"'
            attempt socket-under-a-read-only-path 'connect "$SOCKET_DIR/service.sock"'
            attempt abstract-socket abstract
            attempt socketpair-still-works pair
            '''.stripIndent())
        repo.write('wtcraft.groovy', """\
            engines { shell 'attack', 'bash attack.sh' }
            task('feat/sockets') {
                engine 'attack'
                scope 'src/'
                sandbox { network false }
                environment { pass 'SSH_AUTH_SOCK', 'DOCKER_HOST', 'DBUS_SESSION_BUS_ADDRESS', 'SOCKET_DIR' }
            }
            """.stripIndent())
        repo.commit('attack')
        def env = [SSH_AUTH_SOCK: agent.toString(), DOCKER_HOST: "unix://${docker}".toString(),
                   DBUS_SESSION_BUS_ADDRESS: "unix:path=${bus}".toString(), SOCKET_DIR: shared.toString()]

        when:
        def result = run(user, env)
        def said = attempts('feat/sockets')
        def report = new AttackReport("unix sockets from a sandboxed task with network false, as ${user}")
        [['ssh-agent-socket', 'ssh-agent.sock'], ['docker-socket', 'docker.sock'], ['dbus-session-bus', 'bus'],
         ['socket-under-a-read-only-path', 'service.sock']].each { String attack, String socket ->
            report.blocked(attack, said[attack] == 'failed' && accepted[socket].get() == 0, 'no unix socket can be made (seccomp)',
                    "the engine said ${said[attack]}, ${accepted[socket].get()} connection(s)")
        }
        report.blocked('abstract-socket', said['abstract-socket'] == 'failed', 'no unix socket can be made, and a network namespace of its own', "the engine said ${said['abstract-socket']}")

        then:
        report.allStopped()
        result.json.tasks[0].outcome == 'passed'
        said['socketpair-still-works'] == 'done'

        where:
        user << ['root', 'unprivileged']
    }

    def "the sockets are reachable without network false, so the attempts can tell"() {
        given:
        Path agent = listen('ssh-agent.sock')
        repo.write('probe.sh', '''perl -MSocket -e 'socket(S, PF_UNIX, SOCK_STREAM, 0) or die; connect(S, pack_sockaddr_un($ARGV[0])) or die' "$SSH_AUTH_SOCK" && echo connected\n''')
        repo.write('wtcraft.groovy', """\
            engines { shell 'probe', 'bash probe.sh' }
            task('feat/control') { engine 'probe'; scope 'src/'; sandbox { }; environment { pass 'SSH_AUTH_SOCK' } }
            """.stripIndent())
        repo.commit('probe')

        when:
        def result = wtcraftEnv([SSH_AUTH_SOCK: agent.toString()], 'run', '--json')

        then:
        result.json.tasks[0].outcome == 'passed'
        accepted['ssh-agent.sock'].get() == 1
    }
}
