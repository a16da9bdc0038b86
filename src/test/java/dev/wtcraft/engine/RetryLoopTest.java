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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CLI caught in a retry loop is stopped by wtcraft where the CLI's own bound is not in force: after the
 * retries it is allowed, or at once when its next announced retry would pass the timeout. Real processes that
 * print what the CLIs print while they retry.
 */
class RetryLoopTest {

    static EngineResult run(Path dir, EngineKind kind, String script, Duration timeout) throws Exception {
        Path cli = dir.resolve("cli");
        Files.writeString(cli, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
        // a home without a config.toml naming a provider: Codex's retries are not bounded in its own terms
        EngineSpec spec = new EngineSpec(kind.wire(), kind, new EngineSpec.Launch(null, cli.toString(), List.of(),
                Map.of("HOME", dir.toString(), "CODEX_HOME", dir.resolve("codex-home").toString())), null, null, null, null);
        try (EventLog events = new EventLog(dir.resolve("events.jsonl"))) {
            return new AgentEngine(spec, () -> false, PriceTable.load(Map.of())).run(new EngineRun(dir, "p",
                    dir.resolve("prompt.md"), Map.of(), events, dir, EngineRun.Boundary.none(),
                    EngineRun.Gates.timeout(timeout), EngineRun.Resume.FIRST, null));
        }
    }

    @Test
    void codexStillReconnectingAfterTwoRetriesIsStoppedAsAnApiError(@TempDir Path dir) throws Exception {
        long start = System.nanoTime();
        EngineResult r = run(dir, EngineKind.CODEX, "echo '{\"type\":\"thread.started\",\"thread_id\":\"t\"}'\n"
                + "for i in 1 2 3 4 5; do echo \"{\\\"type\\\":\\\"error\\\",\\\"message\\\":\\\"Reconnecting... $i/5 "
                + "(stream error: unexpected status 503)\\\"}\"; sleep 1; done\n"
                + "echo '{\"type\":\"turn.failed\",\"error\":{\"message\":\"gave up\"}}'; exit 1\n", Duration.ofMinutes(1));
        assertEquals(EngineOutcome.API_ERROR, r.outcome());
        assertEquals("API error (HTTP 503, retry 3): still failing after 2 retries; wtcraft stopped it", r.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0, "stopped at the third");
        assertTrue(Files.readString(dir.resolve("events.jsonl")).contains("\"type\":\"engine.stopping\""));
    }

    @Test
    void aRetryWhoseAnnouncedDelayWouldPassTheTimeoutIsStoppedAtOnce(@TempDir Path dir) throws Exception {
        long start = System.nanoTime();
        EngineResult r = run(dir, EngineKind.CLAUDE, "echo '{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s\"}'\n"
                + "echo '{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":1,\"max_retries\":10,"
                + "\"retry_delay_ms\":600000,\"error_status\":429,\"error\":\"rate_limit\"}'\nsleep 30\n", Duration.ofSeconds(20));
        assertEquals(EngineOutcome.API_ERROR, r.outcome());
        assertEquals("API error (HTTP 429, retry 1): its next try, in 10m, would pass its timeout of 20s; wtcraft stopped it",
                r.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0, "not at the timeout");
    }
}
