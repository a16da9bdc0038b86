package dev.wtcraft.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A process that cannot start says why in a few words: never its arguments (a prompt) or its variables (a secret). */
class StartFailureTest {
    private static final String MARK = "prompt-or-secret-5e0d";

    @Test
    void anArgumentListTooLongIsNamedWithoutTheArguments(@TempDir Path dir) {
        String huge = MARK + "x".repeat(4 << 20);
        var e = assertThrows(RuntimeException.class, () -> Exec.run(dir, List.of("echo", huge), Map.of(), null));
        assertFalse(e.getMessage().contains(MARK), e.getMessage().substring(0, Math.min(300, e.getMessage().length())));
        assertTrue(e.getMessage().contains("Argument list too long"), e.getMessage());
    }

    @Test
    void aStepThatCannotStartNamesNeitherItsArgumentsNorItsEnvironment(@TempDir Path dir) {
        String huge = MARK + "x".repeat(4 << 20);
        var err = new ByteArrayOutputStream();
        try {
            var o = StepRunner.run(dir, List.of("echo", huge), new ByteArrayOutputStream(), err, Duration.ofSeconds(30),
                    Map.of("BIG_SECRET", huge));
            assertTrue(o.exitCode() != 0);
            assertFalse(err.toString().contains(MARK));
        } catch (RuntimeException e) {
            assertFalse(e.getMessage().contains(MARK), e.getMessage().substring(0, Math.min(300, e.getMessage().length())));
        }
    }
}
