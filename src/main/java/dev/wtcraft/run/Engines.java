package dev.wtcraft.run;

import dev.wtcraft.engine.AgentEngine;
import dev.wtcraft.engine.Engine;
import dev.wtcraft.engine.FakeEngine;
import dev.wtcraft.engine.PriceTable;
import dev.wtcraft.engine.ReplayEngine;
import dev.wtcraft.engine.ShellEngine;
import dev.wtcraft.model.EngineSpec;

import java.util.function.BooleanSupplier;

/** The engine for a spec: the shell engine, a replay, an agent CLI adapter, or a test's scripted engine. */
final class Engines {
    private Engines() {
    }

    /** @param interrupted whether the run is being stopped (an engine killed then counts as interrupted) */
    static Engine create(EngineSpec spec, BooleanSupplier interrupted, PriceTable prices) {
        return create(spec, interrupted, prices, null);
    }

    /** @param scripts what the fake engines of a test do (`wtcraft test`), or null outside a test */
    static Engine create(EngineSpec spec, BooleanSupplier interrupted, PriceTable prices, FakeEngine.Scripts scripts) {
        return switch (spec.kind()) {
            case SHELL -> new ShellEngine(spec.command(), interrupted);
            case FAKE -> new FakeEngine(spec, scripts, interrupted, scripts == null || scripts.declared(spec.name()) == null
                    ? null : create(scripts.declared(spec.name()), interrupted, prices, null));
            case REPLAY -> new ReplayEngine(spec, prices);
            case CODEX, CLAUDE, GEMINI -> new AgentEngine(spec, interrupted, prices);
        };
    }
}
