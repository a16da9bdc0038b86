package dev.wtcraft.sandbox

import dev.wtcraft.support.AttackReport
import dev.wtcraft.support.WtcraftProcess
import dev.wtcraft.support.WtcraftRun
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files
import java.nio.file.Path

/**
 * A recipe that ends wtcraft (so that `run` exits 0 having done nothing: green CI), one that never finishes, and
 * bytes no recipe or prompt is made of. Each must fail `plan` and `run` with exit 1 and one line naming the file
 * and line, and leave nothing behind (no worktree, no ledger). The ones that end the process run wtcraft in a
 * process of its own (a recipe that did end it must not end the tests); the rest run in this one, with a deadline of
 * one second.
 */
class RecipeAbuseSpec extends WtcraftSpecification {
    static final Map<String, List> RECIPES = [
            'System.exit(0)'                 : ["task('feat/a') {\n    System.exit(0)\n}\n", "wtcraft.groovy:2:5: 'exit' would end wtcraft"],
            'Runtime.getRuntime().halt(0)'   : ["def r = 1\nRuntime.getRuntime().halt(0)\n", "wtcraft.groovy:2:1: 'halt' would end wtcraft"],
            'Runtime.runtime.exit(0)'        : ["Runtime.runtime.exit(0)\n", "wtcraft.groovy:1:1: 'exit' would end wtcraft"],
            'static import of System.exit'   : ["import static java.lang.System.exit\nexit(0)\n", "wtcraft.groovy:2:1: 'exit' would end wtcraft"],
            'System.&exit'                   : ["def end = System.&exit\nend(0)\n", "wtcraft.groovy:1:11: 'exit' would end wtcraft"],
            'System.exit by reflection'      : ["System.getMethod('exit', int).invoke(null, 0)\ntask('feat/a') { }\n", 'wtcraft: wtcraft.groovy: the recipe ended the process while it was being read'],
            'an endless loop'                : ["task('feat/a') {\n    while (true) { }\n}\n", 'wtcraft.groovy:2:5: the recipe was still running after 1s'],
            'an endless loop that catches'   : ["while (true) { try { while (true) { } } catch (Throwable t) { } }\n", 'wtcraft.groovy:1:1: the recipe was still running after 1s'],
            'a sleep'                        : ["Thread.sleep(600000)\n", 'wtcraft.groovy:1:1: the recipe was still running after 1s'],
            'endless recursion in a closure' : ["def f\nf = { f() }\nf()\n", 'wtcraft.groovy:2:'],
            'a NUL byte in the recipe'       : ["task('feat/a') { }\n// \u0000\n", 'wtcraft.groovy:2: the recipe holds a NUL byte'],
            'a NUL character in a prompt'    : ["task('feat/a') { prompt 'x\\u0000y' }\n", "wtcraft.groovy:1:1: 'prompt' in task 'feat/a' holds a NUL character"],
            'a NUL byte in a prompt file'    : ["task('feat/a') { prompt file('prompts/nul.md') }\n", 'prompts/nul.md:2: the prompt file holds a NUL byte'],
            'a binary prompt file'           : ["task('feat/a') { prompt file('prompts/image.md') }\n", 'prompts/image.md:1: the prompt file is not UTF-8 text'],
            'a binary recipe'                : [null, 'wtcraft.groovy:1: the recipe is not UTF-8 text'],
    ]

    def "recipes that end wtcraft, never finish, or hold bytes no recipe is made of fail with one line and create nothing"() {
        given:
        Path home = Files.createDirectories(tmp.resolve('home'))
        repo.write('prompts/nul.md', 'first line\nsecond \u0000 line\n')
        Files.write(repo.root.resolve('prompts/image.md'), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0x00] as byte[])
        repo.commit('prompts')
        def report = new AttackReport('recipes against wtcraft itself')
        System.setProperty('wtcraft.eval.timeout', '1s')

        when:
        RECIPES.each { String attack, List recipe ->
            Path file = repo.root.resolve('wtcraft.groovy')
            if (recipe[0] == null) {
                Files.write(file, [0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x00, 0x00, 0x3D, 0xFF, 0x0A] as byte[])
            } else {
                Files.writeString(file, recipe[0])
            }
            boolean ends = attack.contains('exit') || attack.contains('halt')
            Closure<WtcraftRun> cli = ends ? { String... a -> WtcraftProcess.run(repo.root, home, [WTCRAFT_EVAL_TIMEOUT: '1s'], a) }
                    : { String... a -> wtcraft(a) }
            WtcraftRun plan = cli('plan')
            WtcraftRun run = ends && !attack.startsWith('System.exit') ? plan : cli('run')
            boolean nothing = !Files.exists(repo.root.resolve('worktrees')) && !Files.exists(repo.root.resolve('.wtcraft/runs'))
            boolean said = [plan, run].every { it.exitCode == 1 && it.err.readLines().find { it.trim() }?.contains(recipe[1]) && !it.err.contains('internal error') && !it.err.contains('\tat ') }
            report.record(attack, said && nothing, 'refused: exit 1, ' + recipe[1].replaceAll(/^wtcraft: /, '') + '...; nothing created',
                    "plan exit ${plan.exitCode}, run exit ${run.exitCode}, said '${run.err.readLines().find { it.trim() }}', ${nothing ? 'nothing created' : 'created a worktree or ledger'}")
        }

        then:
        report.allStopped()

        cleanup:
        System.clearProperty('wtcraft.eval.timeout')
    }
}
