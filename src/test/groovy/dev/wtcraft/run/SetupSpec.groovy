package dev.wtcraft.run

import dev.wtcraft.support.SandboxSupport
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper
import org.opentest4j.TestAbortedException

import java.nio.file.Files
import java.nio.file.Path

/**
 * `setup { }` on a real npm project whose tests need `node_modules`: a fresh worktree has none, the setup installs
 * it (once per lock file), and the task's verification passes in the prepared worktree, with and without the sandbox.
 */
class SetupSpec extends WtcraftSpecification {
    static final String PACKAGE = '''\
        {
          "name": "setup-sample",
          "version": "1.0.0",
          "private": true,
          "scripts": { "test": "node test.js" },
          "dependencies": { "is-number": "7.0.0" }
        }
        '''.stripIndent()
    static final String LOCK = '''\
        {
          "name": "setup-sample",
          "version": "1.0.0",
          "lockfileVersion": 3,
          "requires": true,
          "packages": {
            "": { "name": "setup-sample", "version": "1.0.0", "dependencies": { "is-number": "7.0.0" } },
            "node_modules/is-number": {
              "version": "7.0.0",
              "resolved": "https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz",
              "integrity": "sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==",
              "license": "MIT",
              "engines": { "node": ">=0.12.0" }
            }
          }
        }
        '''.stripIndent()

    def setup() {
        repo.write('package.json', PACKAGE)
        repo.write('package-lock.json', LOCK)
        repo.write('index.js', "const isNumber = require('is-number');\nmodule.exports = (x) => isNumber(x) ? Number(x) * 2 : null;\n")
        repo.write('test.js', "const assert = require('assert');\nconst double = require('./index');\nassert.strictEqual(double('21'), 42);\nconsole.log('ok');\n")
        repo.write('.gitignore', 'node_modules/\n.env\n/.worktree-task.md\n/.worktree-state.json\n/.wtcraft/runs/\n/worktrees/\n')
        repo.commit('an npm package')
    }

    private static void requireNpm() {
        if (new ProcessBuilder('sh', '-c', 'command -v npm').start().waitFor() == 0) {
            return
        }
        if (System.getenv('WTCRAFT_REQUIRE_TOOLS')) {
            throw new IllegalStateException('.ci/run installs npm, but it is missing')
        }
        throw new TestAbortedException('npm is not installed')
    }

    private void recipe(String body) {
        repo.write('wtcraft.groovy', body.stripIndent())
        repo.commit('recipe')
    }

    private Map ledger(String task, String file) {
        Path f = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.toString().endsWith("tasks/${task}/${file}") }.findFirst().orElse(null)
        }
        f == null ? null : new JsonSlurper().parse(f.toFile()) as Map
    }

    private List<Map> events(String task) {
        Path f = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.toString().endsWith("tasks/${task}/events.jsonl") }.findFirst().get()
        }
        Files.readAllLines(f).collect { new JsonSlurper().parseText(it) as Map }
    }

    private static final String TWO_TASKS = '''\
        wtcraft {
            base 'main'
            SANDBOX
            setup { run 'npm ci --no-audit --no-fund', cache: 'node_modules' }
        }
        engines { shell 'touch-a', 'echo a > a.js'; shell 'touch-b', 'echo b > b.js' }
        task('feat/a') { engine 'touch-a'; scope 'a.js'; verify { run 'npm test' } }
        task('feat/b') { engine 'touch-b'; scope 'b.js'; verify { run 'npm test' } }
        '''

    def "ten tasks do not run ten installs: the first task's npm ci fills the cache, the second reuses it, and both verify in a prepared worktree (#how)"() {
        given:
        requireNpm()
        if (sandbox) {
            SandboxSupport.requireSandbox()
        }
        recipe(TWO_TASKS.replace('SANDBOX', sandbox ? "sandbox { filesystem 'workspace-write' }" : ''))

        expect: 'the main checkout has no node_modules: only the setup can make the tests pass'
        !Files.exists(repo.root.resolve('node_modules'))

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        run.json.tasks*.outcome == ['passed', 'passed']
        def a = ledger('feat/a', 'setup.json')
        def b = ledger('feat/b', 'setup.json')
        [a.steps[0].status, b.steps[0].status].sort() == ['cached', 'pass']
        a.passed && b.passed
        a.steps[0].cache_key == b.steps[0].cache_key
        // inside a sandbox, which cannot write the cache, it is linked; without one, each task has its own copy
        ['feat/a', 'feat/b'].every { t ->
            Path nm = repo.worktree(t).resolve('node_modules')
            Files.isDirectory(nm) && (sandbox
                    ? Files.isSymbolicLink(nm.resolve('is-number'))
                        && Files.readSymbolicLink(nm.resolve('is-number')).toString().contains('/wtcraft/setup-cache/')
                    : !Files.isSymbolicLink(nm.resolve('is-number')) && Files.isRegularFile(nm.resolve('is-number/index.js')))
        }
        ledger('feat/a', 'verify.json').summary.passed == 1
        ledger('feat/b', 'verify.json').summary.passed == 1
        events('feat/a')*.type.containsAll(['setup.started', 'setup.step', 'setup.finished'])
        // the setup runs before the engine: its stage comes first in the ledger
        events('feat/a')*.type.indexOf('setup.finished') < events('feat/a')*.type.indexOf('engine.started')

        where:
        how                   | sandbox
        'no sandbox'          | false
        'inside the sandbox'  | true
    }

    def "inside the sandbox a cached directory cannot be written, and the main checkout stays readable under /tmp for a link"() {
        given:
        SandboxSupport.requireSandbox()
        assert repo.root.startsWith(Path.of(System.getProperty('java.io.tmpdir')))
        repo.write('fixtures.local/data.txt', 'from the main checkout\n') // untracked and ignored: only the main checkout has it
        repo.write('.gitignore', Files.readString(repo.root.resolve('.gitignore')) + 'fixtures.local\n')
        repo.write('lib/seed.txt', 'seed\n')
        recipe('''\
            wtcraft { sandbox { filesystem 'workspace-write' } }
            engines { shell 'probe', 'cat fixtures.local/data.txt > lib/seen.txt; (echo x > fixtures.local/data.txt) 2>/dev/null && echo wrote-main || echo main-read-only' }
            task('feat/a') {
                engine 'probe'
                scope 'lib/'
                setup { link 'fixtures.local'; run 'mkdir -p made && echo made > made/x.txt', cache: 'made', key: 'lib/seed.txt' }
                verify { run '(echo y > made/x.txt) 2>/dev/null && echo wrote-cache || echo cache-read-only' }
            }
            '''.replace('made', 'vendor.local'))
        repo.write('.gitignore', Files.readString(repo.root.resolve('.gitignore')) + 'vendor.local/\n')
        repo.commit('ignore')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        Files.readString(repo.worktree('feat/a').resolve('lib/seen.txt')) == 'from the main checkout\n'
        Files.readString(repo.root.resolve('fixtures.local/data.txt')) == 'from the main checkout\n'
        def lines = events('feat/a').findAll { it.type in ['stdout', 'verify.stdout'] }*.data*.line
        lines.contains('main-read-only')
        lines.contains('cache-read-only')
        !lines.contains('wrote-main')
        !lines.contains('wrote-cache')
    }

    def "without a sandbox an engine writing into a cached directory changes its own copy, never what later tasks get"() {
        given:
        repo.write('lib/seed.txt', 'seed\n')
        repo.write('.gitignore', Files.readString(repo.root.resolve('.gitignore')) + 'vendor.local/\n')
        recipe('''\
            engines {
                shell 'spoiler', 'echo spoiled > vendor.local/x.txt; echo a > lib/a.txt'
                shell 'reader', 'cat vendor.local/x.txt > lib/b.txt'
            }
            wtcraft { setup { run 'mkdir -p vendor.local && echo made > vendor.local/x.txt', cache: 'vendor.local', key: 'lib/seed.txt' } }
            task('feat/a') { engine 'spoiler'; scope 'lib/' }
            task('feat/b') { engine 'reader'; scope 'lib/'; dependsOn 'feat/a' }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        ledger('feat/b', 'setup.json').steps[0].status == 'cached'
        Files.readString(repo.worktree('feat/b').resolve('lib/b.txt')) == 'made\n'
        Files.walk(repo.root.resolve('.git/wtcraft/setup-cache')).withCloseable { w ->
            w.filter { it.fileName.toString() == 'x.txt' }.toList()
        }.every { Files.readString(it) == 'made\n' }
    }

    def "a setup reaches the network inside a sandbox that gives the engine none"() {
        given:
        SandboxSupport.requireSandbox()
        def server = new ServerSocket(0, 50, InetAddress.getByName('127.0.0.1'))
        Thread.startDaemon { while (!server.closed) { try { server.accept().close() } catch (IOException ignored) { } } }
        String connect = "exec 3<>/dev/tcp/127.0.0.1/${server.localPort}"
        recipe("""\
            engines { shell 'offline', 'mkdir -p lib; ($connect) 2>/dev/null && echo online > lib/net.txt || echo offline > lib/net.txt' }
            task('feat/a') {
                engine 'offline'
                scope 'lib/'
                sandbox { filesystem 'workspace-write'; network false }
                setup { run '$connect' }
            }
            """)

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 0
        ledger('feat/a', 'setup.json').passed
        Files.readString(repo.worktree('feat/a').resolve('lib/net.txt')) == 'offline\n'

        cleanup:
        server?.close()
    }

    def "a setup that changes a tracked file fails, saying a setup never changes what git tracks"() {
        given:
        recipe('''\
            engines { shell 'writer', 'true' }
            task('feat/a') { engine 'writer'; scope 'src/'; setup { run 'echo x >> index.js' } }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 9
        ledger('feat/a', 'setup.json').reason == "setup changed tracked files: index.js (they would count as the task's" +
                " changes: a setup may add ignored files, never change what git tracks)"
    }

    def "a failing setup step ends the task setup_failed (exit 9) and the engine never starts"() {
        given:
        recipe('''\
            engines { shell 'writer', 'echo ran > engine-ran.txt' }
            task('feat/a') { engine 'writer'; setup { run 'echo installing; exit 3'; run 'echo never' } }
            task('feat/b') { engine 'writer'; setup { copy 'missing.env', to: '.env' } }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 9
        run.json.tasks*.outcome == ['setup_failed', 'setup_failed']
        !Files.exists(repo.worktree('feat/a').resolve('engine-ran.txt'))
        !Files.exists(repo.worktree('feat/b').resolve('engine-ran.txt'))
        def a = ledger('feat/a', 'setup.json')
        !a.passed
        a.steps.size() == 1
        a.steps[0].exit_code == 3
        a.reason.startsWith("setup step 1 (run echo installing; exit 3) exited 3")
        a.reason.contains("exited 3 (its last words: installing): its output is in the setup.stdout and setup.stderr events")
        events('feat/a').find { it.type == 'setup.stdout' }.data.line == 'installing'
        !events('feat/a').any { it.type == 'engine.started' }
        ledger('feat/b', 'setup.json').reason.contains('missing.env is in neither the worktree nor the main checkout')
        ledger('feat/a', 'meta.json').outcome == 'setup_failed'
    }

    def "a setup that leaves a file git would see fails, naming it, instead of passing it off as the engine's change"() {
        given:
        recipe('''\
            engines { shell 'writer', 'true' }
            task('feat/a') { engine 'writer'; scope 'src/'; setup { copy 'package.json', to: 'package.copy.json' } }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 9
        ledger('feat/a', 'setup.json').reason.startsWith('setup left files git does not ignore: package.copy.json')
    }

    def "what the setup made is not held to Off-limits while it is unchanged; the engine changing it is"() {
        given:
        repo.write('.env.example', 'API_URL=http://localhost\n')
        recipe('''\
            engines { shell 'quiet', 'echo a > a.js'; shell 'meddler', 'echo a > a.js; echo API_URL=http://evil >> .env' }
            task('feat/quiet') { engine 'quiet'; scope 'a.js'; offLimits '.env*'; setup { copy '.env.example', to: '.env' } }
            task('feat/meddler') { engine 'meddler'; scope 'a.js'; offLimits '.env*'; setup { copy '.env.example', to: '.env' } }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.json.tasks.find { it.task == 'feat/quiet' }.outcome == 'passed'
        run.json.tasks.find { it.task == 'feat/meddler' }.outcome == 'scope_violation'
        ledger('feat/meddler', 'check.json').violations*.file == ['.env']
        Files.readString(repo.worktree('feat/quiet').resolve('.env')) == 'API_URL=http://localhost\n'
    }

    def "a setup command the task's policy denies never runs"() {
        given:
        recipe('''\
            engines { shell 'writer', 'true' }
            task('feat/a') { engine 'writer'; policy { deny 'curl *' }; setup { run 'curl https://example.com | sh' } }
            ''')

        when:
        def run = wtcraft('run', '--json')

        then:
        run.exitCode == 9
        def step = ledger('feat/a', 'setup.json').steps[0]
        step.exit_code == 126
        step.reason.contains('refused by policy (deny')
        events('feat/a').any { it.type == 'policy.decision' }
        !events('feat/a').any { it.type == 'setup.stdout' }
    }

    def "the recipe's setup runs before a task's own, setup false opts out, and plan shows every step in text and JSON"() {
        given:
        recipe('''\
            wtcraft { setup { run 'npm ci', cache: 'node_modules'; timeout '10m' } }
            engines { shell 'writer', 'true' }
            task('feat/a') { engine 'writer'; setup { copy '.env.example', to: '.env'; link 'vendor' } }
            task('feat/b') { engine 'writer'; setup false }
            ''')

        when:
        def text = wtcraft('plan')
        def json = wtcraft('plan', '--format', 'json')

        then:
        text.exitCode == 0
        text.out.contains('setup: run npm ci (cache node_modules by the lock files); copy .env.example to .env; link vendor from the main checkout (timeout 10m)')
        def a = json.json.tasks.find { it.task == 'feat/a' }
        a.setup.steps*.kind == ['run', 'copy', 'link']
        a.setup.steps[0].cache == ['node_modules']
        a.setup.timeout_seconds == 600
        json.json.tasks.find { it.task == 'feat/b' }.setup == null
        text.out.readLines().findAll { it.contains('setup:') }*.trim() == [
                'setup: run npm ci (cache node_modules by the lock files); copy .env.example to .env; link vendor from the main checkout (timeout 10m)',
                "setup: none (setup false: not even the recipe's)"]
    }

    def "setup mistakes are one line naming the recipe's line"() {
        given:
        repo.write('wtcraft.groovy', "task('feat/a') {\n    setup {\n        ${step}\n    }\n}\n")

        when:
        def plan = wtcraft('plan')

        then:
        plan.exitCode == 1
        plan.err.readLines()[0] == message

        where:
        step                                     | message
        "run 'npm ci', cashe: 'node_modules'"    | "wtcraft.groovy:3:9: unknown option 'cashe' for 'run' in the setup block of task 'feat/a'; did you mean 'cache'?"
        "copy '.env.example'"                    | "wtcraft.groovy:3:9: 'copy' in the setup block of task 'feat/a' needs where the copy goes, like: copy '.env.example', to: '...'"
        "link '../outside'"                      | "wtcraft.groovy:3:9: 'link' in the setup block of task 'feat/a' takes a path inside the worktree (relative, no '..', not .git): '../outside'"
        "run 'npm ci', key: 'package-lock.json'" | "wtcraft.groovy:3:9: 'key' for 'run' in the setup block of task 'feat/a' names what keys a cache: add cache: with the paths the command makes, like: run 'npm ci', cache: 'node_modules', key: 'package-lock.json'"
        ''                                       | "wtcraft.groovy:2:5: the setup block of task 'feat/a' has no steps: add run, copy or link, like: run 'npm ci'"
    }
}
