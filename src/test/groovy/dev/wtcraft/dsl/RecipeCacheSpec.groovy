package dev.wtcraft.dsl

import dev.wtcraft.plan.RecipeCache
import dev.wtcraft.support.CacheIsolatedSpecification

import java.nio.file.Files
import java.nio.file.Path

/** Evaluated recipes are reused only when the compiler found them pure and every file they read is unchanged. */
class RecipeCacheSpec extends CacheIsolatedSpecification {
    Path recipe(String text) {
        def file = dir.resolve('wtcraft.groovy')
        Files.writeString(file, text.stripIndent())
        file
    }

    def "a pure recipe's evaluation is stored, and read back as the same records"() {
        given:
        Files.createDirectories(dir.resolve('prompts'))
        Files.writeString(dir.resolve('prompts/a.md'), 'Do A.\n')
        Files.writeString(dir.resolve('common.groovy'), "engines { shell 'e', 'true' }\n")
        def file = recipe('''\
            include 'common.groovy'
            wtcraft { base 'main'; timeout '30m'; budget tokens: 1000, usd: 2.5; review { engine 'claude'; required false } }
            def services = [[name: 'api', dir: 'api/'], [name: 'web', dir: 'web/']]
            def scoped = { String d -> d + '**' }
            services.eachWithIndex { s, i ->
                task("feat/${s.name}") {
                    engine 'e'
                    prompt i == 0 ? file('prompts/a.md') : "Do ${s.name.toUpperCase()}."
                    scope scoped(s.dir)
                    offLimits 'package.json'
                    verify { run 'true', timeout: '1m' }
                    attempts 2
                    review false
                }
            }
            task('feat/all') { dependsOn 'feat/api', 'feat/web'; group 'g'; budget usd: 1 }
            ''')

        when:
        def compiled = RecipeCompiler.load(file)
        def cached = RecipeCache.lookup(file)

        then:
        cached.isPresent()
        cached.get() == compiled                                 // records: every field, every task, every location
        compiled.tasks()[0].prompt().text() == 'Do A.\n'
        compiled.tasks()[1].prompt().text() == 'Do WEB.'
    }

    def "an impure recipe is evaluated every time: #why"() {
        given:
        def file = recipe("engines { shell 'e', 'true' }\n${code}\ntask('feat/a') { engine 'e'; scope x }\n")

        when:
        RecipeCompiler.load(file)

        then:
        !RecipeCache.lookup(file).isPresent()

        where:
        why                               | code
        'it reads the environment'        | "def x = System.getenv('HOME') ?: 'src/'"
        'it reads the clock'              | "def x = 'd' + new Date().time + '/'"
        'it runs a command'               | "def x = 'echo src/'.execute().text.trim()"
        'it reads a file by itself'       | "def x = new File('scope.txt').exists() ? 'a/' : 'src/'"
        'it converts to a File'           | "def x = ('scope.txt' as File).name"
        'it evaluates code'               | "def x = evaluate('\"src/\"')"
        'it prints'                       | "def x = 'src/'; println x"
    }

    def "a changed prompt file or included file is a miss; the next evaluation is stored again"() {
        given:
        Files.writeString(dir.resolve('p.md'), 'one\n')
        Files.writeString(dir.resolve('inc.groovy'), "engines { shell 'e', 'true' }\n")
        def file = recipe("include 'inc.groovy'\ntask('feat/a') { engine 'e'; prompt file('p.md') }\n")
        RecipeCompiler.load(file)
        assert RecipeCache.lookup(file).isPresent()

        when:
        Files.writeString(dir.resolve('p.md'), 'two\n')
        def afterPrompt = RecipeCache.lookup(file)
        def again = RecipeCompiler.load(file)
        Files.writeString(dir.resolve('inc.groovy'), "engines { shell 'e', 'false' }\n")
        def afterInclude = RecipeCache.lookup(file)

        then:
        !afterPrompt.isPresent()
        again.tasks()[0].prompt().text() == 'two\n'
        !afterInclude.isPresent()
        RecipeCompiler.load(file).engines()['e'].command() == 'false'
        RecipeCache.lookup(file).get().engines()['e'].command() == 'false'
    }

    def "a corrupt entry is ignored and replaced"() {
        given:
        def file = recipe("engines { shell 'e', 'true' }\ntask('feat/a') { engine 'e' }\n")
        RecipeCompiler.load(file)
        def entries = Files.list(cache.resolve('models')).toList()
        assert entries.size() == 1

        when:
        Files.write(entries[0], 'garbage'.bytes)
        def corrupt = RecipeCache.lookup(file)
        RecipeCompiler.load(file)

        then:
        !corrupt.isPresent()
        RecipeCache.lookup(file).get().tasks()*.name() == ['feat/a']
    }
}
