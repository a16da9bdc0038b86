package dev.wtcraft.dsl

import dev.wtcraft.model.EngineKind
import dev.wtcraft.model.EngineSpec

import java.nio.charset.StandardCharsets
import java.time.Duration

/**
 * The settings of an agent CLI engine: binary, model, args, env, timeout, maxTurns, and those wtcraft hands over
 * in the CLI's own terms (reasoning, sandbox, mcp, appendSystemPrompt), each checked against what that CLI has.
 */
class AgentEngineDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(AgentEngineDelegate)
    /** The reasoning levels each CLI has. */
    static final Map<EngineKind, List<EngineSpec.Reasoning>> REASONING = [
            (EngineKind.CODEX) : [EngineSpec.Reasoning.MINIMAL, EngineSpec.Reasoning.LOW, EngineSpec.Reasoning.MEDIUM,
                                  EngineSpec.Reasoning.HIGH, EngineSpec.Reasoning.XHIGH],
            (EngineKind.CLAUDE): [EngineSpec.Reasoning.LOW, EngineSpec.Reasoning.MEDIUM, EngineSpec.Reasoning.HIGH,
                                  EngineSpec.Reasoning.XHIGH, EngineSpec.Reasoning.MAX],
            (EngineKind.GEMINI): [EngineSpec.Reasoning.MINIMAL, EngineSpec.Reasoning.LOW, EngineSpec.Reasoning.MEDIUM,
                                  EngineSpec.Reasoning.HIGH]]
    /** An appended system prompt goes on the command line for Codex: it stays well under the kernel's limit. */
    static final int APPEND_LIMIT_BYTES = 64 * 1024

    final EngineKind kind
    final String name
    String binary
    String model
    List<String> args = []
    Map<String, String> env = [:]
    Duration timeout
    Integer maxTurns
    EngineSpec.Reasoning reasoning
    EngineSpec.SandboxLevel sandbox
    List<EngineSpec.Mcp> mcp = []
    String appendSystemPrompt

    AgentEngineDelegate(RecipeBuilder builder, EngineKind kind, String name) {
        super(builder)
        this.kind = kind
        this.name = name
    }

    protected String where() { "engine '${name}'" }

    protected Set<String> keywords() { KEYWORDS }

    void binary(Object path) { binary = text('binary', path) }

    void model(Object value) { model = text('model', value) }

    void args(Object... values) { args.addAll(texts('args', values)) }

    void env(Map values) {
        values.each { k, v -> env.put(k.toString(), text('env', v)) }
    }

    void timeout(Object value) { timeout = duration('timeout', value) }

    void maxTurns(Object value) {
        maxTurns = count('maxTurns', value)
    }

    /** `reasoning 'high'`: the CLI's reasoning effort. */
    void reasoning(Object value) {
        String word = text('reasoning', value)
        List<EngineSpec.Reasoning> levels = REASONING[kind]
        EngineSpec.Reasoning level = levels.find { it.wire() == word }
        if (level == null) {
            throw new DslError("unknown reasoning level '${word}' in ${where()}: ${kind.wire()} takes "
                    + levels*.wire().join(', '))
        }
        reasoning = level
    }

    /** `sandbox 'workspace-write'`: Codex's own sandbox level. */
    void sandbox(Object value) {
        String word = text('sandbox', value)
        if (kind != EngineKind.CODEX) {
            throw new DslError("'sandbox' in ${where()} is Codex's own sandbox level; for ${kind.wire()}, "
                    + "declare the task's sandbox { } block instead")
        }
        EngineSpec.SandboxLevel level = EngineSpec.SandboxLevel.values().find { it.wire() == word }
        if (level == null) {
            throw new DslError("unknown sandbox level '${word}' in ${where()}: codex takes "
                    + EngineSpec.SandboxLevel.values()*.wire().join(', '))
        }
        sandbox = level
    }

    /** `mcp 'files', command: 'npx', args: ['-y', 'server'], env: [K: 'v']` or `mcp 'docs', url: 'http://...'` */
    void mcp(Map options, Object serverName) {
        String server = text('mcp', serverName)
        if (!(server ==~ /[A-Za-z0-9_-]+/)) {
            throw new DslError("MCP server name '${server}' in ${where()}: use letters, digits, '-' and '_'")
        }
        if (mcp.any { it.name() == server }) {
            throw new DslError("MCP server '${server}' is declared twice in ${where()}")
        }
        def unknown = options.keySet() - ['command', 'args', 'env', 'url']
        boolean command = options.command != null
        if (unknown || command == (options.url != null) || (!command && (options.args || options.env))) {
            throw new DslError("'mcp' in ${where()} takes a command (with args: and env:) or a url, like: "
                    + "mcp 'files', command: 'npx', args: ['-y', 'server'] or mcp 'docs', url: 'http://127.0.0.1:8811/mcp'")
        }
        List<String> serverArgs = options.args == null ? [] : (options.args instanceof Collection
                ? (options.args as List).collect { text('mcp', it) } : [text('mcp', options.args)])
        Map<String, String> serverEnv = [:]
        if (options.env != null) {
            if (!(options.env instanceof Map)) {
                throw new DslError("wrong argument for 'mcp' env: in ${where()}: expected a map, like env: [TOKEN: '...']")
            }
            (options.env as Map).each { k, v -> serverEnv.put(k.toString(), text('mcp', v)) }
        }
        mcp << new EngineSpec.Mcp(server, command ? text('mcp', options.command) : null, serverArgs, serverEnv,
                command ? null : text('mcp', options.url))
    }

    /** `appendSystemPrompt 'Run the linter before you finish.'` */
    void appendSystemPrompt(Object value) {
        String text = value instanceof dev.wtcraft.model.Prompt ? ((dev.wtcraft.model.Prompt) value).text()
                : text('appendSystemPrompt', value)
        if (kind == EngineKind.GEMINI) {
            throw new DslError("'appendSystemPrompt' in ${where()}: gemini has no way to add to its system prompt "
                    + "(GEMINI_SYSTEM_MD replaces it whole); put the text in the task's prompt instead")
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length
        if (bytes > APPEND_LIMIT_BYTES) {
            throw new DslError("'appendSystemPrompt' in ${where()} is ${bytes} bytes; keep it under 64 KiB "
                    + "(put longer material in the task's prompt)")
        }
        appendSystemPrompt = text
    }

    /** What the CLI gets in its own terms, checked against one another. */
    @groovy.transform.PackageScope
    EngineSpec.Settings settings() {
        if (reasoning != null && kind == EngineKind.GEMINI && model == null) {
            throw new DslError("'reasoning' in ${where()} needs the model named too (gemini sets thinking per model): "
                    + "model 'gemini-2.5-pro'")
        }
        new EngineSpec.Settings(model, maxTurns, reasoning, sandbox, mcp, appendSystemPrompt)
    }
}
