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

    @Test
    void aSlowReaderGetsAllOfTheOutputAfterTheStepHasEnded(@TempDir Path dir) {
        // the step prints its lines and ends at once; the reader takes 1.5 s over each, 6 s in all: what it has
        // not read yet when the step ends is still read (the last line is where an agent CLI puts its answer)
        var lines = new java.util.ArrayList<String>();
        var slow = new java.io.OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b != '\n') {
                    line.append((char) b);
                    return;
                }
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (lines) {
                    lines.add(line.toString());
                }
                line.setLength(0);
            }
        };
        var outcome = StepRunner.bash(dir, "printf 'one\\ntwo\\nthree\\nthe answer\\n'", slow,
                new ByteArrayOutputStream(), null, null);
        assertEquals(0, outcome.exitCode());
        synchronized (lines) {
            assertEquals(List.of("one", "two", "three", "the answer"), lines);
        }
    }

    @Test
    void aProcessThatEscapedTheGroupAndHoldsTheOutputOpenIsGivenUpOnOnceSilent(@TempDir Path dir) throws Exception {
        // a new session keeps the step's stdout open for 60 s without writing to it
        String script = "echo before; setsid sleep 60 & echo $! > escaped.pid; exit 0";
        var out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        var outcome = StepRunner.bash(dir, script, out, new ByteArrayOutputStream(), null, null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long pid = Long.parseLong(Files.readString(dir.resolve("escaped.pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        assertEquals(0, outcome.exitCode());
        assertEquals("before\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "waited " + took + " for a silent pipe");
    }
}
