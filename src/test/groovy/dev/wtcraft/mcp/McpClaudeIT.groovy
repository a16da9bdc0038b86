package dev.wtcraft.mcp

import dev.wtcraft.engine.AgentCliSpecification
import dev.wtcraft.io.JsonText
import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftProcess
import dev.wtcraft.support.WtcraftRun
import spock.lang.Requires

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The real Claude Code CLI (pinned, offline, against the model server of our own on 127.0.0.1) is the MCP client:
 * `wtcraft mcp` is its server through `--mcp-config`, and the scripted model plans, runs, follows and shows a run
 * through it. That run's ledger is the one `wtcraft run` of the same recipe writes.
 */
@Requires({ AgentCliSpecification.installed() || System.getenv('CI') })
class McpClaudeIT extends AgentCliSpecification {
    static final List<String> TOOLS = ['plan', 'run', 'run_status', 'show'].collect { "mcp__wtcraft__${it}".toString() }

    /** The tool results the model got, in order, as it got them. */
    List<String> results = []

    /** plan, run, run_status until the run is over, show; then the final message. */
    Map<String, Object> nextCall(List<String> got) {
        results = new ArrayList<>(got)
        if (got.isEmpty()) {
            return [name: 'mcp__wtcraft__plan', input: [:]]
        }
        if (got.size() == 1) {
            return [name: 'mcp__wtcraft__run', input: [:]]
        }
        String id = (JsonText.parse(got[1]) as Map).run_id
        Map last = got.size() > 2 ? JsonText.parse(got.last()) as Map : null
        if (got.size() == 2 || last?.command == 'run_status' && last.running) {
            return [name: 'mcp__wtcraft__run_status', input: [run_id: id, wait_seconds: 20]]
        }
        if (last?.command == 'run_status') {
            return [name: 'mcp__wtcraft__show', input: [run: id, task: 'feat/hello']]
        }
        null
    }

    /** Claude Code, headless, with `wtcraft mcp --repo REPO` as its one MCP server and only its four tools allowed. */
    Map claude(Path repoRoot, String prompt) {
        Path home = Files.createDirectories(homes.resolve('claude'))
        Path wtHome = Files.createDirectories(homes.resolve('wtcraft'))
        Path config = home.resolve('mcp.json')
        Files.writeString(config, JsonText.write([mcpServers: [wtcraft: [
                command: Path.of(System.getProperty('java.home'), 'bin', 'java').toString(),
                args   : ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', WtcraftProcess.classpath(),
                          'dev.wtcraft.cli.Main', 'mcp', '--repo', repoRoot.toString()],
                env    : [HOME              : wtHome.toString(), LC_ALL: 'C.UTF-8', GIT_CONFIG_NOSYSTEM: '1',
                          GIT_CONFIG_GLOBAL : '/dev/null', WTCRAFT_CACHE_DIR: wtHome.resolve('cache').toString(),
                          WTCRAFT_CONFIG_DIR: wtHome.resolve('config').toString()]]]]))
        Path work = Files.createDirectories(tmp.resolve('agent'))
        def pb = new ProcessBuilder([CLIS.resolve(PACKAGES.claude).toString(), '-p', prompt, '--output-format', 'json',
                                     '--mcp-config', config.toString(), '--strict-mcp-config',
                                     '--permission-mode', 'default', '--allowedTools', TOOLS.join(',')])
                .directory(work.toFile()).redirectErrorStream(true)
        def env = pb.environment()
        env.clear()
        env.putAll([PATH                                    : System.getenv('PATH'), HOME: home.toString(),
                    CLAUDE_CONFIG_DIR                       : home.resolve('.claude').toString(),
                    ANTHROPIC_BASE_URL                      : server.url(), ANTHROPIC_API_KEY: 'sk-mock',
                    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1',
                    // every tool offered up front (not found through a search tool first), and room for a JVM to start
                    ENABLE_TOOL_SEARCH                      : 'false', MCP_TIMEOUT: '60000', MCP_TOOL_TIMEOUT: '120000'])
        def p = pb.start()
        p.outputStream.close()
        def out = new ByteArrayOutputStream()
        def pump = Thread.start { out << p.inputStream }
        boolean ended = p.waitFor(5, TimeUnit.MINUTES)
        if (!ended) {
            p.destroyForcibly()
        }
        pump.join()
        [exit: ended ? p.exitValue() : -1, out: out.toString(StandardCharsets.UTF_8)]
    }

    def "Claude Code plans, runs, follows and shows a run through wtcraft mcp; its ledger is a CLI run's"() {
        given:
        String recipe = McpServerIT.RECIPE
        repo.write('wtcraft.groovy', recipe)
        repo.commit('recipe')
        GitRepo twin = GitRepo.create(Files.createDirectories(tmp.resolve('twin')))
        twin.write('wtcraft.groovy', recipe)
        twin.commit('recipe')
        server.toolScript({ List<String> got -> nextCall(got) } as dev.wtcraft.testing.MockModelServer.ToolScript)

        when:
        def agent = claude(repo.root, 'Plan the recipe, run it, wait for it to end, then show its task.')
        def cli = WtcraftRun.run(twin.root, [:], 'run', '--json')

        then: 'the CLI ended its turn, having called the four tools in order'
        assert agent.exit == 0, "${agent.out}\nrequests:\n${server.requests.join('\n')}\nresults:\n${results.join('\n')}"
        results.size() >= 4
        Map plan = JsonText.parse(results[0]) as Map
        Map started = JsonText.parse(results[1]) as Map
        List<Map> statuses = results[2..-2].collect { JsonText.parse(it) as Map }
        Map show = JsonText.parse(results[-1]) as Map
        String id = started.run_id

        and: 'what each tool answered is the run, by its id, and it passed'
        plan.command == 'plan' && plan.tasks*.task == ['feat/hello']
        started.command == 'run' && id
        statuses*.command.every { it == 'run_status' } && statuses*.run_id.every { it == id }
        !statuses[-1].running
        statuses[-1].run.exit_code == 0
        statuses[-1].run.tasks['feat/hello'].outcome == 'passed'
        show.task == 'feat/hello' && show.ledger.contains(id)
        results[-1].contains(id)

        and: "the tools were offered to the model by the MCP names, and the run's ledger is the CLI's"
        server.bodies.any { it.contains('mcp__wtcraft__run_status') }
        cli.exitCode == 0
        McpServerIT.ledgerShape(repo.root, id) == McpServerIT.ledgerShape(twin.root, cli.json.run_id)
    }
}
