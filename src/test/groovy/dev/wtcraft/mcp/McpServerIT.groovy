package dev.wtcraft.mcp

import com.fasterxml.jackson.databind.ObjectMapper
import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftProcess
import dev.wtcraft.support.WtcraftRun
import groovy.json.JsonSlurper
import io.modelcontextprotocol.client.McpClient
import io.modelcontextprotocol.client.McpSyncClient
import io.modelcontextprotocol.client.transport.ServerParameters
import io.modelcontextprotocol.client.transport.StdioClientTransport
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper
import io.modelcontextprotocol.json.schema.JsonSchemaValidator
import io.modelcontextprotocol.spec.McpSchema
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList

/**
 * `wtcraft mcp` in a JVM of its own, driven by the SDK's own client over stdio: every tool, the refusals the CLI
 * makes (with the CLI's messages), progress while a run goes, and cancel recorded as Ctrl-C is.
 */
class McpServerIT extends Specification {
    static final JsonSlurper JSON = new JsonSlurper()

    @TempDir
    Path tmp

    McpSyncClient client
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>()

    def cleanup() {
        client?.closeGracefully()
    }

    static final String RECIPE = '''\
        engines { shell 'hello', 'echo hello > hello.txt' }
        task('feat/hello') {
            engine 'hello'
            scope 'hello.txt'
            verify { run 'test -f hello.txt' }
        }
        '''.stripIndent()

    GitRepo repo(String name, String recipe) {
        GitRepo r = GitRepo.create(Files.createDirectories(tmp.resolve(name)))
        r.write('wtcraft.groovy', recipe)
        r.commit('recipe')
        r
    }

    McpSyncClient connect(GitRepo r, Map<String, String> extraEnv = [:]) {
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        Path home = Files.createDirectories(tmp.resolve('home'))
        def params = ServerParameters.builder(Path.of(System.getProperty('java.home'), 'bin', 'java').toString())
                .args('-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', cp, 'dev.wtcraft.cli.Main', 'mcp', '--repo', r.root.toString())
                .env([PATH: System.getenv('PATH'), HOME: home.toString(), LC_ALL: 'C.UTF-8', GIT_CONFIG_NOSYSTEM: '1',
                      GIT_CONFIG_GLOBAL: '/dev/null', WTCRAFT_CACHE_DIR: home.resolve('cache').toString(),
                      WTCRAFT_CONFIG_DIR: home.resolve('config').toString()] + extraEnv)
                .build()
        def transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper()))
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(90))
                .progressConsumer({ progress.add(it) })
                // the tools declare no output schema: nothing to validate, and no schema library on the classpath
                .jsonSchemaValidator({ schema, content -> JsonSchemaValidator.ValidationResponse.asValid(null) } as JsonSchemaValidator)
                .build()
        client.initialize()
        client
    }

    Map call(String tool, Map args = [:], Map meta = null) {
        def result = client.callTool(new McpSchema.CallToolRequest(tool, args, meta))
        String text = (result.content()[0] as McpSchema.TextContent).text()
        [error: result.isError(), text: text, doc: result.structuredContent() as Map]
    }

    /** run.json and each task's ledger files, with what differs between any two runs (ids, times, paths) left out. */
    static Map ledgerShape(Path root, String runId) {
        Path dir = root.resolve(".wtcraft/runs/${runId}")
        Map run = JSON.parse(dir.resolve('run.json').toFile()) as Map
        [exit: run.exit_code, recipe: run.recipe, tasks: run.tasks.collectEntries { k, v -> [k, [v.outcome, v.attempts, v.reason]] },
         files: dir.resolve('tasks/feat/hello').toFile().list().sort(),
         changed: Files.readString(dir.resolve('tasks/feat/hello/changed-files.txt'))]
    }

    def "every tool works over MCP and a run's ledger is the same as the CLI's"() {
        given:
        GitRepo viaMcp = repo('mcp', RECIPE)
        GitRepo viaCli = repo('cli', RECIPE)
        connect(viaMcp)

        expect:
        client.listTools().tools()*.name().toSet() == ['plan', 'run', 'run_status', 'cancel', 'show', 'diff', 'check',
                                                       'verify', 'status', 'review', 'finish'] as Set

        when:
        def plan = call('plan')
        def started = call('run')
        String id = started.doc.run_id
        def status = call('run_status', [run_id: id, wait_seconds: 60], [progressToken: 'p1'])

        then:
        !plan.error && plan.doc.tasks*.task == ['feat/hello']
        !started.error && id
        !status.error && !status.doc.running
        status.doc.run.exit_code == 0
        status.doc.run.tasks['feat/hello'].outcome == 'passed'
        status.doc.live['feat/hello']

        when:
        def show = call('show', [run: id, task: 'feat/hello'])
        def diff = call('diff', [target: id, task: 'feat/hello', stat: true])
        def worktrees = call('status')
        def check = call('check', [worktree: 'feat/hello'])
        def verify = call('verify', [worktree: 'feat/hello'])
        def finish = call('finish', [target: 'feat/hello', dry_run: true])
        def cli = WtcraftRun.run(viaCli.root, [:], 'run', '--json')

        then:
        !show.error && show.doc.task == 'feat/hello'
        !diff.error && diff.doc.files*.path == ['hello.txt']
        !worktrees.error && worktrees.doc.worktrees*.branch.contains('feat/hello')
        !check.error && check.doc.exit_code == 0
        !verify.error && verify.doc.exit_code == 0
        !finish.error && finish.doc.dry_run == true
        cli.exitCode == 0
        ledgerShape(viaMcp.root, id) == ledgerShape(viaCli.root, cli.json.run_id)
    }

    def "what the CLI refuses is refused through MCP with the CLI's message"() {
        given:
        GitRepo broken = repo('broken', "task('feat/x') { enigne 'hello' }\n")
        connect(broken)
        def cli = WtcraftRun.run(broken.root, [:], 'run', '--json')

        when:
        def refused = call('run')
        def unknownArgument = call('plan', [recipes: 'x.groovy'])
        def optionSmuggled = call('show', [run: '--json'])

        then:
        cli.exitCode == 1
        refused.error
        refused.doc.error.message == cli.json.error.message
        refused.text == 'wtcraft run: ' + cli.json.error.message
        unknownArgument.error && unknownArgument.text.contains("unknown argument 'recipes'")
        optionSmuggled.error && optionSmuggled.text.contains('no runs recorded')
    }

    def "a command the task's policy asks about is refused as on a terminal-less CLI run"() {
        given:
        String recipe = '''\
            engines { shell 'hello', 'echo hello > hello.txt' }
            task('feat/hello') {
                engine 'hello'
                scope 'hello.txt'
                policy { ask 'echo *' }
            }
            '''.stripIndent()
        GitRepo viaMcp = repo('mcp', recipe)
        GitRepo viaCli = repo('cli', recipe)
        connect(viaMcp)

        when:
        String id = call('run').doc.run_id
        def status = call('run_status', [run_id: id, wait_seconds: 60])
        def cli = WtcraftRun.run(viaCli.root, [:], 'run', '--json')
        Map cliRun = JSON.parse(viaCli.root.resolve(".wtcraft/runs/${cli.json.run_id}/run.json").toFile()) as Map

        then:
        status.doc.run.tasks['feat/hello'].outcome != 'passed'
        status.doc.run.tasks['feat/hello'].reason.contains('refused by policy')
        status.doc.run.tasks['feat/hello'].reason == cliRun.tasks['feat/hello'].reason
        status.doc.run.exit_code == cli.exitCode
    }

    def "cancel stops a run as Ctrl-C does: exit 130 recorded"() {
        given:
        GitRepo r = repo('slow', '''\
            engines { shell 'slow', 'sleep 120' }
            task('feat/slow') { engine 'slow'; scope 'x.txt'; timeout '5m' }
            '''.stripIndent())
        connect(r)

        when:
        String id = call('run').doc.run_id
        Thread.sleep(3000)
        def cancelled = call('cancel', [run_id: id])
        def status = call('run_status', [run_id: id])
        def unknown = call('cancel', [run_id: 'nope'])

        then:
        !cancelled.error && cancelled.doc.exit_code == 130
        !status.doc.running
        status.doc.run.exit_code == 130
        status.doc.run.tasks['feat/slow'].outcome == 'interrupted'
        unknown.error && unknown.text.contains("no run 'nope' was started by this server")
    }

    def "tasks given inline are planned and run with the recipe's engines; the DSL refuses a bad one in its own words"() {
        given:
        GitRepo r = repo('inline', RECIPE)
        GitRepo typo = repo('typo', RECIPE + "task('feat/x') {\n    engine 'hello'\n    scpe 'a.txt'\n}\n")
        def cli = WtcraftRun.run(typo.root, [:], 'plan', '--format', 'json')
        String cliDetail = (cli.json.error.message as String).replaceFirst(/^wtcraft\.groovy:\d+:\d+: /, '')
        connect(r)
        List<Map> tasks = [[name: 'feat/inline', engine: 'hello', scope: ['hello.txt'], verify: ['test -f hello.txt']],
                           [name: 'feat/after', engine: 'hello', scope: ['hello.txt'], dependsOn: ['feat/inline']]]

        when:
        def plan = call('plan', [tasks: tasks])
        String id = call('run', [tasks: tasks, only: ['feat/inline']]).doc.run_id
        def status = call('run_status', [run_id: id, wait_seconds: 60])
        def misspelt = call('plan', [tasks: [[name: 'feat/x', engine: 'hello', scpe: ['a.txt']]]])
        def nameless = call('run', [tasks: [[engine: 'hello']]])
        def unknownEngine = call('plan', [tasks: [[name: 'feat/y', engine: 'nope']]])
        def blockOnly = call('plan', [tasks: [[name: 'feat/z', engine: 'hello', sandbox: 'x']]])

        then: "the inline tasks replace the recipe's, and run as its own would"
        !plan.error
        plan.doc.tasks*.task == ['feat/inline', 'feat/after']
        plan.doc.tasks.find { it.task == 'feat/after' }.depends_on == ['feat/inline']
        status.doc.run.exit_code == 0
        status.doc.run.tasks.keySet() == ['feat/inline'] as Set
        status.doc.run.tasks['feat/inline'].outcome == 'passed'

        and: "a misspelt keyword is refused as the recipe's is, located at the task given"
        cli.exitCode == 1
        misspelt.error
        misspelt.doc.error.message == 'tasks[0]: ' + cliDetail
        nameless.error && nameless.text.contains('tasks[0]: each task needs a name')
        unknownEngine.error && unknownEngine.text.contains("'nope'")
        blockOnly.error && blockOnly.text.contains("'sandbox' in task 'feat/z' cannot be given inline")
    }

    /** What reading a resource gave: its text, or the error the server answered with. */
    Map read(String uri) {
        try {
            def contents = client.readResource(new McpSchema.ReadResourceRequest(uri)).contents()
            [text: (contents[0] as McpSchema.TextResourceContents).text(), mime: contents[0].mimeType()]
        } catch (io.modelcontextprotocol.spec.McpError e) {
            [error: e.message]
        }
    }

    def "a run's ledger files and report are resources; a URI that leaves the run directory is refused"() {
        given:
        GitRepo r = repo('res', RECIPE)
        Path secret = Files.writeString(tmp.resolve('secret.txt'), 'SECRET\n')
        connect(r)
        String id = call('run').doc.run_id
        call('run_status', [run_id: id, wait_seconds: 60])
        Path dir = r.root.resolve(".wtcraft/runs/${id}")
        assert WtcraftRun.run(r.root, [:], 'report', id, '--html').exitCode == 0
        Files.createSymbolicLink(dir.resolve('tasks/feat/hello/leak.txt'), secret)
        Path outside = Files.createDirectories(tmp.resolve('outside'))
        Files.writeString(outside.resolve('run.json'), '{"planted": true}')
        Files.createSymbolicLink(r.root.resolve('.wtcraft/runs/planted'), outside)
        String base = "wtcraft://runs/${id}"

        when:
        List<String> listed = client.listResources().resources()*.uri()

        then: 'the finished run is listed, file by file'
        listed.contains("${base}/run.json".toString())
        listed.contains("${base}/tasks/feat/hello/changed-files.txt".toString())

        and: 'each reads as the file on disk'
        read("${base}/run.json").text == Files.readString(dir.resolve('run.json'))
        read("${base}/run.json").mime == 'application/json'
        read("${base}/tasks/feat/hello/changed-files.txt").text == Files.readString(dir.resolve('tasks/feat/hello/changed-files.txt'))
        read("${base}/report.html").text.contains('feat/hello')

        and: 'no way out of the run directory: dot-dot, symlinks, other schemes'
        read("${base}/../../../secret.txt").error // matches no template: the SDK finds no such resource
        read("wtcraft://runs/../../secret.txt").error
        read('wtcraft://runs/../run.json').error.contains('leaves the run directory')
        read("${base}/..").error.contains('leaves the run directory')
        read("wtcraft://runs/${id}/tasks/../../../secret.txt").error
        read("${base}/tasks/feat/hello/leak.txt").error.contains('through a symlink')
        read('wtcraft://runs/planted/run.json').error.contains('through a symlink')
        read("file://${secret}").error && !read("file://${secret}").text
        read("${base}/nope.json").error.contains('no such file')
        !listed.any { it.contains('leak.txt') || it.contains('planted') }
        [read("${base}/tasks/feat/hello/leak.txt"), read('wtcraft://runs/planted/run.json')].every { !it.text }
    }
    /** `wtcraft run --json` in a JVM of its own, with the environment the server of {@link #connect} has. */
    WtcraftRun cliRun(GitRepo r, Map<String, String> env = [:]) {
        Path home = Files.createDirectories(tmp.resolve('home'))
        WtcraftProcess.run(r.root, home, [WTCRAFT_CACHE_DIR: home.resolve('cache').toString(),
                                          WTCRAFT_CONFIG_DIR: home.resolve('config').toString()] + env, 'run', '--json')
    }

    def "an untrusted library is refused through MCP as the CLI refuses it, by run and by plan"() {
        given: 'a library in a git repository of its own, never trusted'
        Path lib = Files.createDirectories(tmp.resolve('acme'))
        GitRepo.gitIn(lib, 'init', '-q', '-b', 'main')
        GitRepo.writeIn(lib, 'vars/hello.groovy', "def call() { 'hello' }\n")
        GitRepo.gitIn(lib, 'add', '-A')
        GitRepo.gitIn(lib, '-c', 'user.name=L', '-c', 'user.email=l@example.com', 'commit', '-q', '-m', 'v1')
        GitRepo.gitIn(lib, 'tag', 'v1')
        GitRepo r = repo('lib', "libraries {\n    use 'file://${lib}@v1', as: 'acme'\n}\n" + RECIPE)
        def cli = cliRun(r)
        connect(r)

        when:
        def run = call('run')
        def plan = call('plan')
        def inline = call('plan', [tasks: [[name: 'feat/x', engine: 'hello']]])

        then:
        cli.exitCode == 1
        String message = cli.json.error.message
        message.contains("library 'acme' comes from file://${lib}, which you have not trusted")
        run.error && run.doc.error.message == message
        plan.error && plan.doc.error.message == message
        inline.error && inline.doc.error.message == message
        !Files.exists(r.root.resolve('.wtcraft/runs'))
    }

    def "a task that requires a sandbox no one can start is refused through MCP with the CLI's message"() {
        given:
        GitRepo r = repo('sandbox', '''\
            engines { shell 'probe', 'echo ran' }
            task('feat/strict') {
                engine 'probe'
                sandbox { network false }
            }
            '''.stripIndent())
        Map<String, String> noBwrap = [WTCRAFT_BWRAP: '/nonexistent/bwrap']
        def cli = cliRun(r, noBwrap)
        connect(r, noBwrap)

        when:
        def run = call('run')

        then:
        cli.exitCode == 1
        String message = cli.json.error.message
        message.contains("task 'feat/strict' asks for a sandbox, but bubblewrap is not installed")
        run.error
        run.doc.error.message == message
        run.text == 'wtcraft run: ' + message
        !Files.exists(r.root.resolve('worktrees'))
    }
}
