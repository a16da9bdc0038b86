package dev.wtcraft.task

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/**
 * Whole contracts on real worktrees, each expectation the original wtcraft's verdict on the same file: the exit
 * code of check and its messages (`Scope violation: FILE`, `Off-limits violation: FILE (matched PATTERN)`).
 */
class OriginalParitySpec extends WtcraftSpecification {

    /** A task whose contract is exactly {@code body} under a front matter (or none), planned as it stands. */
    Path taskWith(String body, boolean withBase = true) {
        def wt = newTask('feat/p', ['--verify', 'true'])
        def front = "---\ntask_id: feat/p\nbranch: feat/p\n${withBase ? 'base: main\n' : ''}state_file: .worktree-state.json\n---\n"
        Files.writeString(wt.resolve('.worktree-task.md'), front + body)
        assert wtcraft('state', 'feat/p', '--stage', 'planned').exitCode == 0
        wt
    }

    def "#why"() {
        given:
        def wt = taskWith(body)
        files.each { GitRepo.writeIn(wt, it, 'x\n') }

        when:
        def run = wtcraft('check', '--json', 'feat/p')

        then:
        run.exitCode == (messages ? 2 : 0)
        run.json.violations*.message == messages

        where:
        why                                   | body                                              | files                 || messages
        'dash forms all give the item'        | '## Scope\n-src/\n-\tlib/\n-   docs/\n'             | ['src/a', 'lib/b', 'docs/c'] || []
        'an item indented without a dash'     | '## Scope\n    src/\n'                           | ['src/a']             || ['Scope violation: src/a']
        'a tab-indented dash item'            | '## Scope\n\t- src/\n'                           | ['src/a']             || []
        'comments and lone dashes'            | '## Scope\n- # not an item\n-\n- src/\n'         | ['src/a', '#x']       || ['Scope violation: #x']
        'only comments: no scope check'       | '## Scope\n- # later\n-\n'                       | ['anything']          || []
        'a heading with a trailing space'     | '## Scope \n- src/\n'                            | ['lib/a']             || []
        'a tab between ## and the word'       | '##\tScope\n- src/\n'                            | ['lib/a']             || ['Scope violation: lib/a']
        'src// matches nothing'               | '## Scope\n- src//\n'                            | ['src/a']             || ['Scope violation: src/a']
        'off-limits message and pattern'      | '## Off-limits\n- `.env*`\n'                     | ['.env.local']        || ['Off-limits violation: .env.local (matched .env*)']
        'an off-limits heading with a space'  | '## Off-limits \n- .env*\n'                      | ['.env']              || []
        'bash extended patterns'              | '## Off-limits\n- *.@(pem|key)\n'                | ['a/b.key', 'a/b.pub']|| ['Off-limits violation: a/b.key (matched *.@(pem|key))']
        'nested task-file names'              | '## Scope\n- src/\n'                             | ['lib/.worktree-task.md', 'x/.worktree-state.json', 'y/.worktree-state.json.1'] || []
        'a CRLF contract has no sections'     | '## Scope\r\n- src/\r\n'                         | ['lib/a']             || []
    }

    def "a contract without base: is checked against the base new would pick"() {
        given:
        def wt = taskWith('## Scope\n- src/\n', false)
        GitRepo.writeIn(wt, 'lib/a', 'x\n')

        when:
        def run = wtcraft('check', '--json', 'feat/p')

        then:
        run.exitCode == 2
        run.json.base == 'main'
        run.json.violations*.message == ['Scope violation: lib/a']
    }

    def "checkbox forms in Verification are the commands verify runs, with whole-second durations"() {
        given:
        taskWith('## Verification\n-[ ] echo one\n-   [x]\techo two\n- [ ]echo never\n- echo never\n  - [X] `echo` three\n')

        when:
        def run = wtcraft('verify', '--json', 'feat/p')

        then:
        run.exitCode == 0
        run.json.results*.command == ['echo one', 'echo two', 'echo three']
        run.json.results.every { it.duration_seconds instanceof Integer || it.duration_seconds instanceof Long }
    }

    def "status without a state file reports what it cannot know as null"() {
        given:
        def wt = newTask('feat/s')
        Files.delete(wt.resolve('.worktree-state.json'))

        when:
        def entry = wtcraft('status', '--json').json[0]

        then:
        entry.state_present == false
        entry.state_valid == null
        [entry.role, entry.status, entry.attempt, entry.created_at, entry.updated_at] == [null] * 5
        entry.stage == 'planned'
    }

    def "new without section options writes the original's sections; with some, only those"() {
        when:
        wtcraft('init')
        repo.commit('init')
        wtcraft('new', 'feat/d')
        wtcraft('new', 'feat/o', '--scope', 'src/')
        def plain = Files.readString(repo.worktree('feat/d').resolve('.worktree-task.md'))
        def given = Files.readString(repo.worktree('feat/o').resolve('.worktree-task.md'))

        then:
        plain.contains('## Scope\n\n- src/example.ts\n')
        plain.contains('## Off-limits\n\n- pnpm-lock.yaml\n- contracts/\n- CLAUDE.md\n- AGENTS.md\n')
        plain.contains('## Verification\n\n- [ ] pnpm tsc --noEmit\n')
        given.contains('## Off-limits\n\n## Context')
        given.contains('## Verification\n\n- [ ] git diff --check\n')
    }

    def "a contract planned in the main checkout is taken into the new worktree"() {
        given:
        wtcraft('init')
        repo.commit('init')
        repo.write('.worktree-task.md', '---\ntask_id: feat/planned\nbranch: x\ncreated: 2020-01-01\nbase: old\n'
                + 'agent: claude\nstage: executing\nrole: verifier\nstatus: busy\npriority: high\n---\n## Objective\nDo it.\n'
                + '## Scope\n- src/\n## Verification\n- [ ] true\n')

        when:
        def run = wtcraft('new', 'feat/planned')
        def wt = repo.worktree('feat/planned')
        def contract = Files.readString(wt.resolve('.worktree-task.md'))
        def state = new JsonSlurper().parse(wt.resolve('.worktree-state.json').toFile())

        then:
        run.exitCode == 0
        run.err.contains('took the planned contract')
        !Files.exists(repo.root.resolve('.worktree-task.md'))
        contract.startsWith('---\ntask_id: feat/planned\nbranch: feat/planned\ncreated: ')
        contract.contains('\nbase: main\npriority: high\n---\n## Objective\nDo it.\n## Scope\n- src/\n')
        !contract.contains('agent:') && !contract.contains('stage:') && !contract.contains('status:')
        [state.agent, state.stage, state.role, state.status] == ['claude', 'executing', 'verifier', 'busy']
        wtcraft('check', '--json', 'feat/planned').json.specification_changed == false
    }

    def "a planned contract with a bad lifecycle key stops new before anything is created"() {
        given:
        repo.write('.worktree-task.md', '---\nstage: flying\n---\n')

        when:
        def run = wtcraft('new', 'feat/bad')

        then:
        run.exitCode == 1
        run.err.contains("unknown stage 'flying'")
        !Files.exists(repo.worktree('feat/bad'))
        !repo.git('branch').contains('feat/bad')
        Files.exists(repo.root.resolve('.worktree-task.md'))
    }
}
