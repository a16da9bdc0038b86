package dev.wtcraft.cli

import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files

/** Every path ends with the exit code the README's table gives it. */
class ExitCodesSpec extends WtcraftSpecification {
    void recipe(String text) {
        repo.write('wtcraft.groovy', text.stripIndent())
        repo.commit('recipe')
    }

    def "onFailure 'stop' exits with the failure's code (4), not Ctrl-C's; the stopped task says why"() {
        given:
        recipe('''\
            wtcraft { onFailure 'stop' }
            engines {
                shell 'slow', 'sleep 30'
                shell 'fail', 'sleep 0.5; exit 3'
            }
            task('feat/slow') { engine 'slow'; scope 'a/' }
            task('feat/fail') { engine 'fail'; scope 'b/' }
            ''')

        when:
        def run = wtcraft('run', '--json')
        def byTask = run.json.tasks.collectEntries { [it.task, it] }

        then:
        run.exitCode == 4
        run.json.exit_code == 4
        byTask['feat/fail'].outcome == 'engine_failed'
        byTask['feat/slow'].outcome == 'interrupted'
        byTask['feat/slow'].reason == 'stopped: the run stopped at the first failure (feat/fail ended engine_failed)'
    }

    def "a task-level base that does not exist: plan and run exit 1 at the recipe line, and nothing is created"() {
        given:
        recipe('''\
            engines { shell 'e', 'true' }
            task('feat/a') {
                engine 'e'
                base 'no-such-branch'
            }
            ''')

        when:
        def plan = wtcraft('plan')
        def run = wtcraft('run')

        then:
        plan.exitCode == 1
        plan.err.contains("wtcraft.groovy:4:5: task 'feat/a' starts from base 'no-such-branch', which is no branch, tag or commit")
        run.exitCode == 1
        run.err.contains("wtcraft.groovy:4:5: task 'feat/a' starts from base 'no-such-branch'")
        !Files.exists(repo.root.resolve('.wtcraft/runs'))
        !Files.exists(repo.root.resolve('worktrees'))
        repo.git('branch', '--list').readLines().size() == 1
    }

    def "an unknown command exits 1 and says what was meant; wtcraft help CMD shows that command's help"() {
        when:
        def typo = wtcraft('statsu')
        def help = wtcraft('help', 'run')
        def none = wtcraft('help', 'nope')

        then:
        typo.exitCode == 1
        typo.out == ''
        typo.err.trim().startsWith("wtcraft: unknown command 'statsu'; did you mean '")
        help.exitCode == 0
        help.out.startsWith('Usage: wtcraft run ')
        none.exitCode == 1
    }
}
