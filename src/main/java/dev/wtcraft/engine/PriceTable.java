package dev.wtcraft.engine;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.JsonText;
import dev.wtcraft.model.EngineKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * List prices per million tokens, for cost estimates labelled as such. The built-in table is overridden, model by
 * model, by `$WTCRAFT_PRICES` or `~/.config/wtcraft/prices.json` (the same shape).
 */
public final class PriceTable {
    /** USD per million tokens. */
    public record Price(double input, double cachedInput, double cacheWrite, double output) {
    }

    private final Map<String, Price> prices;
    private final String source;

    private PriceTable(Map<String, Price> prices, String source) {
        this.prices = prices;
        this.source = source;
    }

    public static PriceTable load(Map<String, String> env) {
        Map<String, Price> prices = new LinkedHashMap<>();
        try (InputStream in = PriceTable.class.getResourceAsStream("/wtcraft-prices.json")) {
            read(new String(in.readAllBytes(), StandardCharsets.UTF_8), prices, "built-in price table");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the built-in price table is missing from this build", e);
        }
        String source = "built-in price table";
        Path override = env.get("WTCRAFT_PRICES") != null ? Path.of(env.get("WTCRAFT_PRICES"))
                : env.get("HOME") == null ? null : Path.of(env.get("HOME"), ".config", "wtcraft", "prices.json");
        if (override != null && Files.isRegularFile(override)) {
            try {
                read(Files.readString(override, StandardCharsets.UTF_8), prices, override.toString());
            } catch (IOException e) {
                throw WtcraftException.fatal("cannot read the price table " + override + ": " + e.getMessage());
            }
            source = "built-in price table with " + override;
        }
        return new PriceTable(prices, source);
    }

    private static void read(String text, Map<String, Price> into, String where) throws IOException {
        Object doc = JsonText.parse(text);
        if (!(doc instanceof Map<?, ?> m) || !(m.get("models") instanceof Map<?, ?> models)) {
            throw WtcraftException.fatal("price table " + where + " must be {\"models\": {name: {input, output, ...}}}");
        }
        for (var e : models.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> p) {
                into.put(e.getKey().toString(), new Price(d(p.get("input")), d(p.get("cached_input")),
                        d(p.get("cache_write")), d(p.get("output"))));
            }
        }
    }

    private static double d(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0.0;
    }

    /**
     * The estimate: per model where the CLI broke usage down, else for the run's model. OpenAI and Gemini count
     * cached tokens inside input tokens; Anthropic counts them apart.
     */
    public Map<String, Object> estimate(EngineKind kind, String model, Usage usage) {
        Map<String, Object> cost = new LinkedHashMap<>();
        double total = 0;
        boolean priced = true;
        java.util.List<String> unpriced = new java.util.ArrayList<>();
        Map<String, Map<String, Long>> perModel = usage.models().isEmpty() && model != null
                ? Map.of(model, Usage.counts(usage.inputTokens(), usage.cachedInputTokens(),
                usage.cacheWriteInputTokens(), usage.outputTokens(), usage.reasoningTokens()))
                : usage.models();
        for (var e : perModel.entrySet()) {
            Price p = prices.get(e.getKey());
            if (p == null) {
                priced = false;
                unpriced.add(e.getKey());
                continue;
            }
            long in = e.getValue().getOrDefault("input_tokens", 0L);
            long cached = e.getValue().getOrDefault("cached_input_tokens", 0L);
            long write = e.getValue().getOrDefault("cache_write_input_tokens", 0L);
            long out = e.getValue().getOrDefault("output_tokens", 0L);
            long fresh = kind == EngineKind.CLAUDE ? in : Math.max(0, in - cached);
            total += (fresh * p.input() + cached * p.cachedInput() + write * p.cacheWrite() + out * p.output()) / 1e6;
        }
        cost.put("estimate_usd", perModel.isEmpty() || !priced && total == 0 ? null : Math.round(total * 1e6) / 1e6);
        cost.put("basis", "estimate from the " + source + "; not a bill");
        cost.put("unpriced_models", unpriced);
        cost.put("engine_reported_usd", usage.engineCostUsd());
        return cost;
    }
}
