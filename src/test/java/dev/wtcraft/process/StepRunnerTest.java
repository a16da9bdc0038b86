package dev.wtcraft.process;

import dev.wtcraft.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepRunnerTest {

    @Test
    void streamsOutputAndReportsTheExitCode(@TempDir Path dir) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var outcome = StepRunner.bash(dir, "echo out; echo err >&2; exit 4", out, err, null, null);
        assertEquals(4, outcome.exitCode());
        assertFalse(outcome.timedOut());
        assertEquals("out\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTimeoutKillsTheWholeProcessGroupGrandchildrenIncluded(@TempDir Path dir) throws Exception {
        // the grandchild detaches from the shell's stdout and records its pid; only a group kill reaches it
        String script = "sleep 300 >/dev/null 2>&1 & echo $! > grandchild.pid; wait";
        var outcome = StepRunner.bash(dir, script, new ByteArrayOutputStream(), new ByteArrayOutputStream(),
                Duration.ofMillis(700), null);
        assertTrue(outcome.timedOut());
        long pid = Long.parseLong(Files.readString(dir.resolve("grandchild.pid")).strip());
        assertTrue(Processes.stops(pid, Duration.ofSeconds(5)), "the grandchild " + pid + " outlived the timeout");
    }

    @Test
    void stdinIsClosedSoAReaderDoesNotHang(@TempDir Path dir) {
        var out = new ByteArrayOutputStream();
        var outcome = StepRunner.run(dir, List.of("cat"), out, new ByteArrayOutputStream(), Duration.ofSeconds(10), null);
        assertFalse(outcome.timedOut());
        assertEquals(0, outcome.exitCode());
    }
}
