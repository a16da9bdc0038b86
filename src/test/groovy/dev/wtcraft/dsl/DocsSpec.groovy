package dev.wtcraft.dsl

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** dsl-docs/ documents every keyword the DSL understands (the examples under recipes/ run in ExampleRecipesSpec). */
class DocsSpec extends Specification {
    static final Path DOCS = Path.of('dsl-docs')

    def "keyword '#keyword' of #block has a heading in dsl-docs/"() {
        given:
        def text = Files.list(DOCS).filter { it.toString().endsWith('.md') }.collect { Files.readString(it) }.join('\n')

        expect:
        text =~ /(?m)^#+ .*`${keyword}`/

        where:
        [block, keyword] << IdeSupport.BLOCKS.collectMany { b -> b.keywords.collect { [b.name, it] } } // every block the DSL has (IdeSupportSpec)
    }
}
