package dev.wtcraft.engine;

import dev.wtcraft.ledger.Event;
import dev.wtcraft.ledger.EventLog;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long text is written once, by reference into its raw line, and never where that would carry a secret. */
class NormalizedLinesTest {
    @TempDir
    Path dir;

    private List<String> record(String line) throws Exception {
        Path file = dir.resolve("events-" + System.nanoTime() + ".jsonl");
        try (EventLog log = new EventLog(file)) {
            NormalizedLines.record(log, new CodexStream(null), line);
        }
        return Files.readAllLines(file);
    }

    private static String reasoning(String text) {
        return "{\"type\":\"item.completed\",\"item\":{\"id\":\"i\",\"type\":\"reasoning\",\"text\":\"" + text + "\"}}";
    }

    @Test
    void aLongTextIsWrittenOnceAndReadsBackWhole() throws Exception {
        String text = "thinking ".repeat(40);
        List<String> lines = record(reasoning(text));
        assertEquals(1, lines.size());
        assertEquals(1, lines.get(0).split(text, -1).length - 1, lines.get(0));
        assertTrue(lines.get(0).contains("\"refs\":{\"text\":\"/item/text\"}"), lines.get(0));
        Event e = LedgerCodec.parse("line", lines.get(0), Event.class);
        assertEquals(text, e.text("text"));
        assertEquals(reasoning(text), e.text("raw"));
    }

    @Test
    void aShortTextIsWrittenOut() throws Exception {
        String line = record(reasoning("brief")).get(0);
        assertFalse(line.contains("\"refs\""), line);
        assertTrue(line.contains("\"text\":\"brief\""), line);
    }

    @Test
    void aLineWithASecretIsRedactedInBothPlacesAndHoldsNoReference() throws Exception {
        Redaction.secret("NORMALIZED_TEST_SECRET", "hunter2-the-long-secret-value");
        String text = "the key is hunter2-the-long-secret-value " + "and more ".repeat(20);
        String line = record(reasoning(text)).get(0);
        assertFalse(line.contains("hunter2-the-long-secret-value"), line);
        assertFalse(line.contains("\"refs\""), line);
        assertEquals(2, line.split("\\[REDACTED:NORMALIZED_TEST_SECRET]", -1).length - 1, line);
    }

    @Test
    void aCredentialOnlyTheDecodedTextShowsIsRedactedThereAndNotReferenced() throws Exception {
        // "\u0073k-ant-..." is "sk-ant-..." once decoded: the raw line does not match the shape, its text does
        String escaped = "\\u0073k-ant-api03-" + "A".repeat(40) + " " + "pad ".repeat(40);
        String line = record(reasoning(escaped)).get(0);
        assertFalse(line.contains("\"refs\""), line);
        Event e = LedgerCodec.parse("line", line, Event.class);
        assertTrue(e.text("text").startsWith("[REDACTED:anthropic-key]"), e.text("text"));
        // and the raw line, decoded, holds it no more: it is written again from its redacted strings
        String decoded = dev.wtcraft.io.JsonText.parse(e.text("raw")).toString();
        assertFalse(decoded.contains("sk-ant-api03"), decoded);
        assertTrue(decoded.contains("[REDACTED:anthropic-key]"), decoded);
    }

    @Test
    void aPasswordBehindEscapedSlashesIsRedactedInTheRawLineToo() throws Exception {
        String text = "cloning https:\\/\\/deploy:s3cr3t-passw0rd@git.example.com\\/repo " + "pad ".repeat(40);
        String line = record(reasoning(text)).get(0);
        Event e = LedgerCodec.parse("line", line, Event.class);
        String decoded = dev.wtcraft.io.JsonText.parse(e.text("raw")).toString();
        assertFalse(decoded.contains("s3cr3t-passw0rd"), decoded);
        assertFalse(e.text("text").contains("s3cr3t-passw0rd"), e.text("text"));
    }

    @Test
    void aLineWhoseEscapesHideNothingIsKeptVerbatim() throws Exception {
        String raw = reasoning("two\\nlines " + "and more ".repeat(20));
        String line = record(raw).get(0);
        assertEquals(raw, LedgerCodec.parse("line", line, Event.class).text("raw"));
    }
}
