package dev.wtcraft.engine

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * Prompts of any size reach the engine (an argument or a variable stops at 128 KiB), and an engine that cannot
 * start is reported with the system's reason only: never its command line, its environment or its prompt.
 */
class LargeInputSpec extends Specification {
    @TempDir
    Path tmp

    GitRepo repo

    def setup() {
        repo = GitRepo.create(tmp)
    }

    WtcraftRun run(String recipe) {
        repo.write('wtcraft.groovy', recipe)
        repo.commit('recipe')
        WtcraftRun.run(repo.root, [:], 'run', '--json')
    }

    def "the shell engine gets a #size-byte prompt in its prompt file, and in its prompt variable only when it fits"() {
        given:
        repo.write('big.md', 'p' * size)

        when:
        def r = run('''\
            engines { shell 'sh', 'wc -c < "$WTCRAFT_PROMPT_FILE" | tr -d " " > size.txt; printf %s "${WTCRAFT_PROMPT-unset}" | head -c 5 > var.txt' }
            task('feat/big') { engine 'sh'; prompt file('big.md'); scope 'size.txt', 'var.txt' }
            '''.stripIndent())
        def wt = repo.worktree('feat/big')

        then:
        r.exitCode == 0
        r.json.tasks[0].outcome == 'passed'
        Files.readString(wt.resolve('size.txt')).trim() as int == size
        Files.readString(wt.resolve('var.txt')) == variable

        where:
        size      || variable
        1000      || 'ppppp'
        1 << 20   || 'unset'
    }

    def "an agent CLI that cannot start is told apart by the system's reason, and nothing prints its environment or prompt"() {
        given: 'a CLI whose environment is over the kernel limit for one variable'
        def agent = tmp.resolve('fake-codex')
        Files.writeString(agent, '#!/bin/sh\necho \'{"type":"thread.started","thread_id":"t"}\'\n')
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString('rwxr-xr-x'))

        when:
        def r = run("""\
            engines { codex { binary '${agent}'; env HUGE: 'y' * 200000, SOME_TOKEN: 'hunter2-not-for-print' } }
            task('feat/a') { engine 'codex'; prompt 'THE-PROMPT-TEXT'; scope 'a.txt' }
            """.stripIndent())
        def task = r.json.tasks[0]
        def ledger = Path.of(task.ledger)
        String everything = r.out + r.err + Files.readString(ledger.resolve('summary.md')) +
                Files.readString(ledger.resolve('events.jsonl')) + Files.readString(ledger.resolve('../../../run.json'))

        then:
        task.outcome == 'engine_failed'
        task.reason == "engine could not start ${agent}: error=7, Argument list too long"
        !everything.contains('yyyyyyyyyy')
        !everything.contains('hunter2-not-for-print')
        !(r.out + r.err + Files.readString(ledger.resolve('summary.md'))).contains('THE-PROMPT-TEXT')
    }
}
