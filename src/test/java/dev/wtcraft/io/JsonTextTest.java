package dev.wtcraft.io;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTextTest {

    @Test
    void writesCompactJsonKeepingOrderAndEscaping() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("z", 1);
        doc.put("a", Arrays.asList("x\"y\n", null, true, 2.5));
        doc.put("n", null);
        assertEquals("{\"z\":1,\"a\":[\"x\\\"y\\n\",null,true,2.5],\"n\":null}", JsonText.write(doc));
    }

    @Test
    void parsesFlatObjectsAndRefusesNestingDuplicatesAndTrailingText() throws Exception {
        Map<String, Object> m = JsonText.parseFlatObject("{\"a\": 1, \"b\": \"s\", \"c\": null, \"d\": false}");
        assertEquals(Arrays.asList("a", "b", "c", "d"), java.util.List.copyOf(m.keySet()));
        assertEquals(1L, m.get("a"));
        assertThrows(JsonText.NotFlatObject.class, () -> JsonText.parseFlatObject("{\"a\": {\"b\": 1}}"));
        assertThrows(JsonText.NotFlatObject.class, () -> JsonText.parseFlatObject("{\"a\": 1, \"a\": 2}"));
        assertThrows(JsonText.NotFlatObject.class, () -> JsonText.parseFlatObject("{\"a\": 1} x"));
        assertThrows(JsonText.NotFlatObject.class, () -> JsonText.parseFlatObject("[1]"));
    }
}
