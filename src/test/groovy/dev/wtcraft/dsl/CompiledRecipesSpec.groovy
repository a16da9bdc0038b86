package dev.wtcraft.dsl

import dev.wtcraft.plan.RecipeException
import dev.wtcraft.support.CacheIsolatedSpecification

import java.nio.file.Files
import java.nio.file.Path

class CompiledRecipesSpec extends CacheIsolatedSpecification {
    List<Path> entries() {
        def root = cache.resolve('recipes')
        Files.isDirectory(root) ? Files.list(root).toList() : []
    }

    def "a second load is served from the cache and builds the same records"() {
        given:
        def file = dir.resolve('wtcraft.groovy')
        Files.writeString(file, "engines { shell 'e', 'true' }\n(1..3).each { n -> task(\"feat/t\${n}\") { engine 'e'; scope \"s\${n}/\" } }\n")

        when:
        def first = RecipeCompiler.load(file)
        def stored = entries()
        def second = RecipeCompiler.load(file)

        then:
        stored.size() == 1
        Files.readAllLines(stored[0].resolve('classes.txt')).size() > 1   // the script and its closures
        entries() == stored
        second.tasks()*.name() == first.tasks()*.name()
        second.tasks()*.scope() == first.tasks()*.scope()
        second.sha256() == first.sha256()
    }

    def "errors from cached classes still name the recipe's line"() {
        given:
        def file = dir.resolve('wtcraft.groovy')
        Files.writeString(file, "task('feat/a') {\n    scopes 'x'\n}\n")

        when:
        RecipeCompiler.load(file)

        then:
        def first = thrown(RecipeException)
        entries().size() == 1

        when:
        RecipeCompiler.load(file)

        then:
        def again = thrown(RecipeException)
        again.message == first.message
        again.message == "wtcraft.groovy:2:5: unknown keyword 'scopes' in task 'feat/a'; did you mean 'scope'?"
    }

    def "a corrupt entry is ignored and replaced; changed text gets a new entry"() {
        given:
        def file = dir.resolve('wtcraft.groovy')
        Files.writeString(file, "task('feat/a') { scope 'a/' }\n")
        RecipeCompiler.load(file)
        def entry = entries()[0]
        Files.list(entry).filter { it.toString().endsWith('.class') }.each { Files.write(it, 'garbage'.bytes) }

        when:
        def recipe = RecipeCompiler.load(file)

        then:
        recipe.tasks()*.name() == ['feat/a']

        when:
        Files.writeString(file, "task('feat/b') { scope 'b/' }\n")

        then:
        RecipeCompiler.load(file).tasks()*.name() == ['feat/b']
        entries().size() == 2
    }
}
