package dev.wtcraft.sandbox

import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/** policy { allow; ask; deny } on the commands wtcraft starts, every decision in the ledger. */
class PolicySpec extends WtcraftSpecification {
    private List<Map> events(String task) {
        Path file = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.toString().endsWith("tasks/${task}/events.jsonl") }.findFirst().get() }
        Files.readAllLines(file).collect { new JsonSlurper().parseText(it) as Map }
    }

    def setup() {
        repo.write('wtcraft.groovy', '''\
            wtcraft {
                policy { deny 'git push*' }
            }
            task('chore/checks') {
                policy { allow 'echo ok'; ask 'echo install *' }
                verify {
                    run 'echo ok'
                    run 'echo install left-pad'
                    run 'git push origin main'
                }
            }
            '''.stripIndent())
        repo.commit('recipe')
    }

    def "deny refuses, ask refuses where nobody can be asked, and every decision is an event"() {
        when:
        def run = wtcraft('run', '--json')
        def ev = events('chore/checks')
        def decisions = ev.findAll { it.type == 'policy.decision' }*.data
        def steps = ev.findAll { it.type == 'verify.step' }*.data

        then:
        run.exitCode == 3
        steps*.exit_code == [0, 126, 126]
        decisions*.decision == ['allow', 'deny', 'deny']
        decisions*.rule == ['allow echo ok', 'ask echo install *', 'deny git push*']
        decisions[1].by.startsWith('not approved')
        ev.findAll { it.type == 'verify.stderr' }*.data*.line.contains(
                "wtcraft: refused by policy (deny 'git push*'): git push origin main")
        Files.readString(repo.worktree('chore/checks').resolve('.worktree-task.md'))
                .contains('## Policy\n\n- deny: git push*\n- ask: echo install *\n- allow: echo ok\n')
    }

    def "--approve lets an ask rule's command run, and says so"() {
        when:
        wtcraft('run', '--json', '--approve', 'echo install *')
        def decisions = events('chore/checks').findAll { it.type == 'policy.decision' }*.data

        then:
        decisions[1] == [command: 'echo install left-pad', for: 'verification', rule: 'ask echo install *',
                         decision: 'allow', by: '--approve echo install *']
        decisions[2].decision == 'deny'
    }

    def "a shell engine whose command the policy denies never starts"() {
        given:
        repo.write('wtcraft.groovy', '''\
            engines { shell 'pusher', 'git push --force' }
            task('feat/push') { engine 'pusher'; policy { deny 'git push*' } }
            '''.stripIndent())
        repo.commit('pusher')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 4
        run.json.tasks[0].outcome == 'permission_denied'
        run.json.tasks[0].reason.contains("refused by policy (deny 'git push*')")
        events('feat/push').find { it.type == 'policy.decision' }.data.command == 'git push --force'
    }
}
