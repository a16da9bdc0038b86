package dev.wtcraft.sandbox

import dev.wtcraft.support.AttackReport
import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/**
 * `deny 'git push*'` against every way of spelling `git push` that a shell runs all the same. Each spelling is a
 * verification step that would push to a real (local) remote under a ref of its own, so a step that ran leaves
 * that ref behind. Policy decisions do not depend on who runs wtcraft, so there is no unprivileged variant.
 */
class PolicySpellingSpec extends WtcraftSpecification {
    static final List<String> SPELLINGS = [
            'git  push origin HEAD:refs/heads/REF',
            '/usr/bin/git push origin HEAD:refs/heads/REF',
            'true && git push origin HEAD:refs/heads/REF',
            'false || git push origin HEAD:refs/heads/REF',
            'env git push origin HEAD:refs/heads/REF',
            'env -i PATH=/usr/bin:/bin HOME=/tmp git push origin HEAD:refs/heads/REF',
            'command git push origin HEAD:refs/heads/REF',
            'exec git push origin HEAD:refs/heads/REF',
            '(git push origin HEAD:refs/heads/REF)',
            '{ git push origin HEAD:refs/heads/REF; }',
            'echo $(git push origin HEAD:refs/heads/REF)',
            'echo `git push origin HEAD:refs/heads/REF`',
            'git push origin HEAD:refs/heads/REF;',
            "bash -c 'git push origin HEAD:refs/heads/REF'",
            'sh -c "git push origin HEAD:refs/heads/REF"',
            '\\git push origin HEAD:refs/heads/REF',
            "'git' pu\"sh\" origin HEAD:refs/heads/REF",
            'git -C . -c core.askPass=true push origin HEAD:refs/heads/REF',
            'GIT_TRACE=0 git push origin HEAD:refs/heads/REF',
            'nohup git push origin HEAD:refs/heads/REF',
            'timeout 60 git push origin HEAD:refs/heads/REF',
            'eval git push origin HEAD:refs/heads/REF',
            'if true; then git push origin HEAD:refs/heads/REF; fi',
            'echo HEAD:refs/heads/REF | xargs git push origin',
            'f() { git push origin HEAD:refs/heads/REF; }; f',
            'G=git; $G push origin HEAD:refs/heads/REF',
            "eval \"\$(printf 'git push origin HEAD:refs/heads/REF')\"",
            'echo git push origin HEAD:refs/heads/REF | bash',
    ]

    Path remote

    def setup() {
        remote = tmp.resolve('remote.git')
        GitRepo.gitIn(tmp, 'init', '-q', '--bare', remote.toString())
        repo.git('remote', 'add', 'origin', remote.toString())
    }

    private List<String> pushed() {
        GitRepo.gitIn(remote, 'for-each-ref', '--format=%(refname:lstrip=2)').readLines().findAll { it }
    }

    private List<Map> events(String task) {
        Path file = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.toString().endsWith("tasks/${task}/events.jsonl") }.findFirst().get() }
        Files.readAllLines(file).collect { new JsonSlurper().parseText(it) as Map }
    }

    def "deny 'git push*' stops every spelling of git push, and a line it cannot read"() {
        given:
        def steps = SPELLINGS.withIndex().collect { String s, int i -> s.replace('REF', "s${i}") }
        repo.write('wtcraft.groovy', """\
            engines { shell 'pusher', 'env git push origin HEAD:refs/heads/engine' }
            task('chore/push') {
                policy { deny 'git push*' }
                verify {
            ${steps.collect { "        run ${groovyString(it)}" }.join('\n')}
                    run 'git status --short'
                }
            }
            task('chore/engine') { engine 'pusher'; policy { deny 'git push*' } }
            task('chore/control') { verify { run ${groovyString(SPELLINGS[0].replace('REF', 'control'))} } }
            """.stripIndent())
        repo.commit('recipe')

        when:
        def run = wtcraft('run', '--json')
        def ev = events('chore/push')
        def exits = ev.findAll { it.type == 'verify.step' }*.data*.exit_code
        def decisions = ev.findAll { it.type == 'policy.decision' }*.data
        def refs = pushed()
        def report = new AttackReport("policy deny 'git push*' against spellings of git push")
        steps.eachWithIndex { String step, int i ->
            def d = decisions[i]
            String how = d.unreadable ? "refused: it cannot be read as commands (${d.unreadable})"
                    : "refused: ${d.rule}${d.matched ? ' matches ' + d.matched : ''}"
            report.record(step, exits[i] == 126 && !refs.contains("s${i}".toString()) && d.decision == 'deny', how,
                    "exit ${exits[i]}, ${refs.contains("s${i}".toString()) ? 'pushed' : 'not pushed'}, decision ${d?.decision}")
        }
        report.record('a shell engine: env git push', run.json.tasks.find { it.task == 'chore/engine' }.outcome == 'permission_denied' && !refs.contains('engine'),
                'refused: the engine never started', "pushed: ${refs.contains('engine')}")

        then:
        report.allStopped()
        exits.size() == steps.size() + 1
        exits.last() == 0                   // an allowed command still runs
        refs.contains('control')            // and the same push without the policy goes through
    }

    def "under ask, a line it cannot read is asked about; with nobody to ask it is refused, and --approve of the whole line lets it run"() {
        given:
        String line = 'G=git; $G push origin HEAD:refs/heads/asked'
        repo.write('wtcraft.groovy', """\
            task('chore/ask') {
                policy { ask 'git push*' }
                verify { run ${groovyString(line)} }
            }
            """.stripIndent())
        repo.commit('recipe')

        when:
        def refused = wtcraft('run', '--json')
        def first = events('chore/ask').find { it.type == 'policy.decision' }.data

        then:
        refused.exitCode == 3
        first.decision == 'deny'
        first.unreadable == "the program '\$G' is known only once the shell expands it"
        !pushed().contains('asked')

        when:
        repo.git('worktree', 'remove', '--force', repo.worktree('chore/ask').toString())
        repo.git('branch', '-D', 'chore/ask')
        def approved = wtcraft('run', '--json', '--approve', line)

        then:
        approved.exitCode == 0
        pushed().contains('asked')
    }

    private static String groovyString(String s) {
        "'" + s.replace('\\', '\\\\').replace("'", "\\'").replace('$', '\\$') + "'"
    }
}
