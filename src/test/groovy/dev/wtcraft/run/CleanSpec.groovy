package dev.wtcraft.run

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files

class CleanSpec extends WtcraftSpecification {

    def setup() {
        repo.write('wtcraft.groovy', '''\
            engines { shell 'w', 'echo x > "$WTCRAFT_PROMPT"' }
            task('feat/a') { engine 'w'; prompt 'a.txt' }
            task('feat/b') { engine 'w'; prompt 'b.txt' }
            task('feat/c') { engine 'w'; prompt 'c.txt' }
            '''.stripIndent())
        repo.commit('recipe')
        assert wtcraft('run').exitCode == 0
    }

    def "clean keeps uncommitted work and commits on no other branch unless forced, and removes what is landed"() {
        given:
        GitRepo.writeIn(repo.worktree('feat/b'), 'wip.txt', 'not committed')

        when: 'nothing is landed yet: every branch holds the commit its engine made'
        def dry = wtcraft('clean', '--dry-run', '--json')

        then:
        dry.json.worktrees.collect { [it.task, it.action] } as Set ==
                [['feat/a', 'keep'], ['feat/b', 'keep'], ['feat/c', 'keep']] as Set
        dry.json.worktrees.find { it.task == 'feat/a' }.reason ==
                'its branch holds 1 commit on no other branch (land it with finish, or --force removes it anyway)'

        when: 'feat/a is landed, and feat/c is held by another branch too'
        repo.git('merge', '-q', '--no-edit', 'feat/a')
        repo.git('branch', 'keep-c', 'feat/c')
        def run = wtcraft('clean')

        then:
        run.exitCode == 0
        run.out.contains('keep feat/b: it has uncommitted work (--force removes it anyway)')
        !Files.exists(repo.worktree('feat/a'))
        !Files.exists(repo.worktree('feat/c'))
        Files.exists(repo.worktree('feat/b'))
        repo.git('branch', '--list', 'feat/*').readLines().collect { it.replaceAll(/^[*+]?\s*/, '') }.findAll { it } == ['feat/b']
        repo.git('rev-parse', '--verify', '-q', 'keep-c').trim()

        when:
        wtcraft('clean', '--force')

        then:
        !Files.exists(repo.worktree('feat/b'))
        repo.git('branch', '--list', 'feat/*').trim() == ''
    }

    def "--merged takes only merged tasks, --older-than only old ones, and a stale entry is pruned"() {
        given:
        repo.git('merge', '-q', '--no-edit', 'feat/a')
        repo.worktree('feat/c').toFile().deleteDir()

        when:
        def young = wtcraft('clean', '--older-than', '7d', '--json')
        def merged = wtcraft('clean', '--merged', '--json')

        then:
        young.json.worktrees.collect { [it.task, it.action] } as Set ==
                [['feat/a', 'keep'], ['feat/b', 'keep'], ['feat/c', 'prune']] as Set
        !repo.git('worktree', 'list').contains('feat/c')
        young.json.worktrees.find { it.task == 'feat/c' }.branch == 'keep' // its commit is on no other branch
        repo.git('branch', '--list', 'feat/c').trim()
        merged.json.worktrees.collect { [it.task, it.action] } as Set == [['feat/a', 'remove'], ['feat/b', 'keep']] as Set
        Files.exists(repo.worktree('feat/b'))
    }

    def "a task a live runner holds is kept"() {
        given: 'a lease held by this very (living) process'
        def me = ProcessHandle.current()
        def leases = Files.createDirectories(repo.root.resolve('.wtcraft/leases'))
        Files.writeString(leases.resolve('feat~a.json'), """{"task":"feat/a","pid":${me.pid()},"started_at":"${me.info().startInstant().get()}","run_id":"r","host":"h"}\n""")

        when:
        def run = wtcraft('clean', '--json')

        then:
        run.json.worktrees.find { it.task == 'feat/a' }.action == 'keep'
        run.json.worktrees.find { it.task == 'feat/a' }.reason.startsWith('it is running in wtcraft run r')
        Files.exists(repo.worktree('feat/a'))
    }

    /** Older copies of the setup's run, as earlier runs would have left them (ids sort by start time). */
    List<String> earlierRuns(int n) {
        def runs = repo.root.resolve('.wtcraft/runs')
        def real = runs.toFile().listFiles().find { new File(it, 'run.json').isFile() }.toPath()
        (1..n).collect { i ->
            def id = "20200101T00000${i}Z-00000${i}".toString()
            Files.walk(real).forEach { p -> Files.copy(p, runs.resolve(id).resolve(real.relativize(p).toString())) }
            id
        }
    }

    /** The runs `wtcraft runs` lists, by their ledger's directory (the copies' run.json keep the real id). */
    List<String> runIds() {
        wtcraft('runs', '--json').json.collect { java.nio.file.Path.of(it.ledger).fileName.toString() }
    }

    def "--keep N keeps exactly the N newest runs and never one still running, and says what it reclaimed"() {
        given: 'five runs, the oldest of them held by a live runner'
        def older = earlierRuns(4)
        def newest = runIds().last()
        def me = ProcessHandle.current()
        def leases = Files.createDirectories(repo.root.resolve('.wtcraft/leases'))
        Files.writeString(leases.resolve('feat~zz.json'), """{"task":"feat/zz","pid":${me.pid()},"started_at":"${me.info().startInstant().get()}","run_id":"${older[0]}","host":"h"}\n""")
        def sizes = wtcraft('runs', '--json').json.collectEntries { [java.nio.file.Path.of(it.ledger).fileName.toString(), it.size_bytes] }

        when:
        def dry = wtcraft('clean', '--keep', '2', '--dry-run', '--json').json

        then: 'a dry run names the same and removes nothing'
        dry.runs.findAll { it.action == 'would remove' }*.run_id == [older[1], older[2]]
        runIds().size() == 5

        when:
        def clean = wtcraft('clean', '--keep', '2', '--json').json

        then:
        runIds() == [older[0], older[3], newest]
        clean.runs.find { it.run_id == older[0] }.reason.startsWith("it is running in wtcraft run ${older[0]}")
        clean.runs.findAll { it.action == 'remove' }*.run_id == [older[1], older[2]]
        clean.reclaimed_bytes == sizes[older[1]] + sizes[older[2]]
        clean.reclaimed_bytes == dry.reclaimed_bytes
        clean.runs.find { it.run_id == older[1] }.size_bytes == sizes[older[1]]
        !Files.exists(repo.root.resolve('.wtcraft/runs/.trash').resolve(older[1]))
        (repo.root.resolve('.wtcraft/runs/.trash').toFile().list() ?: new String[0]).length == 0

        when: 'the lease is gone: --keep 1 keeps one'
        Files.delete(leases.resolve('feat~zz.json'))
        def text = wtcraft('clean', '--keep', '1')

        then:
        runIds() == [newest]
        text.out.readLines().last() == "removed 0 worktrees and 2 runs, ${dev.wtcraft.io.ByteSize.format(sizes[older[0]] + sizes[older[3]])} reclaimed"
    }

    def "a removed worktree reclaims what status --size measured, and a link in it loses the link, not its target"() {
        given: 'a link to a shared install, ignored as the links of a setup are'
        repo.root.resolve('.git/info/exclude').toFile() << '/node_modules\n'
        def shared = Files.createDirectories(tmp.resolve('shared-cache'))
        Files.writeString(shared.resolve('keep.txt'), 'not the worktree\'s to delete')
        Files.createSymbolicLink(repo.worktree('feat/a').resolve('node_modules'), shared)
        repo.git('merge', '-q', '--no-edit', 'feat/a')
        def measured = wtcraft('status', '--size', '--json').json.find { it.branch == 'feat/a' }.size_bytes

        when:
        def dry = wtcraft('clean', '--merged', '--dry-run')
        def clean = wtcraft('clean', '--merged', '--json').json

        then:
        clean.worktrees.find { it.task == 'feat/a' }.action == 'remove'
        clean.reclaimed_bytes == measured
        dry.out.readLines().last() == "would remove 1 worktree, reclaiming ${dev.wtcraft.io.ByteSize.format(measured)}"
        !Files.exists(repo.worktree('feat/a'))
        !repo.git('worktree', 'list').contains('feat/a')
        repo.git('branch', '--list', 'feat/a').trim() == ''
        Files.readString(shared.resolve('keep.txt')) == 'not the worktree\'s to delete'
    }

    def "what an interrupted clean left in the trash is never a run, and the next clean deletes it and counts it"() {
        given: 'a ledger renamed into the trash by a clean that was killed before it deleted it'
        def id = earlierRuns(1)[0]
        def trash = Files.createDirectories(repo.root.resolve('.wtcraft/runs/.trash'))
        Files.move(repo.root.resolve('.wtcraft/runs').resolve(id), trash.resolve("x-${id}"))

        expect:
        !runIds().contains(id)

        when:
        def clean = wtcraft('clean', '--json').json
        def again = wtcraft('clean')

        then:
        clean.trash_bytes > 0
        clean.reclaimed_bytes == clean.trash_bytes
        trash.toFile().list().length == 0
        again.out.readLines().last() == 'removed 0 worktrees, 0 B reclaimed'
    }
}
