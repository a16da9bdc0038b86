package dev.wtcraft.mcp

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftRun
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Only `wtcraft mcp` loads the MCP SDK: the start-up of every other command stays as it was. */
class McpStartupSpec extends Specification {
    @TempDir
    Path tmp

    GitRepo repo

    def setup() {
        repo = GitRepo.create(tmp)
        repo.write('wtcraft.groovy', McpServerIT.RECIPE)
        repo.commit('recipe')
    }

    /** The MCP SDK's classes a fresh JVM loads for one wtcraft command in the repository, stdin closed at once. */
    List<String> mcpClassesLoaded(String... args) {
        def pb = new ProcessBuilder(['java', '-verbose:class', '-cp', System.getProperty('java.class.path'),
                                     'dev.wtcraft.cli.Main'] + (args as List))
                .directory(repo.root.toFile()).redirectErrorStream(true)
        Process p = pb.start()
        p.outputStream.close()
        String out = p.inputStream.text
        assert p.waitFor() == 0: out
        out.readLines().findAll { it.contains('io.modelcontextprotocol.') }
    }

    def "--version, status, check, plan, a run and --print-config load nothing of the MCP SDK; mcp itself does"() {
        given: 'a task worktree to check'
        assert WtcraftRun.run(repo.root, [:], 'run').exitCode == 0

        expect:
        mcpClassesLoaded('--version') == []
        mcpClassesLoaded('status') == []
        mcpClassesLoaded('check', 'worktrees/feat/hello') == []
        mcpClassesLoaded('plan') == []
        mcpClassesLoaded('mcp', '--print-config') == []

        and: 'the control: the server loads it (and ends when its stdin closes)'
        mcpClassesLoaded('mcp').any { it.contains('io.modelcontextprotocol.server.McpServer') }
    }
}
