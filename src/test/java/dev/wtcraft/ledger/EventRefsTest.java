package dev.wtcraft.ledger;

import dev.wtcraft.WtcraftException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A field written by reference into its raw line reads back as the value itself, and a broken reference is named. */
class EventRefsTest {
    @TempDir
    Path dir;

    @Test
    void aFieldHeldByReferenceReadsBackWhole() throws Exception {
        String text = "y".repeat(300);
        String raw = "{\"type\":\"item.completed\",\"item\":{\"type\":\"reasoning\",\"text\":\"" + text + "\"}}";
        Path file = dir.resolve("events.jsonl");
        try (EventLog log = new EventLog(file)) {
            log.appendClean("agent.reasoning", Map.of("raw", raw), Map.of("text", "/item/text"));
        }
        String line = Files.readAllLines(file).get(0);
        assertEquals(1, line.split(text, -1).length - 1, "the text is written once: " + line);
        Event event = LedgerCodec.parse("events.jsonl line 1", line, Event.class);
        assertEquals(text, event.text("text"));
        assertEquals(raw, event.text("raw"));
        assertTrue(event.refs().isEmpty());
    }

    @Test
    void aReferenceTheRawLineDoesNotHoldIsADamagedLine() {
        String line = "{\"seq\":1,\"ts\":\"2026-12-03T06:19:43Z\",\"type\":\"agent.reasoning\","
                + "\"data\":{\"raw\":\"{\\\"a\\\":1}\"},\"refs\":{\"text\":\"/item/text\"}}";
        WtcraftException e = assertThrows(WtcraftException.class, () -> LedgerCodec.parse("events.jsonl line 4", line, Event.class));
        assertTrue(e.getMessage().contains("events.jsonl line 4: refs.text names"), e.getMessage());
        assertTrue(e.getMessage().contains("/item/text"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void eventsWithoutReferencesReadAsBefore() {
        Event e = LedgerCodec.parse("x", "{\"seq\":2,\"ts\":\"2026-12-03T06:19:43Z\",\"type\":\"stdout\",\"data\":{\"line\":\"hi\"}}", Event.class);
        assertEquals(List.of("line"), List.copyOf(e.data().keySet()));
    }
}
