package dev.wtcraft;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/architecture.md is the map of the code: it names exactly the packages there are, and the house rules hold. */
class ArchitectureTest {
    private static final Path JAVA = Path.of("src/main/java/dev/wtcraft");
    private static final Path GROOVY = Path.of("src/main/groovy/dev/wtcraft");

    @Test
    void theArchitecturePageListsEveryPackageAndNoOther() throws IOException {
        TreeSet<String> actual = new TreeSet<>();
        for (Path root : List.of(JAVA, GROOVY)) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(Files::isDirectory).forEach(d -> actual.add(d.getFileName().toString()));
            }
        }
        String page = Files.readString(Path.of("docs/architecture.md"), StandardCharsets.UTF_8);
        TreeSet<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z]+)` \\|").matcher(page);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(actual, documented, "docs/architecture.md's package table and the packages under src/main differ");
    }

    @Test
    void onlyTheDslImportsGroovyAndNoMainFileIsOver400Lines() throws IOException {
        List<String> groovyImports = new ArrayList<>();
        List<String> long_ = new ArrayList<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                if (!f.startsWith(JAVA.resolve("dsl")) && lines.stream().anyMatch(l -> l.startsWith("import groovy.")
                        || l.startsWith("import org.codehaus.groovy.") || l.startsWith("import org.apache.groovy."))) {
                    groovyImports.add(f.toString());
                }
                if (lines.size() > 400) {
                    long_.add(f + " (" + lines.size() + " lines)");
                }
            }
        }
        assertEquals(List.of(), groovyImports, "the Java core imports Groovy");
        assertEquals(List.of(), long_, "main files over 400 lines");
    }

    @Test
    void onlyTraceOtlpSenderNamesTheOpenTelemetrySdk() throws IOException {
        List<String> naming = new ArrayList<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (!f.equals(JAVA.resolve("trace/OtlpSender.java"))
                        && Files.readString(f, StandardCharsets.UTF_8).contains("io.opentelemetry.")) {
                    naming.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), naming, "the OpenTelemetry SDK is named outside trace/OtlpSender (start-up loads it)");
    }
}
