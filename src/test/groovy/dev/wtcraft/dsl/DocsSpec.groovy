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
        [block, keyword] << [
                ['top level', RecipeScript.KEYWORDS],
                ['wtcraft { }', DefaultsDelegate.KEYWORDS],
                ['engines { }', EnginesDelegate.KEYWORDS],
                ['an agent engine', AgentEngineDelegate.KEYWORDS],
                ['task { }', TaskDelegate.KEYWORDS],
                ['verify { }', VerifyDelegate.KEYWORDS],
                ['review { }', ReviewDelegate.KEYWORDS],
                ['libraries { }', LibrariesDelegate.KEYWORDS],
                ['sandbox { }', SandboxDelegate.KEYWORDS],
                ['environment { }', EnvironmentDelegate.KEYWORDS],
                ['policy { }', PolicyDelegate.KEYWORDS],
                ['setup { }', SetupDelegate.KEYWORDS],
                ['a library step', LibraryScript.KEYWORDS],
        ].collectMany { b, ks -> ks.collect { [b, it] } }
    }
}
