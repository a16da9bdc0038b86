package dev.wtcraft.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimestampsTest {
    @Test
    void writesWhatInstantWrites() {
        Random random = new Random(3);
        long base = Instant.parse("2026-12-03T06:19:43Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(base + random.nextInt(3), nano);
            assertEquals(t.toString(), Timestamps.format(t));
        }
        Instant far = Instant.parse("+12026-01-01T00:00:00.5Z");
        assertEquals(far.toString(), Timestamps.format(far));
    }
}
