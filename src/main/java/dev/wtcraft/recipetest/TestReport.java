package dev.wtcraft.recipetest;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.io.AtomicFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outcome of every test `wtcraft test` ran: the summary it prints, its JSON document, and JUnit XML. */
public final class TestReport {
    /** How a test ended. */
    public enum Status {
        PASSED, FAILED, ERROR;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One test's outcome.
     *
     * @param line    the line of its `test` keyword (for a failed expectation, {@code message} names the line that failed)
     * @param message why it failed or could not run, or null when it passed
     * @param kept    its scratch repository (its worktrees and its run's ledger under `.wtcraft/runs/`), when it
     *                was kept (--keep), else null
     */
    public record Outcome(String file, String name, int line, Status status, String message, double seconds,
                          Path kept) {
    }

    /** A test file that could not be read: it names the file, line and column, and what to do. */
    public record Broken(String file, String message) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<Broken> broken = new ArrayList<>();

    public synchronized void add(Outcome o) {
        outcomes.add(o);
    }

    public synchronized void broken(String file, String message) {
        broken.add(new Broken(file, message));
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<Broken> brokenFiles() {
        return List.copyOf(broken);
    }

    public long count(Status s) {
        return outcomes.stream().filter(o -> o.status() == s).count();
    }

    /** 0 every test passed; 1 a test file could not be read (or there was none); 10 a test failed or erred. */
    public int exitCode() {
        if (!broken.isEmpty() || outcomes.isEmpty()) {
            return ExitCodes.FATAL;
        }
        return count(Status.PASSED) == outcomes.size() ? ExitCodes.OK : ExitCodes.TESTS_FAILED;
    }

    /** The last line: how many passed, failed and erred. */
    public String summary() {
        return outcomes.size() + (outcomes.size() == 1 ? " test" : " tests") + ": " + count(Status.PASSED) + " passed, "
                + count(Status.FAILED) + " failed, " + count(Status.ERROR) + " errors"
                + (broken.isEmpty() ? "" : "; " + broken.size() + " unreadable test file" + (broken.size() == 1 ? "" : "s"));
    }

    /** The body of the one JSON document `wtcraft test --json` prints (after the protocol's header). */
    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("exit_code", exitCode());
        doc.put("passed", count(Status.PASSED));
        doc.put("failed", count(Status.FAILED));
        doc.put("errors", count(Status.ERROR));
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Outcome o : outcomes) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("file", o.file());
            t.put("name", o.name());
            t.put("line", o.line());
            t.put("status", o.status().wire());
            t.put("message", o.message());
            t.put("seconds", o.seconds());
            t.put("kept", o.kept() == null ? null : o.kept().toString());
            tests.add(t);
        }
        doc.put("tests", tests);
        List<Map<String, Object>> files = new ArrayList<>();
        broken.forEach(b -> files.add(Map.of("file", b.file(), "message", b.message())));
        doc.put("unreadable_files", files);
        return doc;
    }

    /** JUnit XML: one testsuite per test file, one testcase per test; an unreadable file is a suite with one error. */
    public void writeJunit(Path file) {
        Map<String, List<Outcome>> byFile = new LinkedHashMap<>();
        outcomes.forEach(o -> byFile.computeIfAbsent(o.file(), k -> new ArrayList<>()).add(o));
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"wtcraft test\" tests=\"").append(outcomes.size() + broken.size())
                .append("\" failures=\"").append(count(Status.FAILED)).append("\" errors=\"")
                .append(count(Status.ERROR) + broken.size()).append("\">\n");
        byFile.forEach((name, tests) -> {
            double seconds = tests.stream().mapToDouble(Outcome::seconds).sum();
            x.append("  <testsuite name=\"").append(xml(name)).append("\" tests=\"").append(tests.size())
                    .append("\" failures=\"").append(tests.stream().filter(o -> o.status() == Status.FAILED).count())
                    .append("\" errors=\"").append(tests.stream().filter(o -> o.status() == Status.ERROR).count())
                    .append("\" time=\"").append(String.format(Locale.ROOT, "%.3f", seconds)).append("\">\n");
            for (Outcome o : tests) {
                x.append("    <testcase classname=\"").append(xml(name)).append("\" name=\"").append(xml(o.name()))
                        .append("\" file=\"").append(xml(name)).append("\" line=\"").append(o.line())
                        .append("\" time=\"").append(String.format(Locale.ROOT, "%.3f", o.seconds())).append('"');
                if (o.status() == Status.PASSED) {
                    x.append("/>\n");
                    continue;
                }
                String tag = o.status() == Status.FAILED ? "failure" : "error";
                x.append(">\n      <").append(tag).append(" message=\"").append(xml(firstLine(o.message())))
                        .append("\">").append(xml(o.message())).append("</").append(tag).append(">\n    </testcase>\n");
            }
            x.append("  </testsuite>\n");
        });
        for (Broken b : broken) {
            x.append("  <testsuite name=\"").append(xml(b.file())).append("\" tests=\"1\" failures=\"0\" errors=\"1\">\n")
                    .append("    <testcase classname=\"").append(xml(b.file())).append("\" name=\"(reading the file)\">\n")
                    .append("      <error message=\"").append(xml(b.message())).append("\">").append(xml(b.message()))
                    .append("</error>\n    </testcase>\n  </testsuite>\n");
        }
        x.append("</testsuites>\n");
        AtomicFiles.write(file, x.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Text as XML character data: the five specials escaped, and control characters XML 1.0 forbids dropped. */
    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
