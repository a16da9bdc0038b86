package dev.wtcraft.report;

import dev.wtcraft.ledger.CheckRecord;
import dev.wtcraft.ledger.ReviewVerdict;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.ledger.VerifyRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * GitHub Actions workflow commands: an error at each file that broke a contract, an error per failed
 * verification step or failed engine, a warning for a review that asked for changes, a notice for a skipped task.
 */
public final class GithubAnnotations {
    private GithubAnnotations() {
    }

    public static List<String> render(RunData run) {
        List<String> out = new ArrayList<>();
        for (RunData.Task t : run.tasks()) {
            for (RunData.ChangedFile f : t.changed()) {
                for (CheckRecord.Violation v : f.violations()) {
                    out.add("::error file=" + property(f.path()) + ",title=" + property("wtcraft " + v.kind() + " (" + t.name() + ")")
                            + "::" + data((v.message() == null ? f.path() : v.message()) + " [task " + t.name() + "]"));
                }
            }
            for (VerifyRecord.Step s : t.steps()) {
                if (!s.passed()) {
                    out.add("::error title=" + property("wtcraft verification failed (" + t.name() + ")") + "::"
                            + data(t.failure(s) + "; output in " + t.dir().resolve("events.jsonl")));
                }
            }
            String kind = JunitReport.kind(t.outcome());
            if (t.outcome() == TaskOutcome.CHANGES_REQUESTED
                    || (t.review() != null && t.review().record().verdict() != ReviewVerdict.APPROVE)) {
                out.add("::warning title=" + property("wtcraft review (" + t.name() + ")") + "::"
                        + data(t.review() == null ? String.valueOf(t.shownReason())
                        : t.review().record().verdict().wire() + " by " + t.review().record().reviewer()
                        + (t.review().record().summary() == null ? "" : ": " + t.review().record().summary())));
            } else if (kind.equals("error")) {
                out.add("::error title=" + property("wtcraft " + t.outcome().wire() + " (" + t.name() + ")") + "::"
                        + data(String.valueOf(t.shownReason())));
            } else if (kind.equals("skipped")) {
                out.add("::notice title=" + property("wtcraft skipped (" + t.name() + ")") + "::"
                        + data(String.valueOf(t.shownReason())));
            }
        }
        return out;
    }

    /** A message: %, CR and LF are escaped so that one annotation stays one line. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: also ':' and ',', which separate properties. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
