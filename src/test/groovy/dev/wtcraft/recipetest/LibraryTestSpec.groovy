package dev.wtcraft.recipetest

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.IsolatedDirsSpecification
import dev.wtcraft.support.WtcraftRun

import java.nio.file.Files
import java.nio.file.Path

/**
 * A library's tests catch a broken step: recipes/libraries (the sample library) is copied, one of its steps is broken,
 * and its own tests fail with a message that names the test file, the line and what the step did instead. `lib test`
 * runs a used library's tests at the commit the lock pins, not at what its source holds now.
 */
class LibraryTestSpec extends IsolatedDirsSpecification {
    static final Path SAMPLE = Path.of('recipes/libraries').toAbsolutePath()

    Path copySample(Path to) {
        Files.walk(SAMPLE).each { p ->
            Path target = to.resolve(SAMPLE.relativize(p).toString())
            if (Files.isDirectory(p)) {
                Files.createDirectories(target)
            } else {
                Files.copy(p, target)
            }
        }
        to
    }

    def "the sample library's step tests pass as it ships"() {
        given:
        Path lib = copySample(tmp.resolve('house'))

        when:
        def r = WtcraftRun.run(lib, [:], 'test', 'tests/steps.wtest.groovy')

        then:
        r.exitCode == 0
        r.out.contains('4 tests: 4 passed, 0 failed, 0 errors')
    }

    def "a broken library step makes its test fail with the test's file, line, and what the step did"() {
        given: 'docPage declares its task with the wrong scope'
        Path lib = copySample(tmp.resolve('house'))
        Path step = lib.resolve('vars/docPage.groovy')
        Files.writeString(step, Files.readString(step).replace("scope 'docs/'", "scope 'doc/'"))
        int line = Files.readAllLines(lib.resolve('tests/steps.wtest.groovy'))
                .findIndexOf { it.contains("task('docs/install').outcome == PASSED") } + 1

        when:
        def r = WtcraftRun.run(lib, [:], 'test', 'tests/steps.wtest.groovy')

        then:
        r.exitCode == 10
        r.out.contains("FAIL tests/steps.wtest.groovy:5 docPage declares a docs task that passes when its page is written")
        r.out.contains("tests/steps.wtest.groovy:${line}: test 'docPage declares a docs task that passes when its page is written' expected:")
        r.out.contains("task('docs/install').outcome == PASSED")
        r.out.contains('scope_violation')
        r.out.contains("task 'docs/install' (scope_violation: outside the contract: scope docs/install.md")
        r.out =~ /4 tests: \d passed, [1-4] failed, 0 errors/
    }

    def "lib test runs a used library's own tests at the commit the lock pins"() {
        given: 'the library in a repository of its own, used by the repository at its main branch'
        def lib = GitRepo.create(tmp.resolve('lib'))
        copySample(lib.root.resolve('tree'))
        Files.delete(lib.root.resolve('tree/tests/recipe.wtest.groovy')) // the example recipe's test, not the library's
        ['vars', 'prompts', 'tests'].each { d -> Files.move(lib.root.resolve("tree/${d}"), lib.root.resolve(d)) }
        lib.commit('the house library, v1')
        repo.write('wtcraft.groovy', """\
            libraries { use '${lib.root}@main', as: 'house' }
            engines { shell 'writer', 'mkdir -p docs && echo "# faq" > docs/faq.md' }
            task house.docPage('faq')
            """.stripIndent())
        repo.commit('a recipe that uses house')
        assert wtcraft('lib', 'trust', lib.root.toString()).exitCode == 0
        assert wtcraft('plan').exitCode == 0 // resolves and locks the library

        when:
        def passing = wtcraft('lib', 'test', 'house', '--junit', 'junit.xml')

        then:
        passing.exitCode == 0
        passing.out.contains("library 'house' at ")
        passing.out.contains('PASS tests/steps.wtest.groovy:5 docPage declares a docs task')
        Files.readString(repo.root.resolve('junit.xml')).contains('failures="0"')

        when: 'the library is broken at its source after the lock pinned it'
        Path step = lib.root.resolve('vars/docPage.groovy')
        Files.writeString(step, Files.readString(step).replace("scope 'docs/'", "scope 'doc/'"))
        lib.commit('a broken docPage')

        then: 'the locked commit still passes; after an update the tests catch the break'
        wtcraft('lib', 'test', 'house').exitCode == 0
        wtcraft('lib', 'update', 'house').exitCode == 0
        with(wtcraft('lib', 'test', 'house')) {
            exitCode == 10
            out.contains("FAIL tests/steps.wtest.groovy:5 docPage declares a docs task")
        }
    }

    def "lib test refuses a library the lock does not pin, naming what to run"() {
        expect:
        with(wtcraft('lib', 'test', 'house')) {
            exitCode == 1
            err.contains("pins no library 'house'")
        }
    }
}
