package dev.wtcraft.dsl

import dev.wtcraft.model.EngineKind

/**
 * `engines { shell 'fmt', 'npx prettier --write src'; codex { model '...' }; codex('fast') { ... } }`.
 * `codex { }` configures the kind's default engine (named after the kind); `codex('fast') { }` adds a variant.
 */
class EnginesDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(EnginesDelegate)

    EnginesDelegate(RecipeBuilder builder) {
        super(builder)
    }

    protected String where() { 'the engines block' }

    protected Set<String> keywords() { KEYWORDS }

    void shell(Object name, Object command) {
        builder.shellEngine(text('shell', name), text('shell', command))
    }

    void shell(Map options, Object name, Object command) {
        def unknown = options.keySet() - ['timeout']
        if (unknown) {
            throw new DslError("unknown option '${unknown.first()}' for 'shell' in ${where()}: only timeout")
        }
        builder.shellEngine(text('shell', name), text('shell', command),
                options.timeout == null ? null : duration('timeout', options.timeout))
    }

    /** `replay 'name', 'bundles/feat-x.wtcraft-bundle'`: replays an exported task, its stream and its change. */
    void replay(Object name, Object recording) {
        replay([:], name, recording)
    }

    /** `replay 'name', run: 'RUN_ID', task: 'feat/x'`: replays a task of a recorded run of this repository. */
    void replay(Map options, Object name) {
        def unknown = options.keySet() - ['run', 'task']
        if (unknown || options.run == null || options.task == null) {
            throw new DslError("'replay' in ${where()} takes a recording or bundle file, or run: and task: (a task of"
                    + " a recorded run)")
        }
        builder.replayRun(text('replay', name), text('replay', options.run), text('replay', options.task))
    }

    /**
     * `replay 'name', 'recordings/run.jsonl', as: 'claude', exit: 0`: plays a recorded stream back, applying nothing;
     * a bundle of `wtcraft export` names its CLI and exit code itself, and its change is applied too.
     */
    void replay(Map options, Object name, Object recording) {
        def unknown = options.keySet() - ['as', 'exit']
        if (unknown) {
            throw new DslError("unknown option '${unknown.first()}' for 'replay' in ${where()}: use as: and exit:")
        }
        String file = text('replay', recording)
        if (builder.isBundle(file)) {
            if (options) {
                throw new DslError("'replay' of the bundle ${file} in ${where()} takes no as: or exit: (the bundle"
                        + " records which CLI it is and how it exited): drop them")
            }
            builder.replayBundle(text('replay', name), file)
            return
        }
        String as = options.as == null ? null : text('replay', options.as)
        EngineKind kind = as == null ? null : EngineKind.values().find { it.wire() == as }
        if (kind == null || !(kind in [EngineKind.CODEX, EngineKind.CLAUDE, EngineKind.GEMINI])) {
            throw new DslError("'replay' in ${where()} needs as: 'codex', 'claude' or 'gemini' (the CLI that recorded"
                    + " it), or a bundle of wtcraft export")
        }
        int exit = options.exit == null ? 0 : (options.exit as Integer)
        builder.replayEngine(text('replay', name), file, kind, exit)
    }

    void codex(Closure body) { agent(EngineKind.CODEX, 'codex', body) }

    void codex(Object name, Closure body) { agent(EngineKind.CODEX, text('codex', name), body) }

    void claude(Closure body) { agent(EngineKind.CLAUDE, 'claude', body) }

    void claude(Object name, Closure body) { agent(EngineKind.CLAUDE, text('claude', name), body) }

    void gemini(Closure body) { agent(EngineKind.GEMINI, 'gemini', body) }

    void gemini(Object name, Closure body) { agent(EngineKind.GEMINI, text('gemini', name), body) }

    private void agent(EngineKind kind, String name, Closure body) {
        def delegate = new AgentEngineDelegate(builder, kind, name)
        RecipeBuilder.runBlock(body, delegate)
        builder.agentEngine(delegate)
    }
}
