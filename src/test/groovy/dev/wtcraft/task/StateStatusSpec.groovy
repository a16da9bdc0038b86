package dev.wtcraft.task

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files

class StateStatusSpec extends WtcraftSpecification {

    def "state walks the legal edges and names an illegal one, which --force passes"() {
        given:
        def wt = newTask('feat/s')

        expect:
        wtcraft('state', 'feat/s', '--stage', 'executing', '--role', 'executor', '--agent', 'codex').exitCode == 0

        when:
        def illegal = wtcraft('state', 'feat/s', '--stage', 'done')

        then:
        illegal.exitCode == 1
        illegal.err.trim() == 'wtcraft state: illegal stage transition executing -> done (allowed from executing: verifying); pass --force to override'
        illegal.err.readLines().size() == 1
        new JsonSlurper().parse(wt.resolve('.worktree-state.json').toFile()).stage == 'executing'

        when:
        def forced = wtcraft('state', '--json', 'feat/s', '--stage', 'done', '--force', '--attempt', '2',
                '--handoff-from', 'codex', '--handoff-to', 'claude')
        def state = new JsonSlurper().parse(wt.resolve('.worktree-state.json').toFile())

        then:
        forced.exitCode == 0
        forced.json == [protocol_version: 1, command: 'state', ok: true, worktree: wt.toString(),
                        task_file: wt.resolve('.worktree-task.md').toString(),
                        state_file: wt.resolve('.worktree-state.json').toString(),
                        stage: 'done', role: 'executor', agent: 'codex', attempt: 2]
        state.status == 'done'
        state.handoff_from == 'codex'
        state.handoff_to == 'claude'
    }

    def "state needs at least one change"() {
        given:
        newTask('feat/empty')

        expect:
        wtcraft('state', 'feat/empty').with { exitCode == 1 && err.contains('nothing to change') }
    }

    def "an unparsable state file is reported and left untouched by state, check and verify"() {
        given:
        def wt = newTask('feat/bad')
        def stateFile = wt.resolve('.worktree-state.json')
        Files.writeString(stateFile, '{"schema_version": 1, "stage": "planned"}')
        def before = Files.readAllBytes(stateFile)

        when:
        def runs = [wtcraft('state', 'feat/bad', '--stage', 'executing'), wtcraft('check', 'feat/bad'),
                    wtcraft('verify', 'feat/bad'), wtcraft('check', '--json', 'feat/bad')]

        then:
        runs*.exitCode == [1, 1, 1, 1]
        runs[0..2].every { it.err.startsWith("wtcraft ${it.err.split(' ')[1]} invalid state file: ${stateFile}") }
        runs[3].json.error.message.startsWith("invalid state file: ${stateFile}")
        Files.readAllBytes(stateFile) == before
        wtcraft('status', '--json').json[0].state_valid == false
    }

    def "ready after check and verify pass on the current tree; stale once the tree changes"() {
        given:
        def wt = newTask('feat/ready', ['--scope', 'src/', '--verify', 'true'])
        GitRepo.writeIn(wt, 'src/a.txt', 'a')
        assert wtcraft('check', 'feat/ready').exitCode == 0
        assert wtcraft('verify', 'feat/ready').exitCode == 0

        when:
        def ready = wtcraft('status', '--json').json[0]

        then:
        ready.ready == true
        ready.evidence_stale == false
        ready.check_result == 'pass'
        ready.verify_result == 'pass'

        when:
        GitRepo.writeIn(wt, 'src/a.txt', 'changed')
        def stale = wtcraft('status', '--json').json[0]

        then:
        stale.ready == false
        stale.evidence_stale == true
        wtcraft('status').out.contains('stale')
    }

    def "status lists linked worktrees with every protocol field, uncontracted and zombie ones too"() {
        given:
        newTask('feat/one')
        def wild = tmp.resolve('wild')
        repo.git('worktree', 'add', '-q', '-b', 'chore/wild', wild.toString(), 'main')
        def zombie = tmp.resolve('zombie')
        repo.git('worktree', 'add', '-q', '-b', 'chore/zombie', zombie.toString(), 'main')
        zombie.toFile().deleteDir()

        when:
        def entries = wtcraft('status', '--json').json
        def human = wtcraft('status').out

        then:
        entries*.branch == ['feat/one', 'chore/wild', 'chore/zombie']
        entries*.contracted == [true, false, false]
        entries*.zombie == [false, false, true]
        entries[0].keySet().toList() == ['repo_root', 'worktree', 'branch', 'zombie', 'locked', 'contracted',
                'task_file', 'state_file', 'state_present', 'state_valid', 'legacy_frontmatter_ignored',
                'specification_changed', 'stage', 'role', 'agent', 'status', 'attempt', 'handoff_from', 'handoff_to',
                'check_result', 'checked', 'priority', 'created', 'base', 'verify_result', 'verified', 'created_at',
                'updated_at', 'ready', 'evidence_stale', 'review_required', 'review_result', 'reviewed', 'landed_commit',
                'size_bytes']
        entries[0].repo_root == repo.root.toRealPath().toString()
        entries[0].stage == 'planned'
        entries[0].role == 'executor'
        human.contains('uncontracted')
        human.contains('zombie')

        when: 'run from inside a linked worktree, the registry is the same'
        def inside = dev.wtcraft.support.WtcraftRun.run(wild, [:], 'status', '--json')

        then:
        inside.json*.worktree == entries*.worktree
    }

    def "a legacy contract without a state file is read from its front matter; with one, the state file wins"() {
        given:
        def wt = newTask('feat/legacy')
        Files.delete(wt.resolve('.worktree-state.json'))
        editContract(wt, 'priority: medium',
                'priority: medium\nstage: executing\nrole: verifier\nagent: gemini\nverify_result: pass')

        when:
        def legacy = wtcraft('status', '--json').json[0]

        then:
        legacy.state_present == false
        [legacy.stage, legacy.role, legacy.agent, legacy.verify_result] == ['executing', 'verifier', 'gemini', 'pass']

        when:
        wtcraft('state', 'feat/legacy', '--agent', 'codex')
        def run = wtcraft('status', '--json')

        then:
        run.json[0].state_present == true
        run.json[0].legacy_frontmatter_ignored == true
        run.json[0].agent == 'codex'
        run.json[0].stage == 'executing'
        run.err.contains('front-matter lifecycle keys are overridden')
    }
}
