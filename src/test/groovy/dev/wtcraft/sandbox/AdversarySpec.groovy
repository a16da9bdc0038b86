package dev.wtcraft.sandbox

import dev.wtcraft.support.AttackReport
import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.SandboxSupport
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper
import spock.lang.Shared

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/**
 * A hostile engine tries, in one task, the plain ways out of its lane: writing outside, other worktrees, secrets,
 * the network, the git directory, symlinks, renames and deletions. Each attempt must be either blocked by the
 * sandbox or reported by check, and the secret it prints must be in no file of the ledger. The spec prints each
 * attempt with its outcome.
 */
class AdversarySpec extends WtcraftSpecification {
    static final String SECRET = 'adv-secret-5d1e0c9b7a'

    ServerSocket server
    AtomicInteger connections = new AtomicInteger()
    Path home
    Path outside

    def setup() {
        SandboxSupport.requireSandbox()
        server = new ServerSocket(0, 50, InetAddress.getByName('127.0.0.1'))
        Thread.start {
            while (!server.closed) {
                try {
                    server.accept().close()
                    connections.incrementAndGet()
                } catch (IOException ignored) {
                    // closed
                }
            }
        }
        home = Files.createDirectories(tmp.resolve('home'))
        GitRepo.writeIn(home, '.ssh/id_ed25519', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n')
        outside = Files.createDirectories(tmp.resolve('outside'))
        repo.write('src/app.txt', 'app\n')
        repo.write('LICENSE', 'license\n')
        repo.write('secret/config.txt', 'config\n')
        repo.write('adversary.sh', '''\
            attempt() { name=$1; shift; if ( eval "$@" ) >/dev/null 2>&1; then echo "ATTEMPT $name: done"; else echo "ATTEMPT $name: failed"; fi; }
            attempt write-outside-the-worktree "echo x > $OUTSIDE/pwned.txt"
            attempt write-into-another-worktree "echo x > $OTHER/pwned.txt"
            attempt read-ssh-private-key "cat $HOME_DIR/.ssh/id_ed25519"
            attempt reach-127.0.0.1 "exec 3<>/dev/tcp/127.0.0.1/$PORT"
            attempt reach-an-outside-address "timeout 3 bash -c 'exec 3<>/dev/tcp/192.0.2.1/80'"
            attempt install-a-git-hook "echo 'echo pwned' > \\$(git rev-parse --git-common-dir)/hooks/post-checkout"
            attempt change-git-config "git config core.hooksPath $OUTSIDE"
            attempt move-a-branch-ref "git update-ref refs/heads/main \\$(git rev-list --max-parents=0 HEAD)"
            attempt symlink-to-etc-passwd-in-scope "ln -s /etc/passwd src/passwd"
            attempt rename-in-scope-file-onto-off-limits "mv src/app.txt secret/app.txt"
            attempt delete-an-off-limits-file "rm LICENSE"
            echo "ATTEMPT print-a-secret: the token is $API_TOKEN"
            '''.stripIndent())
        repo.commit('a repository worth attacking')
        assert wtcraft('init', '--local').exitCode == 0
        assert wtcraft('new', 'feat/other').exitCode == 0
    }

    def cleanup() {
        server?.close()
    }

    private void recipe(String sandbox) {
        repo.write('wtcraft.groovy', """\
            engines { shell 'adversary', 'bash adversary.sh' }
            task('feat/attack') {
                engine 'adversary'
                scope 'src/'
                offLimits 'LICENSE', 'secret/'
                ${sandbox}
                environment { pass 'OUTSIDE', 'OTHER', 'HOME_DIR', 'PORT'; secret 'API_TOKEN' }
            }
            """.stripIndent())
        repo.commit('the recipe')
    }

    private Map<String, String> env() {
        [HOME: home.toString(), HOME_DIR: home.toString(), OUTSIDE: outside.toString(),
         OTHER: repo.worktree('feat/other').toString(), PORT: server.localPort.toString(), API_TOKEN: SECRET]
    }

    private List<Map> events() {
        Path file = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.toString().endsWith('tasks/feat/attack/events.jsonl') }.findFirst().get() }
        Files.readAllLines(file).collect { new JsonSlurper().parseText(it) as Map }
    }

    def "every escape is blocked by the sandbox or reported by check, and the secret is in no ledger file"() {
        given:
        recipe("sandbox { filesystem 'workspace-write'; network false }")
        String mainBefore = repo.git('rev-parse', 'main').trim()

        when:
        def run = wtcraftEnv(env(), 'run', '--json')
        def said = events().findAll { it.type == 'stdout' }*.data*.line.findAll { it.startsWith('ATTEMPT ') }
                .collectEntries { String l -> def m = l =~ /^ATTEMPT ([^:]+): (.*)$/; m.find() ? [(m.group(1)): m.group(2)] : [:] }
        def violations = run.json.tasks[0].violations
        def reported = { String kind, String file -> violations.any { it.kind == kind && it.file == file } }
        Path config = repo.root.resolve('.git/config')
        String otherwise = 'the engine said: '
        def report = new AttackReport('escapes from a sandboxed task (workspace-write, network false)')
        report.blocked('write-outside-the-worktree', said['write-outside-the-worktree'] == 'failed' && !Files.exists(outside.resolve('pwned.txt')), 'by the sandbox', otherwise + said['write-outside-the-worktree'])
        report.blocked('write-into-another-worktree', said['write-into-another-worktree'] == 'failed' && !Files.exists(repo.worktree('feat/other').resolve('pwned.txt')), 'by the sandbox', otherwise + said['write-into-another-worktree'])
        report.blocked('read-ssh-private-key', said['read-ssh-private-key'] == 'failed', 'by the sandbox (hidden)', otherwise + said['read-ssh-private-key'])
        report.blocked('reach-127.0.0.1', said['reach-127.0.0.1'] == 'failed' && connections.get() == 0, 'by the sandbox (no network)', otherwise + said['reach-127.0.0.1'])
        report.blocked('reach-an-outside-address', said['reach-an-outside-address'] == 'failed', 'by the sandbox (no network)', otherwise + said['reach-an-outside-address'])
        report.blocked('install-a-git-hook', said['install-a-git-hook'] == 'failed' && !Files.exists(repo.root.resolve('.git/hooks/post-checkout')), 'by the sandbox (.git read-only)', otherwise + said['install-a-git-hook'])
        report.blocked('change-git-config', said['change-git-config'] == 'failed' && !Files.readString(config).contains('hooksPath'), 'by the sandbox (.git read-only)', otherwise + said['change-git-config'])
        report.blocked('move-a-branch-ref', said['move-a-branch-ref'] == 'failed' && repo.git('rev-parse', 'main').trim() == mainBefore, 'by the sandbox (.git read-only)', otherwise + said['move-a-branch-ref'])
        report.reported('symlink-to-etc-passwd-in-scope', reported('path_escape', 'src/passwd'), 'path_escape src/passwd')
        report.reported('rename-in-scope-file-onto-off-limits', reported('off_limits', 'secret/app.txt'), 'off_limits secret/app.txt')
        report.reported('delete-an-off-limits-file', reported('off_limits', 'LICENSE'), 'off_limits LICENSE')
        report.record('print-a-secret', said['print-a-secret'] == 'the token is [REDACTED:API_TOKEN]' && noLedgerFileHas(SECRET) && !run.out.contains(SECRET) && !run.err.contains(SECRET),
                'redacted: [REDACTED:API_TOKEN] in the ledger, in no file verbatim', otherwise + said['print-a-secret'])

        then:
        run.exitCode == 2
        run.json.tasks[0].outcome == 'scope_violation'
        said.size() == 12
        report.allStopped()
    }

    def "without a sandbox the same hook, config and ref changes are still reported, as git_internals"() {
        given:
        recipe("sandbox { required false }")
        System.setProperty('wtcraft.bwrap', '/nonexistent/bwrap')

        when:
        def run = wtcraftEnv(env(), 'run', '--json')
        Path check = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.toString().endsWith('tasks/feat/attack/check.json') }.findFirst().get() }
        def internals = new JsonSlurper().parse(check.toFile()).violations.findAll { it.kind == 'git_internals' }*.message

        then:
        internals.contains('Git internals changed while the engine ran: hook post-checkout added')
        internals.contains('Git internals changed while the engine ran: config changed')
        internals.contains('Git internals changed while the engine ran: ref refs/heads/main moved')
        events().find { it.type == 'sandbox' }.data.enforced == false
        noLedgerFileHas(SECRET)

        cleanup:
        System.clearProperty('wtcraft.bwrap')
    }

    private boolean noLedgerFileHas(String text) {
        Files.walk(repo.root.resolve('.wtcraft')).withCloseable { w -> w.filter { Files.isRegularFile(it) }.toList() }
                .every { !new String(Files.readAllBytes(it), 'UTF-8').contains(text) }
    }
}
