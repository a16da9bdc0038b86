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
}
