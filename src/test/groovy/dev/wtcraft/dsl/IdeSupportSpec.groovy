package dev.wtcraft.dsl

import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files
import java.nio.file.Path

/** The IntelliJ GDSL is generated from the blocks' keywords and dsl-docs/, so the two cannot drift apart. */
class IdeSupportSpec extends WtcraftSpecification {
    static final java.util.function.Function<String, String> PAGES = { String page -> Files.readString(Path.of('dsl-docs', page)) }

    def "the generated GDSL parses and offers every keyword of every block, with its documentation"() {
        when:
        String gdsl = IdeSupport.gdsl(PAGES, 'test')
        new GroovyShell().parse(gdsl, 'wtcraft.gdsl')

        then:
        noExceptionThrown()
        IdeSupport.BLOCKS.every { b -> b.keywords.every { kw -> gdsl.contains("method name: '${kw}'") } }
        gdsl.contains("method name: 'scope', type: 'void', params: ['values': 'java.lang.Object...'], doc: 'The paths the task may change.")
        gdsl.contains("method name: 'required', type: 'void', params: ['value': 'java.lang.Object'], doc: 'Whether the task may finish only with an approving review")
    }

    def "the blocks are the DSL's blocks: every block delegate the build has, none left out"() {
        given:
        def compiled = java.nio.file.Path.of(BlockDelegate.protectionDomain.codeSource.location.toURI()).resolve('dev/wtcraft/dsl')
        def delegates = java.nio.file.Files.list(compiled).toList()*.fileName*.toString()
                .findAll { it.endsWith('.class') && !it.contains('$') }
                .collect { Class.forName('dev.wtcraft.dsl.' + it - '.class') }
                .findAll { BlockDelegate.isAssignableFrom(it) && it != BlockDelegate }

        expect:
        delegates.size() >= 7
        IdeSupport.BLOCKS*.delegate as Set == ([RecipeScript] + delegates) as Set
    }

    def "a keyword without documentation stops the generation, saying where to write it"() {
        given:
        def block = new IdeSupport.Block('task', ['task'], TaskDelegate, ['engine', 'scopes'] as Set, 'task.md', '### ')

        when:
        IdeSupport.doc(PAGES.apply('task.md'), block, 'scopes')

        then:
        def e = thrown(IllegalStateException)
        e.message == "dsl-docs/task.md documents no 'scopes' (the task block): add a '### `scopes`' heading with a paragraph and an example"
    }

    def "wtcraft ide --intellij writes wtcraft.gdsl into the repository"() {
        when:
        def r = wtcraft('ide', '--intellij')
        def none = wtcraft('ide')

        then:
        r.exitCode == 0
        Files.readString(repo.root.resolve('wtcraft.gdsl')).contains("contributor(recipes)")
        none.exitCode == 1
        none.err.trim() == 'wtcraft ide: choose an editor: --intellij'
    }
}
