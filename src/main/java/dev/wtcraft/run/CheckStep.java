package dev.wtcraft.run;

import dev.wtcraft.scope.Violation;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.CheckService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real changed files of the attempt judged against the contract, into the ledger. */
final class CheckStep {
    private CheckStep() {
    }

    /** @param internals violations found outside the diff (git internals changed while the engine ran) */
    static CheckReport run(AttemptContext a, List<Violation> internals) {
        CheckReport check = CheckService.check(a.worktree(), null, internals);
        a.ledger().write("check.json", Documents.check(check));
        a.ledger().writeChangedFiles(check.changedFiles());
        a.events().append("check", Map.of("result", check.passed() ? "pass" : "fail",
                "changed_files", check.changedFiles().size(), "violations", check.violations().size()));
        a.step(check.passed()
                ? "check passed (" + plural(check.changedFiles().size(), "changed file") + ")"
                : "check failed: " + describe(check.violations()));
        return check;
    }

    static String describe(List<Violation> violations) {
        List<String> parts = new ArrayList<>();
        for (Violation v : violations) {
            parts.add(v.kind().wire() + " " + v.file() + (v.matched() == null ? "" : " (" + v.matched() + ")"));
        }
        return String.join(", ", parts);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
