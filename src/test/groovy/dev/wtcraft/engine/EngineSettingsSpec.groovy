package dev.wtcraft.engine

import dev.wtcraft.plan.RecipeException
import dev.wtcraft.dsl.RecipeCompiler
import dev.wtcraft.model.EngineSpec
import dev.wtcraft.plan.RecipeCache
import dev.wtcraft.support.CacheIsolatedSpecification

import java.nio.file.Files
import java.nio.file.Path

/** An agent engine's settings in the recipe: what each CLI has, checked where it is written, kept by the cache. */
class EngineSettingsSpec extends CacheIsolatedSpecification {
    Path recipe(String engines) {
        def file = dir.resolve('wtcraft.groovy')
        Files.writeString(file, "engines {\n${engines}\n}\ntask('feat/a') { engine 'codex' }\n")
        file
    }

    def "reasoning, sandbox, MCP servers and an appended system prompt become the engine's settings, cached alike"() {
        given:
        Files.writeString(dir.resolve('extra.md'), 'Always run the linter.\n')
        def file = recipe('''
            codex {
                reasoning 'xhigh'
                sandbox 'workspace-write'
                mcp 'files', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '.'], env: [ROOT: '.']
                mcp 'docs', url: 'http://127.0.0.1:8811/mcp'
                appendSystemPrompt file('extra.md')
            }
            claude { reasoning 'max'; appendSystemPrompt 'Be brief.' }
            gemini { model 'gemini-2.5-pro'; reasoning 'low' }''')

        when:
        def first = RecipeCompiler.load(file).engines()
        def cached = RecipeCompiler.load(file).engines()

        then:
        with(first.codex.settings()) {
            reasoning() == EngineSpec.Reasoning.XHIGH
            sandbox() == EngineSpec.SandboxLevel.WORKSPACE_WRITE
            mcp() == [new EngineSpec.Mcp('files', 'npx', ['-y', '@modelcontextprotocol/server-filesystem', '.'], [ROOT: '.'], null),
                      new EngineSpec.Mcp('docs', null, [], [:], 'http://127.0.0.1:8811/mcp')]
            appendSystemPrompt() == 'Always run the linter.\n'
        }
        first.claude.settings().reasoning() == EngineSpec.Reasoning.MAX
        first.gemini.settings().reasoning() == EngineSpec.Reasoning.LOW
        RecipeCache.lookup(file).isPresent()
        cached == first
    }

    def "'#line' is refused with: #message"() {
        when:
        RecipeCompiler.load(recipe(line))

        then:
        def e = thrown(RecipeException)
        e.message.contains(message)

        where:
        line                                                       || message
        "claude { reasoning 'minimal' }"                           || "unknown reasoning level 'minimal' in engine 'claude': claude takes low, medium, high, xhigh, max"
        "codex { reasoning 'max' }"                                || "codex takes minimal, low, medium, high, xhigh"
        "gemini { reasoning 'high' }"                              || "'reasoning' in engine 'gemini' needs the model named too"
        "claude { sandbox 'read-only' }"                           || "'sandbox' in engine 'claude' is Codex's own sandbox level"
        "codex { sandbox 'full' }"                                 || "codex takes read-only, workspace-write, danger-full-access"
        "gemini { appendSystemPrompt 'x' }"                        || "gemini has no way to add to its system prompt"
        "codex { appendSystemPrompt 'x' * 70000 }"                 || "is 70000 bytes; keep it under 64 KiB"
        "claude { mcp 'a b', command: 'x' }"                       || "MCP server name 'a b'"
        "claude { mcp 'a', command: 'x', url: 'http://h' }"        || "takes a command (with args: and env:) or a url"
        "claude { mcp 'a', url: 'http://h', args: ['x'] }"         || "takes a command (with args: and env:) or a url"
        "claude { mcp 'a', command: 'x'; mcp 'a', command: 'y' }"  || "MCP server 'a' is declared twice"
        "claude { reasonin 'high' }"                               || "did you mean"
    }
}
