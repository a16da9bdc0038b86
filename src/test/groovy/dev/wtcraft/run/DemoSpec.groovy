package dev.wtcraft.run

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

class DemoSpec extends Specification {
    @TempDir
    Path cwd

    def "demo runs the hello recipe in a scratch repository: one task passes review and lands, one strays and is caught"() {
        when:
        def run = WtcraftRun.run(cwd, [:], 'demo')
        def scratch = Path.of(run.out.readLines().find { it.startsWith('scratch repository: ') }.substring(20))

        then:
        run.exitCode == 0
        run.out.contains('[docs/greeting] check failed: scope package.json, off_limits package.json (package.json)')
        run.out =~ /feat\/greeting\s+passed/
        run.out =~ /docs\/greeting\s+scope_violation/
        run.out.contains('ledger: .wtcraft/runs/')
        run.out.contains('[feat/greeting] review approve by reviewer: the change stays in src/ and its verification passed')
        run.out.contains('  feat/greeting: landed on main as ')
        run.out.contains('  docs/greeting: not ready: check failed (run wtcraft check docs/greeting)')
        GitRepo.gitIn(scratch, 'show', 'main:src/hello.txt') == 'hello, world\n'
        Files.readString(Path.of(run.out.readLines().find { it.startsWith('wtcraft report --html: ') }.substring(23)))
                .contains('data-outcome="scope_violation"')
        !scratch.startsWith(cwd)
        Files.list(cwd).count() == 0

        cleanup:
        scratch?.parent?.toFile()?.deleteDir()
    }

    def "the demo's file list names exactly the files of recipes/hello"() {
        given:
        def dir = Path.of('recipes/hello')
        def listed = Files.readAllLines(dir.resolve('FILES')).findAll { it.trim() } as Set
        def present = [] as Set
        Files.walk(dir).filter { Files.isRegularFile(it) }.forEach { present << dir.relativize(it).toString() }
        present.remove('FILES')

        expect:
        listed == present
    }
}
