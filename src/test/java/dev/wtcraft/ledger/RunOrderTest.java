package dev.wtcraft.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs started in the same second are listed in the order they started, so "last" is the last one started. */
class RunOrderTest {
    @TempDir
    Path repo;

    private void run(String id, String startedAt) throws Exception {
        Path dir = repo.resolve(".wtcraft/runs").resolve(id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.json"), "{\"schema_version\":1,\"run_id\":\"" + id + "\",\"started_at\":\"" + startedAt + "\"}");
    }

    @Test
    void theSameSecondIsOrderedByWhenEachStarted() throws Exception {
        run("20261203T073654Z-ffffff", "2026-12-03T07:36:54.900Z");
        run("20261203T073655Z-ffffff", "2026-12-03T07:36:55.100Z"); // first in that second, last by name
        run("20261203T073655Z-000000", "2026-12-03T07:36:55.700Z");
        run("20261203T073655Z-888888", "2026-12-03T07:36:55.300Z");
        RunHistory history = new RunHistory(repo);
        assertEquals(List.of("20261203T073654Z-ffffff", "20261203T073655Z-ffffff", "20261203T073655Z-888888",
                "20261203T073655Z-000000"), history.runIds());
        assertEquals("20261203T073655Z-000000", history.resolve("last"));
    }
}
