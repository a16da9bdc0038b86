package dev.wtcraft.engine;

import dev.wtcraft.model.EngineSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a recorded agent stream back through that CLI's parser into the ledger, applying nothing: recipes can be
 * tested without an agent, and the parsers are exercised on real recordings.
 */
public final class ReplayEngine implements Engine {
    private final EngineSpec spec;
    private final PriceTable prices;

    public ReplayEngine(EngineSpec spec, PriceTable prices) {
        this.spec = spec;
        this.prices = prices;
    }

    @Override
    public String describe() {
        return "replay of " + spec.replay().recording().getFileName() + " (" + spec.replay().as().wire() + ")";
    }

    @Override
    public EngineResult run(EngineRun run) {
        EngineSpec.Replay replay = spec.replay();
        StreamParser parser = AgentEngine.cliFor(replay.as()).parser();
        run.events().append("engine.started", Map.of("engine", spec.name(), "kind", "replay",
                "recording", replay.recording().toString(), "as", replay.as().wire()));
        long start = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(replay.recording(), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                NormalizedLines.record(run.events(), parser, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + replay.recording() + ": " + e.getMessage(), e);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        StreamSummary summary = parser.summary();
        Classifier.Verdict v = Classifier.classify(summary, replay.exitCode(), false, false, duration, List.of());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("engine", spec.name());
        usage.put("kind", "replay");
        usage.put("session_id", summary.sessionId());
        usage.put("model", summary.model());
        usage.putAll(summary.usage().toDocument());
        usage.put("cost", prices.estimate(replay.as(), summary.model(), summary.usage()));
        usage.put("unparsed_lines", summary.unparsedLines());
        Map<String, Object> exited = new LinkedHashMap<>();
        exited.put("exit_code", replay.exitCode());
        exited.put("outcome", v.outcome().wire());
        exited.put("reason", v.reason());
        exited.put("session_id", summary.sessionId());
        run.events().append("engine.exited", exited);
        return new EngineResult(v.outcome(), replay.exitCode(), v.reason(), duration, summary.lastMessage(), usage,
                summary.sessionId());
    }
}
