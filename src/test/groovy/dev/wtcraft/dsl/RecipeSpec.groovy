package dev.wtcraft.dsl

import dev.wtcraft.model.EngineKind
import dev.wtcraft.plan.Plan
import dev.wtcraft.plan.RecipeException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

class RecipeSpec extends Specification {
    @TempDir
    Path dir

    Path write(String name, String text) {
        Path f = dir.resolve(name)
        Files.createDirectories(f.parent)
        Files.writeString(f, text.stripIndent())
        f
    }

    def "the issue's example recipe builds the records it describes"() {
        given:
        write('prompts/auth.md', 'Add login.\n')
        def file = write('wtcraft.groovy', '''\
            wtcraft { base 'main' }                                  // defaults for every task

            engines {
                codex  { model 'gpt-5.1-codex' }
                shell 'fmt', 'npx prettier --write src'
            }

            task('feat/auth') {
                engine 'codex'
                prompt file('prompts/auth.md')
                scope 'src/auth/**', 'test/auth/**'
                offLimits 'package.json', '.env*'
                timeout '30m'
                verify {
                    run 'npm test'
                    run 'npm run lint', timeout: '5m'
                }
            }

            task('docs/auth') {
                dependsOn 'feat/auth'
                engine 'fmt'
                scope 'docs/**'
                verify { run 'test -s docs/auth.md' }
            }
            ''')

        when:
        def recipe = RecipeCompiler.load(file)
        def plan = Plan.of(recipe, [])

        then:
        recipe.defaults().base() == 'main'
        recipe.engines().keySet().toList() == ['codex', 'fmt']
        recipe.engines().codex.kind() == EngineKind.CODEX
        recipe.engines().codex.model() == 'gpt-5.1-codex'
        recipe.engines().fmt.command() == 'npx prettier --write src'
        def auth = recipe.task('feat/auth').get()
        auth.prompt().text() == 'Add login.\n'
        auth.scope() == ['src/auth/**', 'test/auth/**']
        auth.offLimits() == ['package.json', '.env*']
        auth.timeout() == Duration.ofMinutes(30)
        auth.verify()*.command() == ['npm test', 'npm run lint']
        auth.verify()*.timeout() == [null, Duration.ofMinutes(5)]
        auth.location().line() == 8
        recipe.task('docs/auth').get().dependsOn() == ['feat/auth']
        plan.order()*.name() == ['feat/auth', 'docs/auth']
        recipe.sha256() ==~ /[0-9a-f]{64}/
    }

    def "include pulls in tasks and engines from another file, relative to the including file"() {
        given:
        write('lib/shared.groovy', '''\
            engines { shell 'lint', 'true' }
            task('chore/lint') { engine 'lint' }
            ''')
        def file = write('wtcraft.groovy', '''\
            include 'lib/shared.groovy'
            task('feat/x') { dependsOn 'chore/lint' }
            ''')

        when:
        def recipe = RecipeCompiler.load(file)

        then:
        recipe.tasks()*.name() == ['chore/lint', 'feat/x']
        recipe.engines().keySet() == ['lint'] as Set
        recipe.task('chore/lint').get().location().display() == 'lib/shared.groovy'
    }

    def "recipes are code: loops, variables and string interpolation work"() {
        given:
        def file = write('wtcraft.groovy', '''\
            def modules = ['api', 'web']
            modules.each { m ->
                task("feat/${m}") {
                    scope "${m}/"
                    verify { ['a', 'b'].each { run "echo ${m}-${it}" } }
                }
            }
            ''')

        when:
        def recipe = RecipeCompiler.load(file)

        then:
        recipe.tasks()*.name() == ['feat/api', 'feat/web']
        recipe.task('feat/web').get().verify()*.command() == ['echo web-a', 'echo web-b']
    }

    def "#why is reported at #where: #message"() {
        given:
        write('other.groovy', "task('feat/a') { }\ninclude 'wtcraft.groovy'\n")
        def file = write('wtcraft.groovy', text)

        when:
        def recipe = RecipeCompiler.load(file)
        Plan.of(recipe, [])

        then:
        def e = thrown(RecipeException)
        e.message == "${where}: ${message}".replace('DIR', dir.toString())
        e.render().readLines().size() == 3
        e.render().readLines()[2] ==~ /\s+\| {${where.split(':')[2] as int}}\^/

        where:
        why                       | text                                                                   || where                 | message
        'a syntax error'          | "task('feat/a') {\n    scope 'src/'\n"                                  || 'wtcraft.groovy:3:1'  | "Unexpected input: '('feat/a') {...'; the file ended inside a block: is a '{', '(' or quote not closed?"
        'an unknown keyword'      | "task('feat/auth') {\n    scopes 'src/**'\n}\n"                         || 'wtcraft.groovy:2:5'  | "unknown keyword 'scopes' in task 'feat/auth'; did you mean 'scope'?"
        'an unknown top keyword'  | "tsk('feat/a') { }\n"                                                   || 'wtcraft.groovy:1:1'  | "unknown keyword 'tsk'; did you mean 'task'?"
        'a wrong argument type'   | "task('feat/a') {\n  scope 42\n}\n"                                     || 'wtcraft.groovy:2:3'  | "wrong argument for 'scope' in task 'feat/a': expected text, got 42 (Integer)"
        'a bad duration'          | "task('feat/a') {\n  timeout 'soon'\n}\n"                               || 'wtcraft.groovy:2:3'  | "invalid duration 'soon' for 'timeout' in task 'feat/a': use forms like 90s, 5m, 1h30m"
        'an unknown run option'   | "task('feat/a') {\n  verify {\n    run 'x', timeot: '1m'\n  }\n}\n"      || 'wtcraft.groovy:3:5'  | "unknown option 'timeot' for 'run' in the verify block of task 'feat/a'; did you mean 'timeout'?"
        'a duplicate task'        | "task('feat/a') { }\n\ntask('feat/a') { }\n"                            || 'wtcraft.groovy:3:1'  | "duplicate task 'feat/a' (first declared at wtcraft.groovy:1:1)"
        'an unknown engine'       | "engines { shell 'fmt', 'true' }\ntask('feat/a') {\n  engine 'fmtt'\n}\n" || 'wtcraft.groovy:3:3' | "unknown engine 'fmtt' in task 'feat/a'; did you mean 'fmt'? (declare it in engines { } or use one of fmt, codex, claude, gemini)"
        'a dangling dependsOn'    | "task('feat/auth') { }\ntask('docs/a') {\n  dependsOn 'feat/auht'\n}\n" || 'wtcraft.groovy:3:3'  | "task 'docs/a' depends on 'feat/auht', which no task declares; did you mean 'feat/auth'?"
        'a dependency cycle'      | "task('a/x') {\n  dependsOn 'b/y'\n}\ntask('b/y') {\n  dependsOn 'a/x'\n}\n" || 'wtcraft.groovy:2:3' | 'dependency cycle: a/x -> b/y -> a/x'
        'recipe code that throws' | "def n = 0\nint x = 10 / n\n"                                            || 'wtcraft.groovy:2:1'  | 'recipe code threw ArithmeticException: Division by zero'
        'an unknown variable'     | "task('feat/a') {\n  scope srcDir\n}\n"                                 || 'wtcraft.groovy:2:3'  | "unknown name 'srcDir' in task 'feat/a' (recipe variables are declared with def)"
        'a bad task name'         | "task('login') { }\n"                                                   || 'wtcraft.groovy:1:1'  | 'task name must be <type>/<name>, like feat/login: login'
        '@Grab'                   | "@Grab('org.example:lib:1.0')\nimport org.example.Lib\n"               || 'wtcraft.groovy:1:1'  | '@Grab is disabled in recipes: wtcraft does not fetch dependencies for recipe code'
        'a missing prompt file'   | "task('feat/a') {\n  prompt file('nope.md')\n}\n"                      || 'wtcraft.groovy:2:3'  | 'prompt file not found: nope.md (looked for DIR/nope.md)'
        'an include cycle'        | "include 'other.groovy'\n"                                              || 'other.groovy:2:1'    | 'include cycle: wtcraft.groovy -> other.groovy -> wtcraft.groovy'
    }
}
