package dev.wtcraft.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/schema/ holds exactly what the records generate: a record that gains a field without its schema being
 * written again fails here. `mvn test -Dtest=LedgerSchemaTest -Dwtcraft.schema.write=true` writes them.
 */
class LedgerSchemaTest {
    private static final Path DIR = Path.of("docs", "schema");

    @Test
    void theCommittedSchemasAreTheRecordsOwn() throws IOException {
        boolean write = Boolean.getBoolean("wtcraft.schema.write");
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Class<?>> e : LedgerSchemas.DOCUMENTS.entrySet()) {
            JsonNode generated = LedgerSchemas.generate(e.getValue());
            String text = LedgerCodec.objectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n";
            Path file = DIR.resolve(e.getKey());
            if (write) {
                Files.createDirectories(DIR);
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } else if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                stale.add(e.getKey());
            }
        }
        assertEquals(List.of(), stale, "docs/schema/ is not what the ledger's records generate; write them again with "
                + "mvn test -Dtest=LedgerSchemaTest -Dwtcraft.schema.write=true");
    }

    @Test
    void everyDocumentCarriesItsSchemaVersion() {
        for (Class<?> type : LedgerSchemas.DOCUMENTS.values()) {
            if (type == Event.class || type == LedgerSchemas.LandingLine.class) {
                continue; // a line of a log; the documents around it carry the version
            }
            assertTrue(LedgerDocument.class.isAssignableFrom(type), type.getSimpleName() + " is a ledger document");
        }
    }
}
