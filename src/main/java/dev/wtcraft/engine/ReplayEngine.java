package dev.wtcraft.engine;

import dev.wtcraft.model.EngineSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
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
        StreamParser parser = AgentEngine.cliFor(replay.as()).parser(run);
        run.events().append("engine.started", Map.of("engine", spec.name(), "kind", "replay",
                "recording", replay.recording().toString(), "as", replay.as().wire()));
        long start = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(replay.recording(), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (NormalizedLines.reportsUsage(NormalizedLines.record(run.events(), parser, line)) && run.gates().onUsage() != null) {
                    run.gates().onUsage().accept(parser.summary().usage(), prices.estimate(replay.as(),
                            parser.summary().model(), parser.summary().usage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + replay.recording() + ": " + e.getMessage(), e);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        StreamSummary summary = parser.summary();
        Classifier.Verdict v = Classifier.classify(summary, replay.exitCode(), false, false, duration, List.of());
        Map<String, Object> usage = EngineRecords.usage(spec.name(), "replay", replay.as(), null, summary,
                summary.usage(), prices);
        run.events().append("engine.exited", EngineRecords.exited(replay.exitCode(), v, duration, summary));
        return new EngineResult(v.outcome(), replay.exitCode(), v.reason(), duration, summary.lastMessage(), usage,
                summary.sessionId());
    }
}
