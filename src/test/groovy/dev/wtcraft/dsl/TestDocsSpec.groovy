package dev.wtcraft.dsl

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** dsl-docs/testing.md documents every keyword of the test-file DSL (each public method of its delegates). */
class TestDocsSpec extends Specification {
    static final String PAGE = Files.readString(Path.of('dsl-docs/testing.md'))

    def "test keyword '#keyword' of #block has a heading in dsl-docs/testing.md"() {
        expect:
        PAGE =~ /(?m)^#+ .*`${keyword}`/

        where:
        [block, keyword] << [TestScript, TestDelegate, RepoDelegate, FakeEngineDelegate, ExpectDelegate].collectMany { c ->
            (Keywords.of(c) + (c == ExpectDelegate ? ['run'] : [])).collect { [c.simpleName, it] }
        }
    }

    def "the DSL reference's index links the test page"() {
        expect:
        Files.readString(Path.of('dsl-docs/README.md')).contains('[testing.md](testing.md)')
    }
}
