package dev.wtcraft.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON Schema of every ledger document, generated from its record: property names as the codec writes them
 * (snake_case), enums by their lower-case names, every property present (null where the type allows it).
 */
public final class LedgerSchemas {
    /** One line of `.wtcraft/runs/landings.jsonl`: an event whose data is what `finish` landed. */
    public record LandingLine(long seq, Instant ts, String type, FinishRecord data) {
    }

    /** Each document's schema file name (under docs/schema/) and the record it is generated from. */
    public static final Map<String, Class<?>> DOCUMENTS = new LinkedHashMap<>();

    static {
        DOCUMENTS.put("run.schema.json", RunRecord.class);
        DOCUMENTS.put("meta.schema.json", TaskMeta.class);
        DOCUMENTS.put("usage.schema.json", UsageRecord.class);
        DOCUMENTS.put("check.schema.json", CheckRecord.class);
        DOCUMENTS.put("verify.schema.json", VerifyRecord.class);
        DOCUMENTS.put("diff.schema.json", DiffRecord.class);
        DOCUMENTS.put("setup.schema.json", dev.wtcraft.ledger.SetupRecord.class);
        DOCUMENTS.put("review.schema.json", ReviewRecord.class);
        DOCUMENTS.put("finish.schema.json", FinishRecord.class);
        DOCUMENTS.put("landing.schema.json", LandingLine.class);
        DOCUMENTS.put("event.schema.json", Event.class);
        DOCUMENTS.put("ci.schema.json", dev.wtcraft.ledger.CiRecord.class);
        DOCUMENTS.put("bundle-manifest.schema.json", BundleManifest.class);
    }

    private LedgerSchemas() {
    }

    public static JsonNode generate(Class<?> type) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(LedgerCodec.objectMapper(),
                SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                        Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields()
                .withPropertyNameOverrideResolver(f -> snake(f.getName()))
                // a field left out when empty (an event's refs) is optional; every other one is always written
                .withRequiredCheck(f -> f.getAnnotationConsideringFieldAndGetter(com.fasterxml.jackson.annotation.JsonInclude.class) == null)
                .withNullableCheck(f -> !f.getType().getErasedType().isPrimitive());
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            Class<?> erased = javaType.getErasedType();
            if (!erased.isEnum()) {
                return null;
            }
            ObjectNode node = context.getGeneratorConfig().createObjectNode().put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : erased.getEnumConstants()) {
                values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return new CustomDefinition(node);
        });
        ObjectNode schema = (ObjectNode) new SchemaGenerator(config.build()).generateSchema(type);
        ObjectNode out = LedgerCodec.objectMapper().createObjectNode();
        out.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        out.put("$id", "https://wtcraft.dev/schema/ledger/" + LedgerDocument.SCHEMA_VERSION + "/"
                + DOCUMENTS.entrySet().stream().filter(e -> e.getValue() == type).findFirst().orElseThrow().getKey());
        out.put("title", type.getSimpleName());
        out.setAll(schema);
        return out;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
