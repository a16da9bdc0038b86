package dev.wtcraft.dsl

import dev.wtcraft.support.WtcraftSpecification

import java.lang.reflect.Method
import java.lang.reflect.Modifier
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
        IdeSupport.BLOCKS.every { b -> b.keywords.every { kw -> gdsl.contains("name: '${kw}'") } }
        gdsl.contains("method name: 'scope', type: 'void', params: ['values': 'java.lang.Object...'], doc: 'The paths the task may change.")
        gdsl.contains("method name: 'required', type: 'void', params: ['value': 'java.lang.Object'], doc: 'Whether the task may finish only with an approving review")
        gdsl.contains("method name: 'task', type: 'dev.wtcraft.dsl.TaskTemplate', params: ['value': 'java.lang.Object', 'body': 'groovy.lang.Closure'], doc: '`task(\\'type/name\\') { ... }` returns a task")
        gdsl.contains("property name: 'library', type: 'dev.wtcraft.dsl.RecipeLibrary', doc: 'The library itself, to call its other steps")
        gdsl.contains("method name: 'file', type: 'dev.wtcraft.model.Prompt', params: ['value': 'java.lang.Object'], doc: 'Reads a file relative to the recipe")
    }

    def "every method a recipe can call in a block is in that block's part of the GDSL"() {
        given:
        Map<String, String> parts = parts(IdeSupport.gdsl(PAGES, 'test'))

        expect:
        parts.keySet() == IdeSupport.BLOCKS*.name as Set
        IdeSupport.BLOCKS.each { b ->
            def offered = (parts[b.name] =~ /(?:method|property) name: '([^']+)'/).collect { it[1] } as Set
            def callable = callable(b.delegate) + b.names
            assert callable - offered == [] as Set, "the ${b.name} block's GDSL misses ${callable - offered}"
            assert offered - callable == [] as Set, "the ${b.name} block's GDSL offers what it cannot call: ${offered - callable}"
        }
    }

    /** A delegate that gained a keyword nobody documented. */
    static class GainedDelegate extends VerifyDelegate {
        GainedDelegate() {
            super(null, 'x')
        }

        void retries(Object n) {
        }
    }

    def "a keyword a delegate gains is a keyword at once, and the IDE file is not generated until it is documented"() {
        given:
        def gained = new IdeSupport.Block('verify', ['verify'], GainedDelegate, 'verify.md', '### ')

        expect:
        Keywords.of(GainedDelegate) == ['file', 'retries', 'run'] as Set
        callable(GainedDelegate) == Keywords.of(GainedDelegate)

        when:
        IdeSupport.gdsl(PAGES, 'test', [gained])

        then:
        def e = thrown(IllegalStateException)
        e.message == "dsl-docs/verify.md documents no 'retries' (the verify block): add a '### `retries`' heading with a paragraph and an example"
    }

    def "the blocks are the DSL's blocks: every block delegate the build has, none left out"() {
        given:
        def compiled = Path.of(BlockDelegate.protectionDomain.codeSource.location.toURI()).resolve('dev/wtcraft/dsl')
        def delegates = Files.list(compiled).toList()*.fileName*.toString()
                .findAll { it.endsWith('.class') && !it.contains('$') }
                .collect { Class.forName('dev.wtcraft.dsl.' + it - '.class') }
                .findAll { BlockDelegate.isAssignableFrom(it) && it != BlockDelegate }

        expect:
        delegates.size() >= 7
        IdeSupport.BLOCKS*.delegate as Set == ([RecipeScript, LibraryScript] + delegates) as Set
    }

    def "a keyword without documentation stops the generation, saying where to write it"() {
        given:
        def block = new IdeSupport.Block('task', ['task'], TaskDelegate, 'task.md', '### ')

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

    /**
     * What a block's closure can call, found without Keywords: every public instance method a class of the DSL
     * declares in the delegate's hierarchy, but Groovy's hooks and the accessors of its real properties.
     */
    static Set<String> callable(Class<?> delegate) {
        Set<String> accessors = delegate.metaClass.properties.collectMany { p ->
            def n = p.name.capitalize()
            ['get' + n, 'set' + n, 'is' + n]
        } as Set
        Set<String> hooks = GroovyObject.methods*.name + ['methodMissing', 'propertyMissing'] as Set
        delegate.methods.findAll { Method m ->
            Modifier.isPublic(m.modifiers) && !Modifier.isStatic(m.modifiers) && !m.synthetic &&
                    m.declaringClass.name.startsWith('dev.wtcraft.dsl.') && !m.name.contains('$') &&
                    !(m.name in accessors) && !(m.name in hooks)
        }*.name as Set
    }

    /** The GDSL cut into its blocks' parts, by the comment that opens each. */
    private static Map<String, String> parts(String gdsl) {
        Map<String, String> parts = [:]
        String current = null
        gdsl.readLines().each { line ->
            def m = line =~ /^\s*\/\/ ([a-z ]+?)(?:, and its blocks.*)?$/
            if (m.matches() && IdeSupport.BLOCKS.any { it.name == m.group(1) }) {
                current = m.group(1)
                parts[current] = ''
            } else if (current != null) {
                parts[current] += line + '\n'
            }
        }
        parts
    }
}
