package dev.wtcraft.engine

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftRun
import dev.wtcraft.testing.MockModelServer
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * What the specs that drive the real agent CLIs share: where .ci/install-agent-clis put them, a repository, the
 * model server of our own on 127.0.0.1 they talk to, and a home for each CLI outside the temp dir.
 */
abstract class AgentCliSpecification extends Specification {
    static final Path CLIS = Path.of(System.getenv('WTCRAFT_TEST_CLIS') ?: "${System.getProperty('user.home')}/.cache/wtcraft-test-clis")
    static final Map<String, String> PACKAGES = [
            'codex'      : '_openai_codex_0.169.0/node_modules/.bin/codex',
            'claude'     : '_anthropic-ai_claude-code_2.1.329/node_modules/.bin/claude',
            'claude-2197': '_anthropic-ai_claude-code_2.1.197/node_modules/.bin/claude',
            'gemini'     : '_google_gemini-cli_0.61.0/node_modules/.bin/gemini']
    static final JsonSlurper JSON = new JsonSlurper()

    @TempDir
    Path tmp

    GitRepo repo
    MockModelServer server
    /** CLI homes live outside the temp dir: Codex will not start its sandbox helper from there. */
    Path homes

    static boolean installed(Collection<String> engines = PACKAGES.keySet()) {
        engines.every { Files.isExecutable(CLIS.resolve(PACKAGES[it])) }
    }

    /** The CLIs this spec drives (all of them, unless a spec says fewer). */
    Collection<String> clis() {
        PACKAGES.keySet()
    }

    def setup() {
        assert installed(clis()): "the agent CLIs are not installed under ${CLIS}: run .ci/install-agent-clis"
        repo = GitRepo.create(tmp)
        server = new MockModelServer()
        homes = Path.of('target/cli-homes').toAbsolutePath().resolve(UUID.randomUUID().toString())
        Files.createDirectories(homes)
    }

    def cleanup() {
        server?.close()
        homes?.toFile()?.deleteDir()
    }

    /**
     * Codex runs inside wtcraft's sandbox where one can start, with its own off: Codex's own cannot use a system
     * bubblewrap without --argv0 (Debian 12 has 0.8) when its home is under /tmp, as a test's is.
     */
    static final String CODEX_SANDBOX = 'sandbox { required false }'

    /** The engines block for one CLI, pointed at the mock server with a home of its own, and these settings. */
    String engineBlock(String engine, String settings) {
        String block = engineBlock(engine)
        settings ? block.substring(0, block.lastIndexOf('}')) + '\n' + settings + '\n}' : block
    }

    /** The engines block for one CLI, pointed at the mock server with a home of its own. */
    String engineBlock(String engine) {
        String binary = CLIS.resolve(PACKAGES[engine]).toString()
        Path home = Files.createDirectories(homes.resolve(engine))
        switch (engine) {
            case 'codex':
                Files.writeString(home.resolve('config.toml'), """\
                    model = "mock-model"
                    model_provider = "mock"
                    [model_providers.mock]
                    name = "mock"
                    base_url = "${server.url()}/v1"
                    wire_api = "responses"
                    env_key = "MOCK_API_KEY"
                    supports_websockets = false
                    """.stripIndent())
                return """codex { binary '${binary}'; env CODEX_HOME: '${home}', MOCK_API_KEY: 'mock' }"""
            case 'gemini':
                Files.createDirectories(home.resolve('.gemini'))
                Files.createDirectories(home.resolve('tmp'))
                Files.writeString(home.resolve('.gemini/settings.json'), '{"security": {"auth": {"selectedType": '
                        + '"gemini-api-key"}}, "telemetry": {"enabled": false}, "privacy": {"usageStatisticsEnabled": false}, '
                        + '"general": {"disableAutoUpdate": true, "disableUpdateNag": true}}')
                return """gemini { binary '${binary}'; model 'mock'; env HOME: '${home}', TMPDIR: '${home}/tmp', """ +
                        """GEMINI_API_KEY: 'mock', GOOGLE_GEMINI_BASE_URL: '${server.url()}' }"""
            default:
                return """claude('${engine}') { binary '${binary}'; env HOME: '${home}', CLAUDE_CONFIG_DIR: '${home}/.claude', """ +
                        """ANTHROPIC_BASE_URL: '${server.url()}', ANTHROPIC_API_KEY: 'sk-mock', """ +
                        """CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' }"""
        }
    }

    /**
     * Runs one task on this engine. Options: settings (inside the engine's block), prompt (the task's prompt line),
     * timeout.
     */
    WtcraftRun run(Map options = [:], String engine, String taskBody) {
        repo.write('wtcraft.groovy', """\
            engines {
                ${engineBlock(engine, options.settings ?: '')}
            }
            task('feat/hello') {
                engine '${engine}'
                ${options.prompt ?: "prompt 'Create hello.txt containing hello, then say done.'"}
                timeout '${options.timeout ?: '2m'}'
                ${engine == 'codex' ? CODEX_SANDBOX : ''}
                ${taskBody}
            }
            """.stripIndent())
        repo.commit('recipe')
        server.workdir(repo.worktree('feat/hello').toString())
        WtcraftRun.run(repo.root, [:], 'run', '--json')
    }

    /** The CLI's home (CODEX_HOME for codex). */
    Path home(String engine) {
        homes.resolve(engine)
    }

    List<Map> events(Path dir) {
        Files.readAllLines(dir.resolve('events.jsonl')).collect { JSON.parseText(it) as Map }
    }

}
