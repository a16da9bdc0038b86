package dev.wtcraft.library

import dev.wtcraft.dsl.RecipeCompiler
import dev.wtcraft.plan.RecipeCache
import dev.wtcraft.plan.RecipeException
import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * Recipe libraries end to end: a real library repository (git, file URL), tagged, used from a recipe in another
 * repository, through the real command line.
 */
class LibrariesSpec extends WtcraftSpecification {
    @TempDir
    Path cache
    @TempDir
    Path config

    Path lib
    String libUrl
    private Map<String, String> before = [:]

    def setup() {
        ['wtcraft.cache.dir': cache, 'wtcraft.config.dir': config].each { k, v ->
            before[k] = System.getProperty(k)
            System.setProperty(k, v.toString())
        }
        lib = tmp.resolve('acme-recipes')
        Files.createDirectories(lib)
        libGit('init', '-q', '-b', 'main')
        libGit('config', 'user.email', 'lib@example.com')
        libGit('config', 'user.name', 'Library')
        GitRepo.writeIn(lib, 'vars/standardChecks.groovy', '''\
            def call() {
                return {
                    run 'test -f README.md'
                    run 'echo checks-v1'
                }
            }
            '''.stripIndent())
        GitRepo.writeIn(lib, 'vars/bumpDependency.groovy', '''\
            def call(String artifact) {
                def text = prompt('bump', artifact: artifact, version: com.acme.Versions.latest(artifact))
                task("deps/bump-${artifact}") {
                    prompt text
                    scope 'pom.xml'
                    verify library.standardChecks()
                }
            }
            '''.stripIndent())
        GitRepo.writeIn(lib, 'vars/docsTask.groovy', '''\
            def call(String what) {
                task("docs/${what}") {
                    prompt 'bump', artifact: what, version: 'now'
                }
            }
            '''.stripIndent())
        GitRepo.writeIn(lib, 'src/com/acme/Versions.groovy', '''\
            package com.acme

            class Versions {
                static String latest(String artifact) {
                    artifact == 'jackson' ? '2.22.4' : '1.0'
                }
            }
            '''.stripIndent())
        GitRepo.writeIn(lib, 'prompts/bump.md', 'Bump {{artifact}} to {{version}}; keep $HOME and \\\\n as they are.\n')
        GitRepo.writeIn(lib, 'README.md', 'not copied\n')
        libCommit('v1 of the library')
        libGit('tag', '-a', 'v1', '-m', 'v1')
        libUrl = 'file://' + lib
        repo.write('wtcraft.groovy', """\
            libraries {
                use '${libUrl}@v1', as: 'acme'
            }

            task acme.bumpDependency('jackson')
            task('docs/readme') {
                prompt acme.prompt('bump', artifact: 'readme', version: 'next\\\$1')
                verify acme.standardChecks()
            }
            """.stripIndent())
        repo.commit('a recipe that uses the acme library')
    }

    def cleanup() {
        before.each { k, v -> v == null ? System.clearProperty(k) : System.setProperty(k, v) }
    }

    private String libGit(String... args) {
        GitRepo.gitIn(lib, args)
    }

    private void libCommit(String message) {
        libGit('add', '-A')
        libGit('commit', '-q', '-m', message)
    }

    private String libHead() {
        libGit('rev-parse', 'HEAD').trim()
    }

    private void trust() {
        assert wtcraft('lib', 'trust', libUrl).exitCode == 0
    }

    private Map lock() {
        new JsonSlurper().parse(repo.root.resolve('wtcraft.lock').toFile()) as Map
    }

    /** Removes a run's task worktrees and branches, so the next run starts clean. */
    private void forgetRun() {
        ['deps/bump-jackson', 'docs/readme'].each {
            if (Files.exists(repo.worktree(it))) {
                repo.git('worktree', 'remove', '--force', repo.worktree(it).toString())
            }
            if (repo.git('branch', '--list', it).trim()) {
                repo.git('branch', '-D', it)
            }
        }
    }

    def "a run resolves the library at its tag, writes the lock, and uses its steps, classes and prompts"() {
        given:
        trust()
        String v1 = libHead()

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        run.json.tasks*.task == ['deps/bump-jackson', 'docs/readme']
        run.json.tasks*.outcome == ['passed', 'passed']

        and: 'the lock pins the commit the tag named, with the content hash'
        def pinned = lock().libraries
        pinned.size() == 1
        pinned[0].name == 'acme'
        pinned[0].source == libUrl
        pinned[0].ref == 'v1'
        pinned[0].commit == v1
        pinned[0].sha256 ==~ /[0-9a-f]{64}/

        and: 'the run\'s ledger records the libraries it used'
        Path runJson = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w -> w.filter { it.fileName.toString() == 'run.json' }.findFirst().get() }
        new JsonSlurper().parse(runJson.toFile()).libraries == [[name: 'acme', source: libUrl, ref: 'v1', commit: v1, sha256: pinned[0].sha256]]

        and: 'the task came from the library step, with its prompt filled and its verification'
        def recipe = RecipeCompiler.load(repo.root.resolve('wtcraft.groovy'))
        def bump = recipe.task('deps/bump-jackson').get()
        bump.prompt().text() == 'Bump jackson to 2.22.4; keep $HOME and \\\\n as they are.\n'
        bump.scope() == ['pom.xml']
        bump.verify()*.command() == ['test -f README.md', 'echo checks-v1']
        recipe.task('docs/readme').get().prompt().text().startsWith('Bump readme to next$1;')
        recipe.libraries()*.commit() == [v1]

        and: 'a step\'s task block reads the library\'s prompts too'
        def compiled = RecipeCompiler.load(repo.root.resolve('wtcraft.groovy'))
        compiled.task('docs/readme').present
        new dev.wtcraft.dsl.RecipeCompiler().with {
            repo.write('other.groovy', "libraries {\n    use '${libUrl}@v1', as: 'acme'\n}\ntask acme.docsTask('api')\n")
            it.compile(repo.root.resolve('other.groovy')).task('docs/api').get().prompt().text()
        } == 'Bump api to now; keep $HOME and \\\\n as they are.\n'

        and: 'each recipe has a lock of its own'
        Files.isRegularFile(repo.root.resolve('other.lock'))
        lock().libraries*.name == ['acme']

        and: 'the cache holds only the library files, keyed by source and commit'
        Path copy = new LibraryStore(cache.resolve('libraries')).cached(libUrl, v1)
        copy != null
        Files.isRegularFile(copy.resolve('vars/bumpDependency.groovy'))
        Files.isRegularFile(copy.resolve('prompts/bump.md'))
        !Files.exists(copy.resolve('README.md'))

        and: 'lib list shows what is in use'
        def list = wtcraft('lib', 'list', '--json')
        list.exitCode == 0
        list.json.libraries*.name == ['acme']
        list.json.libraries[0].commit == v1
        list.json.libraries[0].cached == true
        list.json.libraries[0].trusted == true
    }

    def "a second run works from the cache with the library's origin gone"() {
        given:
        trust()
        assert wtcraft('run').exitCode == 0
        forgetRun()
        Path away = tmp.resolve('moved-away')
        Files.move(lib, away)
        RecipeCompiler.load(repo.root.resolve('wtcraft.groovy')) // evaluated again, not from the recipe cache

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        run.json.tasks*.outcome == ['passed', 'passed']
        run.err.contains("library 'acme': cannot reach ${libUrl}")
        run.err.contains('using the locked commit')
    }

    def "a moved tag stops the run with what to do, until lib update takes the new commit"() {
        given:
        trust()
        String v1 = libHead()
        assert wtcraft('run').exitCode == 0
        forgetRun()
        GitRepo.writeIn(lib, 'vars/standardChecks.groovy', '''\
            def call() {
                return { run 'echo checks-v2' }
            }
            '''.stripIndent())
        libCommit('v2 of the checks')
        libGit('tag', '-f', '-a', 'v1', '-m', 'moved')
        String v2 = libHead()

        when:
        def moved = wtcraft('run')

        then:
        moved.exitCode == 1
        moved.err.trim() == "wtcraft run: library 'acme': 'v1' of ${libUrl} has moved to ${v2.take(12)}, but wtcraft.lock pins ${v1.take(12)}: " +
                "run wtcraft lib update acme to take the new commit (or write @${v1} to stay)"
        lock().libraries[0].commit == v1
        !Files.exists(repo.worktree('docs/readme'))

        when:
        def update = wtcraft('lib', 'update', 'acme')

        then:
        update.exitCode == 0
        update.out.trim() == "acme: v1 ${v1.take(12)} -> ${v2.take(12)}"
        lock().libraries[0].commit == v2

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        RecipeCompiler.load(repo.root.resolve('wtcraft.groovy')).task('docs/readme').get().verify()*.command() == ['echo checks-v2']
    }

    def "files that do not match the lock's hash are refused"() {
        given:
        trust()
        assert wtcraft('plan').exitCode == 0
        def text = Files.readString(repo.root.resolve('wtcraft.lock'))
        String sha = lock().libraries[0].sha256
        Files.writeString(repo.root.resolve('wtcraft.lock'), text.replace(sha, 'f' * 64))

        when:
        def plan = wtcraft('plan')

        then:
        plan.exitCode == 1
        plan.err.startsWith('wtcraft.groovy:2:5: library \'acme\': the files of commit ')
        plan.err.contains("do not match wtcraft.lock (locked sha256 ffffffffffff, found ${sha.take(12)}): run wtcraft lib update acme")
    }

    def "a library with a symbolic link is refused, and nothing of it is cached"() {
        given:
        trust()
        Files.createSymbolicLink(lib.resolve('prompts/passwd.md'), Path.of('/etc/passwd'))
        libCommit('a link out of the library')
        libGit('tag', '-f', '-a', 'v1', '-m', 'with a link')

        when:
        def plan = wtcraft('plan')

        then:
        plan.exitCode == 1
        plan.err.contains("library 'acme' refused at commit ${libHead().take(12)}: 'prompts/passwd.md' is a symbolic link")
        new LibraryStore(cache.resolve('libraries')).cached(libUrl, libHead()) == null
        !Files.exists(repo.root.resolve('wtcraft.lock'))
    }

    def "a library with a '..' path is refused"() {
        given: 'a tree git itself would never write, made by hand'
        trust()
        String blob = libGit('rev-parse', 'HEAD:vars/standardChecks.groovy').trim()
        String inner = mktree("100644 blob ${blob}\tevil.groovy\n")
        String vars = mktree("040000 tree ${inner}\t..\n100644 blob ${blob}\tstandardChecks.groovy\n")
        String top = mktree("040000 tree ${vars}\tvars\n")
        String commit = libGit('commit-tree', '-m', 'escape', top).trim()
        libGit('tag', '-f', 'v1', commit)

        when:
        def plan = wtcraft('plan')

        then:
        plan.exitCode == 1
        plan.err.contains("library 'acme' refused at commit ${commit.take(12)}: the path 'vars/../evil.groovy' has an empty, '.' or '..' component")
        new LibraryStore(cache.resolve('libraries')).cached(libUrl, commit) == null
        !Files.exists(tmp.resolve('evil.groovy'))
    }

    private String mktree(String entries) {
        def p = new ProcessBuilder('git', 'mktree').directory(lib.toFile()).start()
        p.outputStream.withCloseable { it.write(entries.getBytes('UTF-8')) }
        String out = p.inputStream.text.trim()
        assert p.waitFor() == 0
        out
    }

    def "an untrusted source is refused when nobody can be asked"() {
        when:
        def plan = wtcraft('plan')

        then:
        plan.exitCode == 1
        plan.err.readLines()[0] == "wtcraft.groovy:2:5: library 'acme' comes from ${libUrl}, which you have not trusted: " +
                "read it, then run: wtcraft lib trust ${libUrl} (trust is stored per user in ${config.resolve('trusted-libraries')})"
        !Files.exists(repo.root.resolve('wtcraft.lock'))
        !Files.exists(cache.resolve('libraries'))

        when: 'trusted once, for this user'
        trust()

        then:
        wtcraft('plan').exitCode == 0
        Files.readAllLines(config.resolve('trusted-libraries')).contains(libUrl)
    }

    def "a library's recipe is cached, and a new lock is a new evaluation"() {
        given:
        trust()
        Path recipe = repo.root.resolve('wtcraft.groovy')
        RecipeCompiler.load(recipe)

        expect: 'steps, classes and prompts of a pure library keep the recipe pure'
        RecipeCache.lookup(recipe).present
        RecipeCache.lookup(recipe).get().libraries()*.name() == ['acme']

        when:
        GitRepo.writeIn(lib, 'vars/standardChecks.groovy', "def call() { return { run 'echo v3' } }\n")
        libCommit('v3')
        libGit('tag', '-f', '-a', 'v1', '-m', 'v3')
        assert wtcraft('lib', 'update').exitCode == 0

        then:
        !RecipeCache.lookup(recipe).present || RecipeCache.lookup(recipe).get().libraries()[0].commit() == libHead()
        RecipeCompiler.load(recipe).task('docs/readme').get().verify()*.command() == ['echo v3']
    }

    def "mistakes in the libraries block and in calls name the line"() {
        given:
        trust()

        expect:
        error(text) == message

        where:
        text                                                                  || message
        "def v = 'x'\nlibraries {\n    use \"\${v}@v1\"\n}\n"                 || "wtcraft.groovy:3:5: 'use' takes literal text ('...'): libraries are read before the recipe runs, so variables and \${} cannot be used here"
        "libraries {\n    use 'LIB@v1', as: 'task'\n}\n"                     || "wtcraft.groovy:2:5: library name 'task' is a recipe keyword: choose another with as: 'name'"
        "libraries {\n    use 'LIB@v1', as: 'a'\n    use 'LIB@v1', as: 'a'\n}\n" || "wtcraft.groovy:3:5: library name 'a' is used twice (first at line 2): give one of them another as: name"
        "libraries {\n    use 'LIB@v1', as: 'acme'\n}\ntask acme.standardCheck()\n" || "wtcraft.groovy:4:1: library 'acme' has no step 'standardCheck'; did you mean 'standardChecks'? (its steps: bumpDependency, docsTask, standardChecks; a step is vars/NAME.groovy with a call method)"
        "libraries {\n    use 'LIB@v1', as: 'acme'\n}\ntask('x') { prompt acme.prompt('bump') }\n" || "wtcraft.groovy:4:1: prompt 'bump' of library 'acme' needs a value for {{artifact}}: acme.prompt('bump', artifact: ...)"
        "libraries {\n    use 'LIB@nope', as: 'acme'\n}\n"                   || "wtcraft.groovy:2:5: library 'acme': LIB has no tag, branch or commit 'nope'"
        "if (true) {\n    libraries {\n        use 'LIB@v1'\n    }\n}\n"      || "wtcraft.groovy:2:5: 'libraries' must be a statement of its own at the top level of wtcraft.groovy, not inside other code: it is read before the recipe runs"
    }

    def "a block after a library step adds to the task it returns, as the docs write it"() {
        given:
        trust()
        repo.write('wtcraft.groovy', """\
            libraries {
                use '${libUrl}@v1', as: 'acme'
            }

            task acme.bumpDependency('guava') { attempts 2; scope 'build.gradle' }
            task(acme.bumpDependency('jackson')) {
                attempts 3
            }
            task acme.docsTask('api') {
                prompt 'Document the API.'
            }
            """.stripIndent())

        when:
        def recipe = RecipeCompiler.load(repo.root.resolve('wtcraft.groovy'))

        then: 'the step set its fields, the recipe\'s block added to them or replaced them'
        def guava = recipe.task('deps/bump-guava').get()
        guava.attempts() == 2
        guava.scope() == ['pom.xml', 'build.gradle']
        guava.verify()*.command() == ['test -f README.md', 'echo checks-v1']
        guava.prompt().text().startsWith('Bump guava to 1.0;')
        recipe.task('deps/bump-jackson').get().attempts() == 3
        recipe.task('docs/api').get().prompt().text() == 'Document the API.'

        and: 'each keyword is placed at the recipe line that set it'
        guava.keywordLocations().attempts.line() == 5
        recipe.task('docs/api').get().keywordLocations().prompt.line() == 10

        and: 'the recipe stays pure: its evaluation is cached'
        RecipeCache.lookup(repo.root.resolve('wtcraft.groovy')).present
    }

    def "mistakes in a block after a library step name their line"() {
        given:
        trust()

        expect:
        error("libraries {\n    use 'LIB@v1', as: 'acme'\n}\n" + text) == message

        where:
        text                                                               || message
        "task acme.bumpDependency('guava') {\n    attemps 2\n}\n"          || "wtcraft.groovy:5:5: unknown keyword 'attemps' in task 'deps/bump-guava'; did you mean 'attempts'?"
        "task acme.bumpDependency() { attempts 2 }\n"                      || "wtcraft.groovy:4:1: library step acme.bumpDependency takes no such arguments: a { } block (vars/bumpDependency.groovy must define call with matching parameters)"
        "task acme.bumpDependency()\n"                                      || "wtcraft.groovy:4:1: library step acme.bumpDependency takes no such arguments: no arguments (vars/bumpDependency.groovy must define call with matching parameters)"
        "task('x') {\n    verify acme.standardChecks() { run 'y' }\n}\n"  || "wtcraft.groovy:5:5: a block after acme.standardChecks(...) adds to the task the step returns, but it returned a { } block: pass the block to the keyword that takes it instead"
    }

    private String error(String text) {
        repo.write('wtcraft.groovy', text.replace('LIB', libUrl))
        try {
            RecipeCompiler.load(repo.root.resolve('wtcraft.groovy'))
            return 'no error'
        } catch (RecipeException e) {
            return e.message.replace(libUrl, 'LIB')
        }
    }

    def "libraries are declared in the main recipe only"() {
        given:
        trust()
        repo.write('more.groovy', "libraries {\n    use '${libUrl}@v1', as: 'more'\n}\n")
        repo.write('wtcraft.groovy', "include 'more.groovy'\n")

        when:
        RecipeCompiler.load(repo.root.resolve('wtcraft.groovy'))

        then:
        def e = thrown(RecipeException)
        e.message == "more.groovy:1:1: 'libraries' may be declared only in the main recipe (wtcraft.groovy), where wtcraft.lock pins them"
    }
}
