package dev.wtcraft.task

import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files

/** init's agent workflow, --patch-agent-files, unpatch, doctor's view of them and migrate, on a real repository. */
class AgentWorkflowSpec extends WtcraftSpecification {

    def "init installs every scaffold file once; a changed one is kept and reported until --force"() {
        when:
        def first = wtcraft('init')

        then:
        first.exitCode == 0
        AgentScaffold.FILES.every { Files.readString(repo.root.resolve(it.path())) == it.text() }
        AgentScaffold.FILES.every { first.out.contains("wrote ${it.path()}") }
        Files.readString(repo.root.resolve('.wtcraft/agents/planner.md')).contains('wtcraft plan')
        Files.readString(repo.root.resolve('.claude/skills/wtcraft-finish/SKILL.md')).startsWith('---\nname: wtcraft-finish\n')

        when:
        def planner = repo.root.resolve('.wtcraft/agents/planner.md')
        Files.writeString(planner, 'our own planner\n')
        def second = wtcraft('init')

        then:
        second.exitCode == 0
        !second.out.contains('wrote ')
        second.err.contains('kept .wtcraft/agents/planner.md: it differs')
        Files.readString(planner) == 'our own planner\n'
        wtcraft('doctor', '--json').json.agent_workflow.scaffold['.wtcraft/agents/planner.md'] == 'drifted'

        when:
        def forced = wtcraft('init', '--force')

        then:
        forced.out.contains('replaced .wtcraft/agents/planner.md')
        Files.readString(planner).contains('wtcraft plan')
        wtcraft('doctor', '--json').json.agent_workflow.scaffold.values().every { it == 'up-to-date' }
    }

    def "--patch-agent-files adds the section once, keeps what was there, and unpatch takes only it away"() {
        given:
        def claude = repo.root.resolve('CLAUDE.md')
        Files.writeString(claude, '# Our rules\n\nBe kind.\n')

        when:
        def patched = wtcraft('init', '--patch-agent-files')
        def again = wtcraft('init', '--patch-agent-files')
        def text = Files.readString(claude)

        then:
        patched.out.contains('added the wtcraft section to CLAUDE.md')
        patched.out.contains('created AGENTS.md with the wtcraft section')
        again.out.contains('CLAUDE.md already has the wtcraft section')
        text.startsWith('# Our rules\n\nBe kind.\n\n<!-- wtcraft:start -->\n')
        text.count('<!-- wtcraft:start -->') == 1
        wtcraft('doctor', '--json').json.agent_workflow.agent_files == ['CLAUDE.md': 'patched', 'AGENTS.md': 'patched', 'GEMINI.md': 'patched']

        when:
        def unpatched = wtcraft('unpatch')

        then:
        unpatched.exitCode == 0
        unpatched.out.contains('removed the wtcraft section from CLAUDE.md')
        Files.readString(claude) == '# Our rules\n\nBe kind.\n'
        Files.readString(repo.root.resolve('AGENTS.md')) == ''
        wtcraft('unpatch').out.contains('CLAUDE.md has no wtcraft section')
    }

    def "doctor names the original tool's files and migrate removes them after asking"() {
        given:
        def legacy = ['.agent-harness/planner.md', '.agent-harness/presets/preset-openai.yml', '.claude/commands/planwt.md',
                      '.worktree-task.template.md']
        legacy.each { repo.write(it, 'old\n') }
        repo.write('.claude/commands/mine.md', 'keep me\n')
        repo.write('CLAUDE.md', 'top\n\n<!-- wtcraft:claude:start -->\n## wtcraft routing\nold\n<!-- wtcraft:claude:end -->\n')

        when:
        def doctor = wtcraft('doctor', '--json').json.agent_workflow
        def refused = wtcraft('migrate')
        def dry = wtcraft('migrate', '--dry-run')

        then:
        doctor.legacy == legacy.sort(false) { LegacyScaffold.FILES.indexOf(it) } + ['CLAUDE.md (pointer block)']
        refused.exitCode == 1
        refused.err.contains("run 'wtcraft migrate --yes'")
        dry.exitCode == 0
        legacy.every { Files.exists(repo.root.resolve(it)) }

        when:
        def migrated = wtcraft('migrate', '--yes')

        then:
        migrated.exitCode == 0
        legacy.every { !Files.exists(repo.root.resolve(it)) }
        !Files.exists(repo.root.resolve('.agent-harness'))
        Files.readString(repo.root.resolve('.claude/commands/mine.md')) == 'keep me\n'
        Files.readString(repo.root.resolve('CLAUDE.md')) == 'top\n'
        wtcraft('doctor', '--json').json.agent_workflow.legacy == []
        wtcraft('migrate').out.startsWith('nothing to migrate')
    }
}
