package dev.wtcraft.report;

import dev.wtcraft.ledger.ReviewRecord;
import dev.wtcraft.ledger.ReviewVerdict;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.ledger.VerifyRecord;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.Locale;

/**
 * JUnit XML for CI systems: one test suite for the run, one test case per task and one per verification step.
 * A task that broke its contract or failed verification (or whose review asked for changes) is a failure; an
 * engine that failed, timed out or spent its budget is an error; a skipped task is skipped.
 */
public final class JunitReport {
    private JunitReport() {
    }

    public static String render(RunData run) {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (RunData.Task t : run.tasks()) {
            tests += 1 + t.steps().size();
            failures += t.steps().stream().filter(s -> !s.passed()).count();
            switch (kind(t.outcome())) {
                case "failure" -> failures++;
                case "error" -> errors++;
                case "skipped" -> skipped++;
                default -> { }
            }
        }
        double seconds = run.started() == null || run.finished() == null ? 0
                : (run.finished().toEpochMilli() - run.started().toEpochMilli()) / 1000.0;
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            counts(x, "wtcraft run " + run.runId(), tests, failures, errors, seconds);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            counts(x, "wtcraft." + run.runId(), tests, failures, errors, seconds);
            x.writeAttribute("skipped", Integer.toString(skipped));
            if (run.started() != null) {
                x.writeAttribute("timestamp", run.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                        .replace("Z", ""));
            }
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "recipe", run.recipe());
            property(x, "base_commit", run.baseCommit());
            property(x, "ledger", run.ledger().toString());
            x.writeEndElement();
            for (RunData.Task t : run.tasks()) {
                task(x, t);
                for (VerifyRecord.Step s : t.steps()) {
                    step(x, t, s);
                }
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return text + "\n";
    }

    /** failure, error, skipped or pass, as CI systems count them. */
    static String kind(TaskOutcome outcome) {
        return switch (outcome) {
            case PASSED -> "pass";
            case SCOPE_VIOLATION, VERIFY_FAILED, CHANGES_REQUESTED, CONTRACT_TAMPERED -> "failure";
            case SKIPPED, PENDING -> "skipped";
            case ENGINE_FAILED, TIMEOUT, BUDGET, MAX_TURNS, API_ERROR, PERMISSION_DENIED, INTERRUPTED, SETUP_FAILED,
                 SANDBOX_UNAVAILABLE -> "error";
        };
    }

    private static void task(XMLStreamWriter x, RunData.Task t) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", t.name());
        x.writeAttribute("classname", "wtcraft.task");
        x.writeAttribute("time", secs(t.seconds()));
        String kind = kind(t.outcome());
        StringBuilder detail = new StringBuilder();
        t.changed().forEach(f -> f.violations().forEach(v -> detail.append(v.kind()).append(": ")
                .append(v.message() == null ? f.path() : v.message()).append('\n')));
        if (t.review() != null && t.review().record().verdict() != ReviewVerdict.APPROVE) {
            ReviewRecord review = t.review().record();
            detail.append("review: ").append(review.verdict().wire()).append(" by ").append(review.reviewer())
                    .append(review.reasons() == null ? "" : "\n" + review.reasons()).append('\n');
        }
        switch (kind) {
            case "skipped" -> {
                x.writeStartElement("skipped");
                x.writeCharacters(clean(t.reason() == null ? "" : t.shownReason()));
                x.writeEndElement();
            }
            case "failure", "error" -> {
                x.writeStartElement(kind);
                x.writeAttribute("message", clean(t.reason() == null ? t.outcome().wire() : t.shownReason()));
                x.writeAttribute("type", t.outcome().wire());
                x.writeCharacters(clean(detail.toString()));
                x.writeEndElement();
            }
            default -> { }
        }
        x.writeStartElement("system-out");
        x.writeCharacters(clean("ledger: " + t.dir() + "\nengine: " + (t.engine() == null ? "none" : t.engine())
                + "\nattempts: " + t.attempts() + "\ntokens: " + t.tokens()
                + "\nestimated cost (USD): " + java.math.BigDecimal.valueOf(t.usd()).stripTrailingZeros().toPlainString()
                + (t.review() == null ? "" : "\nreview: " + t.review().record().verdict().wire() + " by "
                + t.review().record().reviewer()) + "\n"));
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void step(XMLStreamWriter x, RunData.Task t, VerifyRecord.Step s) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", t.name() + " verify " + s.index() + ": " + clean(s.command()));
        x.writeAttribute("classname", "wtcraft.verify");
        x.writeAttribute("time", secs(s.durationSeconds()));
        if (!s.passed()) {
            x.writeStartElement("failure");
            x.writeAttribute("message", clean(t.failure(s)));
            x.writeAttribute("type", "verify_failed");
            x.writeCharacters("see " + t.dir().resolve("events.jsonl") + " (verify.stdout / verify.stderr, step " + s.index() + ")");
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void counts(XMLStreamWriter x, String name, int tests, int failures, int errors, double seconds)
            throws XMLStreamException {
        x.writeAttribute("name", name);
        x.writeAttribute("tests", Integer.toString(tests));
        x.writeAttribute("failures", Integer.toString(failures));
        x.writeAttribute("errors", Integer.toString(errors));
        x.writeAttribute("time", secs(seconds));
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(value == null ? "" : value));
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** XML 1.0 cannot carry most control characters, even escaped: they are dropped. */
    static String clean(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000;
            if (ok) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
