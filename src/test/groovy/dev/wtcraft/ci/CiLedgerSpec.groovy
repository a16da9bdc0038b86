package dev.wtcraft.ci

import dev.wtcraft.support.WtcraftProcess
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/** A CI job's ledger directory, and `ledger collect` over several of them. */
class CiLedgerSpec extends WtcraftSpecification {
    def setup() {
        repo.write('wtcraft.groovy', """
wtcraft { base 'main' }
engines {
    shell 'wa', 'sh -c "mkdir -p src && echo x > src/a.txt"'
    shell 'wb', 'sh -c "mkdir -p lib && echo x > lib/b.txt"'
}
task('feat/a') { engine 'wa'; scope 'src/' }
task('feat/b') { engine 'wb'; scope 'lib/' }
task('feat/s') { engine 'wa'; scope 'src/'; sandbox { required true } }
""")
        repo.write('.gitignore', '.wtcraft/\nworktrees/\n')
        repo.commit('recipe')
    }

    Path job(String task, Map<String, String> env = [:]) {
        Path out = tmp.resolve("ledger-${task.replace('/', '-')}")
        def run = WtcraftProcess.run(repo.root, Files.createDirectories(tmp.resolve('home')), env,
                'run', '--task', task, '--ci', '--ledger-out', out.toString())
        assert Files.isRegularFile(out.resolve('ci.json')): run.toString()
        out
    }

    def "a task that requires a sandbox that cannot start ends sandbox_unavailable in the job's ledger, exit 8"() {
        when:
        Path out = tmp.resolve('ledger-s')
        def run = WtcraftProcess.run(repo.root, Files.createDirectories(tmp.resolve('home')),
                [WTCRAFT_BWRAP: '/nonexistent/bwrap'], 'run', '--task', 'feat/s', '--ci', '--ledger-out', out.toString())
        def ci = new JsonSlurper().parse(out.resolve('ci.json').toFile())
        def runJson = new JsonSlurper().parse(out.resolve('run.json').toFile())

        then:
        run.exitCode == 8
        ci.outcome == 'sandbox_unavailable'
        ci.commit == null
        runJson.tasks['feat/s'].outcome == 'sandbox_unavailable'
        runJson.tasks['feat/s'].reason.contains('asks for a sandbox')
        !Files.exists(repo.root.resolve('worktrees/feat/s'))

        and: 'push refuses it, saying why'
        def push = wtcraft('ci', 'push', 'feat/s', '--ledger', out.toString())
        push.exitCode == 1
        push.err.contains('ended sandbox_unavailable')
    }

    def "collect merges the jobs' ledgers into one run in the recipe's order; a task with no ledger is skipped, saying so"() {
        given:
        Path a = job('feat/a')
        Path b = job('feat/b')

        when:
        def run = wtcraft('ledger', 'collect', b.toString(), a.toString(), '--json')
        def doc = run.json

        then:
        run.exitCode == 0
        doc.tasks == ['feat/a': 'passed', 'feat/b': 'passed', 'feat/s': 'skipped']
        def collected = new JsonSlurper().parse(repo.root.resolve(".wtcraft/runs/${doc.run_id}/run.json").toFile())
        collected.tasks['feat/s'].reason.contains('left no ledger')
        Files.isDirectory(repo.root.resolve(".wtcraft/runs/${doc.run_id}/tasks/feat/a"))
        Files.isRegularFile(repo.root.resolve(".wtcraft/runs/${doc.run_id}/ci/feat/b/signoff.json"))
        wtcraft('report', '--junit', tmp.resolve('j.xml').toString()).exitCode == 0
        Files.readString(tmp.resolve('j.xml')).contains('feat/b')
    }

    def "collect refuses a ledger of another recipe, naming the file, and writes no run"() {
        given:
        Path a = job('feat/a')
        repo.write('wtcraft.groovy', Files.readString(repo.root.resolve('wtcraft.groovy')) + "\n// changed\n")
        repo.commit('change the recipe')
        Path b = job('feat/b')
        def before = Files.list(repo.root.resolve('.wtcraft/runs')).withCloseable { it.toList().toSet() }

        when:
        def run = wtcraft('ledger', 'collect', a.toString(), b.toString())

        then:
        run.exitCode == 1
        run.err.readLines().size() == 1
        run.err.contains(b.resolve('run.json').toString())
        run.err.contains('another recipe')
        Files.list(repo.root.resolve('.wtcraft/runs')).withCloseable { it.toList().toSet() } == before
    }

    def "collect refuses a directory that is not a CI job's ledger, and the same task twice"() {
        given:
        Path a = job('feat/a')
        Path plain = Files.createDirectories(tmp.resolve('plain'))

        expect:
        with(wtcraft('ledger', 'collect', plain.toString())) {
            exitCode == 1
            err.contains("${plain} is not a CI task's ledger")
        }
        with(wtcraft('ledger', 'collect', a.toString(), a.toString())) {
            exitCode == 1
            err.contains('two ledgers of task feat/a')
        }
    }
}
