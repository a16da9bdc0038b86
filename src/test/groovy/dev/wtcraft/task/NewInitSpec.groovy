package dev.wtcraft.task

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files

class NewInitSpec extends WtcraftSpecification {

    def "init adds the ignore rules once"() {
        when:
        def first = wtcraft('init')
        def second = wtcraft('init')
        def gitignore = Files.readString(repo.root.resolve('.gitignore'))

        then:
        first.exitCode == 0
        second.exitCode == 0
        second.out.startsWith('already up to date')
        IgnoreRules.RULES.every { rule -> gitignore.readLines().count { it == rule } == 1 }
    }

    def "init --local writes .git/info/exclude and leaves .gitignore alone"() {
        when:
        def run = wtcraft('init', '--local')

        then:
        run.exitCode == 0
        !Files.exists(repo.root.resolve('.gitignore'))
        Files.readString(repo.root.resolve('.git/info/exclude')).contains('/.worktree-task.md')
    }

    def "new makes the worktree, branch, contract, state file and spec digest; the local files are ignored"() {
        when:
        def wt = newTask('feat/login', ['--objective', 'Log in.', '--scope', 'src/auth/', '--off-limits', '.env*'])
        def contract = Files.readString(wt.resolve('.worktree-task.md'))

        then:
        repo.git('branch', '--show-current') == 'main\n'
        GitRepo.gitIn(wt, 'branch', '--show-current') == 'feat/login\n'
        contract.startsWith('---\ntask_id: feat/login\nbranch: feat/login\ncreated: ')
        contract.contains('\nbase: main\nstate_file: .worktree-state.json\n---\n')
        ['Objective', 'Scope', 'Steps', 'Off-limits', 'Context', 'Acceptance criteria', 'Dependencies', 'Verification']
                .every { contract.contains("## ${it}\n") }
        contract.contains('## Scope\n\n- src/auth/\n')
        GitRepo.gitIn(wt, 'status', '--porcelain') == ''
        Files.exists(wt.resolve(GitRepo.gitIn(wt, 'rev-parse', '--git-path', 'wtcraft/spec.digest').trim()))
    }

    def "base resolution: #why"() {
        given:
        setupRefs(repo)
        wtcraft('init', '--local')

        when:
        def run = wtcraftEnv(env, (['new', 'feat/b'] + args) as String[])

        then:
        run.exitCode == 0
        Files.readString(repo.worktree('feat/b').resolve('.worktree-task.md')).contains("\nbase: ${expected}\n")

        where:
        why                                  | setupRefs                                                     | env                               | args                   || expected
        '--base wins'                        | { GitRepo r -> r.git('branch', 'develop') }                   | [WTCRAFT_BASE_BRANCH: 'develop'] | ['--base', 'main']     || 'main'
        'then WTCRAFT_BASE_BRANCH'           | { GitRepo r -> r.git('branch', 'develop') }                   | [WTCRAFT_BASE_BRANCH: 'develop'] | []                     || 'develop'
        'then origin/HEAD'                   | { GitRepo r -> originHead(r) }                                | [:]                               | []                     || 'origin/trunk'
        'then a local main'                  | { GitRepo r -> r.git('checkout', '-q', '-b', 'topic') }       | [:]                               | []                     || 'main'
        'then master before develop'         | { GitRepo r -> renameMain(r, 'master'); r.git('branch', 'develop') } | [:]                        | []                     || 'master'
        'then the current branch'            | { GitRepo r -> renameMain(r, 'trunk') }                       | [:]                               | []                     || 'trunk'
    }

    static void originHead(GitRepo r) {
        r.git('update-ref', 'refs/remotes/origin/trunk', 'HEAD')
        r.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk')
    }

    static void renameMain(GitRepo r, String name) {
        r.git('branch', '-m', 'main', name)
    }

    def "new refuses #why"() {
        given:
        prepare(repo, this)

        when:
        def run = wtcraft(['new'] + args as String[])

        then:
        run.exitCode == 1
        run.err.readLines().size() == 1
        run.err.contains(message)

        where:
        why                       | prepare                                                        | args                             || message
        'an existing path'        | { GitRepo r, s -> Files.createDirectories(r.worktree('feat/x')) } | ['feat/x']                   || 'worktree path already exists'
        'an existing branch'      | { GitRepo r, s -> r.git('branch', 'feat/x') }                  | ['feat/x']                       || 'branch already exists: feat/x'
        'an unknown base'         | { GitRepo r, s -> }                                            | ['feat/x', '--base', 'nope']     || 'unknown base: nope'
        'a name without a type'   | { GitRepo r, s -> }                                            | ['login']                        || 'task name must be <type>/<name>'
        'a name with ..'          | { GitRepo r, s -> }                                            | ['feat/../x']                    || 'invalid task name'
    }

    def "new refuses a repository with no commit"() {
        given:
        def empty = tmp.resolve('empty')
        Files.createDirectories(empty)
        GitRepo.gitIn(empty, 'init', '-q')

        when:
        def run = dev.wtcraft.support.WtcraftRun.run(empty, [:], 'new', 'feat/x')

        then:
        run.exitCode == 1
        run.err.contains('repository has no commits')
        !Files.exists(empty.resolve('worktrees'))
    }
}
