package dev.wtcraft.engine;

import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A resumed Codex thread reports its running total; the budget and the ledger must see only this run's share. */
class ResumedUsageTest {

    @Test
    void theLiveUsageAndUsageJsonOfAResumedCodexRunAreItsOwnShare(@TempDir Path dir) throws Exception {
        Path codex = dir.resolve("codex");
        Files.writeString(codex, "#!/bin/sh\n"
                + "echo '{\"type\":\"thread.started\",\"thread_id\":\"t-1\"}'\n"
                + "echo '{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":6000,\"cached_input_tokens\":1200,"
                + "\"output_tokens\":48,\"reasoning_output_tokens\":0}}'\n");
        Files.setPosixFilePermissions(codex, PosixFilePermissions.fromString("rwxr-xr-x"));
        EngineSpec spec = new EngineSpec("codex", EngineKind.CODEX,
                new EngineSpec.Launch(null, codex.toString(), List.of(), Map.of()), null, null, null, null);
        Map<String, Object> before = Map.of("session_input_tokens", 4500L, "session_cached_input_tokens", 900L,
                "session_output_tokens", 36L, "session_reasoning_output_tokens", 0L);
        List<Long> seen = new ArrayList<>();
        EngineResult result;
        try (EventLog events = new EventLog(dir.resolve("events.jsonl"))) {
            result = new AgentEngine(spec, () -> false, PriceTable.load(Map.of())).run(new EngineRun(dir, "fix it",
                    dir.resolve("prompt.md"), Map.of(), events, dir, EngineRun.Boundary.none(),
                    new EngineRun.Gates(Duration.ofSeconds(30), (usage, cost) -> seen.add(usage.inputTokens()), null),
                    new EngineRun.Resume(2, "t-1", before), null));
        }
        assertEquals(List.of(1500L), seen);
        assertEquals(1500L, result.usage().get("input_tokens"));
        assertEquals(300L, result.usage().get("cached_input_tokens"));
        assertEquals(12L, result.usage().get("output_tokens"));
        assertEquals(6000L, result.usage().get("session_input_tokens"));
    }
}
