package dev.wtcraft.ledger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one way ledger documents become files and files become documents: jackson-databind over the records in this
 * package (snake_case names, enums by their lower-case names, times as ISO-8601), every string redacted on the way
 * out. A file that does not read as its record is refused in one line that names it.
 */
public final class LedgerCodec {
    private LedgerCodec() {
    }

    /** Built on first use: the commands that never touch a ledger (status, check) never load databind. */
    private static final class Holder {
        static final ObjectMapper MAPPER = mapper();
    }

    static ObjectMapper mapper() {
        SimpleModule enums = new SimpleModule("wtcraft-enums");
        enums.addSerializer(Enum.class, new StdSerializer<>(Enum.class) {
            @Override
            public void serialize(Enum value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.name().toLowerCase(Locale.ROOT));
            }
        });
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .addModule(enums)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /** The mapper, for the schema generator and the tests. */
    public static ObjectMapper objectMapper() {
        return Holder.MAPPER;
    }

    /** Writes a document atomically, as one line of JSON and a newline, its strings redacted. */
    public static void write(Path file, Object document) {
        AtomicFiles.write(file, text(document) + "\n");
    }

    /** A document as one line of JSON, its strings redacted. */
    public static String text(Object document) {
        try {
            JsonNode tree = Holder.MAPPER.valueToTree(document);
            return Holder.MAPPER.writeValueAsString(redact(tree));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + document.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A document as plain maps and lists (its strings redacted), for a command to print beside fields of its own. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(Object document) {
        return Holder.MAPPER.convertValue(redact(Holder.MAPPER.valueToTree(document)), Map.class);
    }

    /** Reads a document, or refuses the file in one line: missing, not a regular file, damaged, or too new. */
    public static <T> T read(Path file, Class<T> type) {
        return readIfPresent(file, type).orElseThrow(() -> damaged(file, "it is missing"));
    }

    /** The same, empty when there is no such file. */
    public static <T> Optional<T> readIfPresent(Path file, Class<T> type) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw damaged(file, "it is not a regular file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw damaged(file, "it cannot be read (" + e.getMessage() + ")");
        }
        return Optional.of(parse(file.toString(), text, type));
    }

    /** Parses one document (a file's text, or one line of a .jsonl file), naming {@code where} when it is damaged. */
    public static <T> T parse(String where, String text, Class<T> type) {
        JsonNode tree;
        try {
            tree = Holder.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw damaged(where, "it is not JSON (" + e.getOriginalMessage() + location(e) + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw damaged(where, "it is not a JSON object");
        }
        if (LedgerDocument.class.isAssignableFrom(type)) {
            JsonNode version = tree.get("schema_version");
            if (version != null && (!version.canConvertToInt() || !version.isIntegralNumber())) {
                throw damaged(where, "its schema_version is not a number");
            }
            int v = version == null ? 0 : version.intValue();
            if (version == null) {
                ((ObjectNode) tree).put("schema_version", 0); // written before versions were recorded: the same fields
            }
            if (v > LedgerDocument.SCHEMA_VERSION) {
                throw new WtcraftException(dev.wtcraft.ExitCodes.FATAL, where + ": written by a newer wtcraft (schema "
                        + "version " + v + "; this one reads up to " + LedgerDocument.SCHEMA_VERSION + "): upgrade wtcraft");
            }
        }
        try {
            return Holder.MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw damaged(where, describe(e));
        }
    }

    /** An in-memory document of maps (an engine's usage) as its record; a field the record lacks is an error. */
    public static <T> T convert(Map<String, ?> document, Class<T> type) {
        return Holder.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).convertValue(document, type);
    }

    private static WtcraftException damaged(Object where, String why) {
        return WtcraftException.fatal("damaged ledger file " + where + ": " + why
                + " (move it aside or delete that run's directory; other runs are not affected)");
    }

    private static String describe(Exception e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
            String found = m instanceof InvalidFormatException f ? ", not " + f.getValue() : "";
            return "field " + path + " has the wrong type or value"
                    + (target == null ? "" : " (expected " + expected(target) + found + ")");
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v
                && v.getCause() instanceof IllegalArgumentException refused) {
            return refused.getMessage(); // a record's own check says what is wrong, in its words
        }
        String what = e.getMessage();
        int cut = what == null ? -1 : what.indexOf('\n');
        return cut < 0 ? String.valueOf(what) : what.substring(0, cut);
    }

    /** What a field of this type holds, in words. */
    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder("one of ");
            for (Object c : type.getEnumConstants()) {
                names.append(names.length() > 7 ? ", " : "").append(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            }
            return names.toString();
        }
        if (type == java.time.Instant.class) {
            return "a time such as 2026-01-31T12:00:00Z";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return type == boolean.class ? "true or false" : "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String location(JsonProcessingException e) {
        var at = e.getLocation();
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(redact(e.getValue()));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, redact(a.get(i)));
            }
        } else if (node instanceof TextNode t) {
            String clean = Redaction.apply(t.textValue());
            return clean.equals(t.textValue()) ? t : TextNode.valueOf(clean);
        }
        return node;
    }
}
