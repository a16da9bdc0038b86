package dev.wtcraft.run

import dev.wtcraft.support.GitRepo
import dev.wtcraft.testing.Processes
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.TimeUnit

/** SIGKILL `wtcraft run` at several points of a 10-task run; `--resume` each time; it ends as if never killed. */
class ResumeIT extends Specification {
    static final Path LAUNCHER = Path.of('bin/wtcraft').toAbsolutePath()
    static final JsonSlurper JSON = new JsonSlurper()

    @TempDir
    Path tmp

    GitRepo repo
    Path started

    def setup() {
        repo = GitRepo.create(tmp)
        started = tmp.resolve('started.log')
        def tasks = (1..10).collect { i ->
            String dep = i % 3 == 0 ? "dependsOn 'feat/t${i - 1}'" : ''
            """task('feat/t${i}') {
                engine 'work'
                scope 'out/t${i}/'
                ${dep}
                verify { run 'sleep 0.4; test -s out/t${i}/done.txt' }
            }"""
        }.join('\n')
        repo.write('wtcraft.groovy', """\
            wtcraft { jobs 2 }
            engines {
                shell 'work', 'echo \$\$ > "\$WTCRAFT_LEDGER/engine.pid"; echo "\$WTCRAFT_TASK" >> ${started}; sleep 0.8; mkdir -p "out/\${WTCRAFT_TASK#feat/}"; echo ok > "out/\${WTCRAFT_TASK#feat/}/done.txt"'
            }
            ${tasks}
            """.stripIndent())
        repo.commit('recipe')
    }

    Process start(String... args) {
        def pb = new ProcessBuilder([LAUNCHER.toString()] + args.toList()).directory(repo.root.toFile())
        pb.redirectOutput(tmp.resolve("out-${System.nanoTime()}.log").toFile()).redirectErrorStream(true)
        pb.start()
    }

    /** Files of the ledger by name; a walk that meets an atomic write's vanishing temp file is tried again. */
    List<Path> ledgerFiles(String name) {
        def runs = repo.root.resolve('.wtcraft/runs')
        for (int i = 0; ; i++) {
            try {
                return Files.isDirectory(runs) ? Files.walk(runs).filter { it.fileName.toString() == name }.toList() : []
            } catch (UncheckedIOException e) {
                if (i > 20) {
                    throw e
                }
            }
        }
    }

    /** Waits for the condition, then SIGKILLs the runner; returns the engine pids recorded so far. */
    List<Long> killWhen(Process p, String what, Closure<Boolean> condition) {
        long deadline = System.nanoTime() + 60_000_000_000L
        while (!condition() && System.nanoTime() < deadline) {
            assert p.alive: "the run ended before ${what}"
            Thread.sleep(20)
        }
        assert condition(): "never reached ${what}"
        p.destroyForcibly()
        assert p.waitFor(10, TimeUnit.SECONDS)
        ledgerFiles('engine.pid').collect { Files.readString(it).trim() }.findAll { it }.collect { it as long }
    }

    Set passedNow() {
        def runJson = ledgerFiles('run.json')
        runJson ? JSON.parse(runJson[0].toFile()).tasks.findAll { k, v -> v.outcome == 'passed' }.keySet() as Set : [] as Set
    }

    def "killed during worktree creation, while an engine runs and while verifying, --resume finishes the run"() {
        given:
        def passedBefore = [:]   // task -> number of lines in started.log when it was already recorded passed

        when: 'killed as soon as a worktree is being created'
        def p = start('run')
        def pids = killWhen(p, 'a worktree') { Files.isDirectory(repo.root.resolve('worktrees/feat')) }

        then: 'no engine outlives the kill by more than a moment'
        pids.every { Processes.stops(it, Duration.ofSeconds(2)) }

        when: 'resumed, and killed while an engine runs'
        passedNow().each { passedBefore[it] = lines() }
        int pidFiles = ledgerFiles('engine.pid').size()
        p = start('run', '--resume')
        pids = killWhen(p, 'an engine after a task passed') {
            ledgerFiles('engine.pid').size() > pidFiles + 1 && passedNow().size() >= 1
        }

        then:
        pids.every { Processes.stops(it, Duration.ofSeconds(2)) }

        when: 'resumed, and killed while verifying'
        passedNow().each { passedBefore.putIfAbsent(it, lines()) }
        long verifyingBefore = verifying()
        p = start('run', '--resume')
        def passedSoFar = passedNow().size()
        pids = killWhen(p, 'verification after more tasks passed') {
            verifying() > verifyingBefore && passedNow().size() > passedSoFar
        }

        then:
        pids.every { Processes.stops(it, Duration.ofSeconds(2)) }

        when: 'resumed to the end'
        passedNow().each { passedBefore.putIfAbsent(it, lines()) }
        p = start('run', '--resume')
        boolean ended = p.waitFor(120, TimeUnit.SECONDS)
        def runJson = JSON.parse(ledgerFiles('run.json')[0].toFile())
        def log = Files.readAllLines(started)

        then: 'every task passed, and none that had passed ran again'
        ended
        p.exitValue() == 0
        runJson.tasks.size() == 10
        runJson.tasks.values().every { it.outcome == 'passed' }
        passedBefore.size() >= 1
        passedBefore.every { task, linesThen -> !log.drop(linesThen).contains(task) }

        and: 'every ledger line of every attempt is a JSON object with its seq'
        ledgerFiles('events.jsonl').every { f -> Files.readAllLines(f).every { JSON.parseText(it).seq > 0 } }

        and: 'tasks interrupted by a kill kept their earlier attempt in the ledger'
        ledgerFiles('events.jsonl').any { it.parent.fileName.toString().startsWith('attempt-') }

        and: 'no lease is left behind'
        !Files.exists(repo.root.resolve('.wtcraft/leases')) || Files.list(repo.root.resolve('.wtcraft/leases')).count() == 0
    }

    def "a second runner is refused while the first holds the task, naming it"() {
        when:
        def first = start('run')
        long deadline = System.nanoTime() + 30_000_000_000L
        while (ledgerFiles('engine.pid').isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20)
        }
        def second = new ProcessBuilder(LAUNCHER.toString(), 'run', '--resume').directory(repo.root.toFile())
                .redirectErrorStream(true).start()
        def out = new String(second.inputStream.readAllBytes())
        second.waitFor()
        first.destroyForcibly().waitFor()

        then:
        second.exitValue() == 1
        out =~ /task feat\/t\d+ is being run by wtcraft run \d{8}T\d{6}Z-[0-9a-f]{6} \(pid \d+ on .*, started .*\); wait for it to finish, or stop that process/
    }

    int lines() {
        Files.exists(started) ? Files.readAllLines(started).size() : 0
    }

    long verifying() {
        ledgerFiles('events.jsonl').sum(0L) { f -> Files.readAllLines(f).count { it.contains('"stage":"verifying"') } } as long
    }
}
