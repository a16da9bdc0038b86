package dev.wtcraft.run

import dev.wtcraft.dsl.RecipeCompiler
import dev.wtcraft.model.Step
import dev.wtcraft.model.TaskDef
import dev.wtcraft.support.WtcraftRun
import dev.wtcraft.support.IsolatedDirsSpecification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * Every example under recipes/ runs end to end in a scratch repository, as a user would run it (its files at the
 * repository's root, `wtcraft run`), with the outcomes its own `// expect:` lines give (every task passed when it
 * has none); and `plan --format json` shows every field each of its tasks set.
 */
class ExampleRecipesSpec extends IsolatedDirsSpecification {
    static final Path RECIPES = Path.of('recipes')
    /** What the spec gives each secret a recipe declares, and looks for in the ledger. */
    static final String SECRET_VALUE = 'example-secret-7f3a9c'


    static List<String> examples() {
        Files.list(RECIPES).withCloseable { s -> s.filter { Files.isDirectory(it) }.collect { it.fileName.toString() }.sort() }
    }

    def "there is an example per DSL feature, each listed in recipes/README.md"() {
        given:
        String readme = Files.readString(RECIPES.resolve('README.md'))

        expect:
        examples().containsAll(['tasks', 'scope', 'verify', 'review', 'engines', 'attempts', 'parallel', 'sandbox',
                                'environment', 'policy', 'setup', 'libraries', 'include', 'pipeline', 'hello'])
        examples().every { readme.contains("`${it}/`") }
    }

    def "recipes/#name runs end to end and every task ends as the recipe expects"() {
        given:
        Map<String, String> env = prepare(name)
        Map<String, Object> expected = expectations(name)

        when:
        WtcraftRun run = wtcraftEnv(env, 'run', '--json')

        then:
        run.exitCode == expected.exit
        run.json.tasks.collectEntries { [it.task, it.outcome] } == expected.outcomes

        and: 'a declared secret is nowhere in the ledger'
        env.isEmpty() || Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { files ->
            files.filter { Files.isRegularFile(it) }.noneMatch { Files.readString(it).contains(SECRET_VALUE) }
        }

        where:
        name << examples()
    }

    def "plan --format json of recipes/#name shows every field its tasks set"() {
        given:
        Map<String, String> env = prepare(name)
        List<TaskDef> tasks = RecipeCompiler.load(repo.root.resolve('wtcraft.groovy')).tasks()

        when:
        WtcraftRun plan = wtcraftEnv(env, 'plan', '--format', 'json')
        Map<String, Map> planned = plan.json.tasks.collectEntries { [it.task, it] }

        then:
        plan.exitCode == 0
        planned.keySet() == tasks*.name() as Set
        tasks.every { TaskDef t ->
            Map<String, Object> declared = t.fields()
            t.keywordLocations().keySet().every { String keyword ->
                String key = [snake(keyword), snake(keyword) + '_seconds'].find { planned[t.name()].containsKey(it) }
                assert key != null, "the plan of ${t.name()} has no field for '${keyword}', which the recipe sets"
                assert shows(declared[keyword], planned[t.name()][key]),
                        "the plan of ${t.name()} shows ${key} = ${planned[t.name()][key]} where the recipe set ${keyword} ${declared[keyword]}"
                true
            }
        }

        where:
        name << examples()
    }

    /** The example's files at the root of the scratch repository, committed; its libraries trusted; its secrets set. */
    private Map<String, String> prepare(String name) {
        Path from = RECIPES.resolve(name)
        Files.walk(from).withCloseable { files ->
            files.filter { Files.isRegularFile(it) }.each { f ->
                Path to = repo.root.resolve(from.relativize(f).toString())
                Files.createDirectories(to.parent)
                Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
            }
        }
        repo.commit("the ${name} example")
        WtcraftRun first = wtcraft('plan')
        (first.err =~ /run: wtcraft lib trust (\S+)/).each { all, String source ->
            assert wtcraft('lib', 'trust', source).exitCode == 0
        }
        WtcraftRun plan = wtcraft('plan', '--format', 'json')
        assert plan.exitCode == 0, "recipes/${name} does not plan: ${plan.err}"
        List<String> secrets = plan.json.tasks.collectMany { it.environment?.secrets ?: [] }.unique()
        secrets.collectEntries { [it, SECRET_VALUE] }
    }

    /** `// expect: TASK OUTCOME` and `// expect: exit N` lines of the recipe; every other task passes. */
    private Map<String, Object> expectations(String name) {
        List<String> lines = Files.readAllLines(RECIPES.resolve(name).resolve('wtcraft.groovy'))
                .findAll { it.startsWith('// expect: ') }.collect { it.substring('// expect: '.length()).trim() }
        Map<String, String> outcomes = RecipeCompiler.load(repo.root.resolve('wtcraft.groovy')).tasks()
                .collectEntries { [it.name(), 'passed'] }
        Integer exit = 0
        lines.each { line ->
            def (String what, String value) = line.split(/\s+/, 2)
            if (what == 'exit') {
                exit = value as Integer
            } else {
                assert outcomes.containsKey(what), "recipes/${name} expects an outcome for '${what}', which is no task of it"
                outcomes[what] = value
            }
        }
        [exit: exit, outcomes: outcomes]
    }

    static String snake(String keyword) {
        keyword.replaceAll(/([A-Z])/) { all, String c -> '_' + c.toLowerCase() }
    }

    /** Whether the plan's value shows what the recipe declared: equal where it is plain, present where it is a block. */
    static boolean shows(Object declared, Object shown) {
        switch (declared) {
            case null: return shown == null                                  // `review false`, `sandbox false`
            case CharSequence: return (shown instanceof Map ? shown.name : shown) == declared.toString()
            case Number: return shown == declared
            case Duration: return shown == ((Duration) declared).seconds
            case List:
                List list = (List) declared
                return list && list[0] instanceof Step ? shown*.command == list*.command() : shown == list
            default: return off(declared) ? shown == null : shown != null  // `setup false`: none, the plan shows none
        }
    }

    /** A block declared empty on purpose: a record whose every component is null or empty. */
    static boolean off(Object declared) {
        declared.class.record && declared.class.recordComponents.every { c ->
            def v = c.accessor.invoke(declared)
            v == null || (v instanceof Collection && v.isEmpty()) || (v instanceof Map && v.isEmpty())
        }
    }
}
