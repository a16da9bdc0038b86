package dev.wtcraft.dsl

import dev.wtcraft.model.EngineKind

import java.time.Duration

/** The settings of an agent CLI engine: binary, model, args, env, timeout, maxTurns. */
class AgentEngineDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = ['binary', 'model', 'args', 'env', 'timeout', 'maxTurns'] as Set

    final EngineKind kind
    final String name
    String binary
    String model
    List<String> args = []
    Map<String, String> env = [:]
    Duration timeout
    Integer maxTurns

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
}
