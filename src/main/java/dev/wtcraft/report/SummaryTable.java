package dev.wtcraft.report;

import dev.wtcraft.ledger.Spend;
import dev.wtcraft.ledger.VerifyRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static dev.wtcraft.report.HtmlReport.anchor;
import static dev.wtcraft.report.HtmlReport.color;
import static dev.wtcraft.report.HtmlReport.esc;

/**
 * The table at the top of the report, one row per task, sortable without a script: every ordering is rendered as
 * its own table, each column heading links to the table sorted by it, and CSS shows the one the address targets
 * (`:target`); the plan's order is the last sibling, shown while no other is targeted. Besides, the spend per engine.
 */
final class SummaryTable {
    private SummaryTable() {
    }

    /** A column: its key (the ordering's id), heading, and how its rows sort (names ascending, figures descending). */
    private record Column(String key, String heading, Comparator<RunData.Task> order) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("task", "task", Comparator.comparing(RunData.Task::name)),
            new Column("outcome", "outcome", Comparator.comparing((RunData.Task t) -> t.outcome().wire())),
            new Column("engine", "engine", Comparator.comparing((RunData.Task t) -> t.engine() == null ? "" : t.engine())),
            new Column("changes", "changes", Comparator.comparingLong(SummaryTable::changedLines).reversed()),
            new Column("verify", "verify", Comparator.comparing(SummaryTable::verify)),
            new Column("review", "review", Comparator.comparing(SummaryTable::review)),
            new Column("time", "time", Comparator.comparingDouble(RunData.Task::seconds).reversed()),
            new Column("tokens", "tokens", Comparator.comparingLong(RunData.Task::tokens).reversed()),
            new Column("cost", "cost", Comparator.comparingDouble(RunData.Task::usd).reversed()));

    static String render(RunData run) {
        StringBuilder h = new StringBuilder();
        h.append("<div class=\"orderings\">\n");
        for (Column c : COLUMNS) {
            List<RunData.Task> rows = new ArrayList<>(run.tasks());
            rows.sort(c.order().thenComparing(RunData.Task::name));
            table(h, "summary-by-" + c.key(), c.key(), rows, false);
        }
        table(h, "summary-in-plan-order", null, run.tasks(), true);
        h.append("</div>\n<p class=\"legend\">Sort by a column's heading; <a href=\"#summary-in-plan-order\">plan order</a>."
                + " Changes are the last attempt's lines added and deleted against the task's base.</p>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, String id, String sortedBy, List<RunData.Task> rows, boolean planOrder) {
        h.append("<table class=\"summary sorted").append(planOrder ? " plan-order" : "").append("\" id=\"").append(id)
                .append("\"><thead><tr>");
        for (Column c : COLUMNS) {
            boolean current = c.key().equals(sortedBy);
            h.append("<th").append(current ? " aria-sort=\"" + (isFigure(c) ? "descending" : "ascending") + "\"" : "")
                    .append("><a href=\"#summary-by-").append(c.key()).append("\">").append(esc(c.heading()))
                    .append(current ? (isFigure(c) ? " ▼" : " ▲") : "").append("</a></th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (RunData.Task t : rows) {
            h.append("<tr data-task=\"").append(esc(t.name())).append("\"><td><a href=\"#").append(anchor(t.name()))
                    .append("\">").append(esc(t.name())).append("</a></td><td><span class=\"badge\" style=\"background:")
                    .append(color(t.outcome())).append("\">").append(esc(t.outcome().wire())).append("</span></td><td>")
                    .append(esc(t.engine() == null ? "-" : t.engine())).append("</td><td class=\"changes\">")
                    .append(changes(t)).append("</td><td>").append(esc(verify(t))).append("</td><td>")
                    .append(esc(review(t))).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.1fs", t.seconds())).append("</td><td class=\"num\">")
                    .append(t.tokens() == 0 ? "-" : String.format(Locale.ROOT, "%,d", t.tokens()))
                    .append("</td><td class=\"num\">").append(t.usd() == 0 ? "-" : esc("~" + dev.wtcraft.model.Budget.usd(t.usd())))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static boolean isFigure(Column c) {
        return List.of("changes", "time", "tokens", "cost").contains(c.key());
    }

    private static long changedLines(RunData.Task t) {
        return t.diff() == null ? -1 : t.diff().additions() + t.diff().deletions();
    }

    private static String changes(RunData.Task t) {
        if (t.diff() == null) {
            return "-";
        }
        return "<span class=\"add\">+" + t.diff().additions() + "</span> <span class=\"del\">-" + t.diff().deletions()
                + "</span>" + (t.diff().violationCount() == 0 ? ""
                : " <span class=\"violation-mark\" title=\"files that broke the contract\">" + t.diff().violationCount()
                + " ✗</span>");
    }

    /** The verification as one phrase: passed counts, or the policy's refusal as what it is. */
    static String verify(RunData.Task t) {
        if (t.steps().isEmpty()) {
            return "-";
        }
        for (VerifyRecord.Step s : t.steps()) {
            if (t.refusal(s) != null) {
                return t.refusal(s);
            }
        }
        long passed = t.steps().stream().filter(VerifyRecord.Step::passed).count();
        return passed + "/" + t.steps().size() + " passed";
    }

    private static String review(RunData.Task t) {
        return t.review() == null ? "-" : t.review().record().verdict().wire();
    }

    /** Tokens and estimated cost per task engine, as run.json adds them up (a task's review counts for its engine). */
    static String spendByEngine(RunData run) {
        Map<String, Spend> byEngine = new TreeMap<>();
        Map<String, Long> tasks = new TreeMap<>();
        Spend all = Spend.NONE;
        for (RunData.Task t : run.tasks()) {
            all = all.plus(t.entry().spend());
            if (t.engine() != null) {
                byEngine.merge(t.engine(), t.entry().spend(), Spend::plus);
                tasks.merge(t.engine(), 1L, Long::sum);
            }
        }
        if (byEngine.isEmpty()) {
            return "<p class=\"none\">No task ran an engine.</p>\n";
        }
        StringBuilder h = new StringBuilder("<table class=\"spend\"><thead><tr><th>engine</th><th>tasks</th>"
                + "<th>tokens</th><th>estimated cost</th></tr></thead><tbody>\n");
        Function<Spend, String> usd = s -> s.estimatedUsd() == 0 ? "-" : "~" + dev.wtcraft.model.Budget.usd(s.estimatedUsd());
        byEngine.forEach((engine, spend) -> h.append("<tr data-engine=\"").append(esc(engine)).append("\"><td>")
                .append(esc(engine)).append("</td><td class=\"num\">").append(tasks.getOrDefault(engine, 0L))
                .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%,d", spend.tokens()))
                .append("</td><td class=\"num\">").append(esc(usd.apply(spend))).append("</td></tr>\n"));
        Spend total = all;
        h.append("<tr class=\"total\"><td>all engines</td><td class=\"num\">").append(run.tasks().size())
                .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%,d", total.tokens()))
                .append("</td><td class=\"num\">").append(esc(usd.apply(total))).append("</td></tr>\n");
        return h.append("</tbody></table>\n").toString();
    }
}
