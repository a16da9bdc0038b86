package dev.wtcraft.report;

import dev.wtcraft.ledger.CheckRecord;
import dev.wtcraft.ledger.ReviewRecord;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.ledger.VerifyRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page for a run: no scripts, no fonts, no requests. A summary table sortable by CSS
 * alone ({@link SummaryTable}), the task graph and the timeline ({@link Timeline}) as inline SVG, the spend per
 * engine; per task the changed files (violations marked), its diff ({@link DiffView}), verification steps (a policy's
 * refusal as what it is), review, spend and ledger links.
 */
public final class HtmlReport {
    private static final int NODE_W = 190;
    private static final int NODE_H = 44;
    private static final int COL_GAP = 70;
    private static final int ROW_GAP = 18;

    private HtmlReport() {
    }

    /** @param out where the page will be written, so that ledger links are relative to it */
    public static String render(RunData run, Path out) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>wtcraft run ").append(esc(run.runId())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        header(h, run);
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n").append(SummaryTable.render(run)).append("</section>\n");
        h.append("<section id=\"graph\">\n<h2>Task graph</h2>\n").append(graph(run)).append("</section>\n");
        h.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n").append(Timeline.render(run)).append("</section>\n");
        h.append("<section id=\"spend\">\n<h2>Spend per engine</h2>\n").append(SummaryTable.spendByEngine(run))
                .append("</section>\n");
        h.append("<section id=\"tasks\">\n<h2>Tasks</h2>\n");
        for (RunData.Task t : run.tasks()) {
            task(h, t, out);
        }
        h.append("</section>\n<footer>Written by wtcraft from the ledger <code>").append(esc(run.ledger().toString()))
                .append("</code>. Costs are estimates from a price table, not a bill.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, RunData run) {
        long passed = run.tasks().stream().filter(t -> t.outcome() == TaskOutcome.PASSED).count();
        long tokens = run.tasks().stream().mapToLong(RunData.Task::tokens).sum();
        double usd = run.tasks().stream().mapToDouble(RunData.Task::usd).sum();
        h.append("<header>\n<h1>Run <span id=\"run-id\">").append(esc(run.runId())).append("</span></h1>\n<dl class=\"facts\">\n");
        fact(h, "recipe", run.recipe());
        fact(h, "base commit", run.baseCommit() == null ? null : run.baseCommit().substring(0, Math.min(12, run.baseCommit().length())));
        fact(h, "started", run.started() == null ? null : run.started().toString());
        fact(h, "finished", run.finished() == null ? "(not finished)" : run.finished().toString());
        fact(h, "exit code", run.exitCode() == null ? null : run.exitCode().toString());
        fact(h, "tasks", passed + " of " + run.tasks().size() + " passed");
        fact(h, "tokens", tokens == 0 ? "-" : Long.toString(tokens));
        fact(h, "estimated cost", usd == 0 ? "-" : String.format(Locale.ROOT, "~$%.4f", usd));
        h.append("</dl>\n</header>\n");
    }

    private static void fact(StringBuilder h, String name, String value) {
        h.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value == null ? "-" : value)).append("</dd>\n");
    }

    /** Layers by longest dependency path, one column each; edges from a dependency to its dependent. */
    static String graph(RunData run) {
        Map<String, Integer> depth = new HashMap<>();
        for (RunData.Task t : run.tasks()) {
            depth(t.name(), run, depth, 0);
        }
        Map<Integer, List<RunData.Task>> columns = new java.util.TreeMap<>();
        run.tasks().forEach(t -> columns.computeIfAbsent(depth.get(t.name()), k -> new ArrayList<>()).add(t));
        int rows = columns.values().stream().mapToInt(List::size).max().orElse(1);
        int width = columns.size() * (NODE_W + COL_GAP) + 20;
        int height = rows * (NODE_H + ROW_GAP) + 20;
        Map<String, int[]> at = new LinkedHashMap<>();
        columns.forEach((col, tasks) -> {
            for (int i = 0; i < tasks.size(); i++) {
                at.put(tasks.get(i).name(), new int[]{10 + col * (NODE_W + COL_GAP), 10 + i * (NODE_H + ROW_GAP)});
            }
        });
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"graph\" role=\"img\" aria-label=\"task graph\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" ")
                .append("markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#57606a\"/>")
                .append("</marker></defs>\n");
        for (RunData.Task t : run.tasks()) {
            int[] to = at.get(t.name());
            for (String dep : t.dependsOn()) {
                int[] from = at.get(dep);
                if (from == null) {
                    continue;
                }
                int x1 = from[0] + NODE_W;
                int y1 = from[1] + NODE_H / 2;
                int x2 = to[0];
                int y2 = to[1] + NODE_H / 2;
                int mid = (x1 + x2) / 2;
                s.append("<path class=\"edge\" data-from=\"").append(esc(dep)).append("\" data-to=\"").append(esc(t.name()))
                        .append("\" d=\"M").append(x1).append(',').append(y1).append(" C").append(mid).append(',').append(y1)
                        .append(' ').append(mid).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
                        .append("\" fill=\"none\" stroke=\"#57606a\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n");
            }
        }
        for (RunData.Task t : run.tasks()) {
            int[] p = at.get(t.name());
            s.append("<a href=\"#").append(anchor(t.name())).append("\"><g class=\"node outcome-").append(esc(t.outcome().wire()))
                    .append("\" data-task=\"").append(esc(t.name())).append("\"><rect x=\"").append(p[0]).append("\" y=\"")
                    .append(p[1]).append("\" width=\"").append(NODE_W).append("\" height=\"").append(NODE_H)
                    .append("\" rx=\"6\" fill=\"").append(color(t.outcome())).append("\"/><text x=\"").append(p[0] + 10)
                    .append("\" y=\"").append(p[1] + 18).append("\" class=\"name\">").append(esc(clip(t.name(), 26)))
                    .append("</text><text x=\"").append(p[0] + 10).append("\" y=\"").append(p[1] + 35)
                    .append("\" class=\"sub\">").append(esc(t.outcome().wire())).append("</text></g></a>\n");
        }
        return s.append("</svg>\n").toString();
    }

    private static int depth(String name, RunData run, Map<String, Integer> memo, int guard) {
        Integer known = memo.get(name);
        if (known != null) {
            return known;
        }
        RunData.Task t = run.tasks().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
        int d = 0;
        if (t != null && guard < 1000) {
            for (String dep : t.dependsOn()) {
                if (run.tasks().stream().anyMatch(x -> x.name().equals(dep))) {
                    d = Math.max(d, depth(dep, run, memo, guard + 1) + 1);
                }
            }
        }
        memo.put(name, d);
        return d;
    }

    private static void task(StringBuilder h, RunData.Task t, Path out) {
        h.append("<article class=\"task outcome-").append(esc(t.outcome().wire())).append("\" id=\"").append(anchor(t.name()))
                .append("\" data-task=\"").append(esc(t.name())).append("\" data-outcome=\"").append(esc(t.outcome().wire()))
                .append("\">\n<h3>").append(esc(t.name())).append(" <span class=\"badge\" style=\"background:")
                .append(color(t.outcome())).append("\">").append(esc(t.outcome().wire())).append("</span></h3>\n");
        if (t.reason() != null) {
            h.append("<p class=\"reason\">").append(esc(t.shownReason())).append("</p>\n");
        }
        h.append("<dl class=\"facts\">\n");
        fact(h, "engine", t.engine() == null ? "none (verification only)" : t.engine());
        fact(h, "depends on", t.dependsOn().isEmpty() ? "-" : String.join(", ", t.dependsOn()));
        fact(h, "attempts", Integer.toString(t.attempts()));
        fact(h, "time", String.format(Locale.ROOT, "%.1fs", t.seconds()));
        fact(h, "tokens", t.tokens() == 0 ? "-" : Long.toString(t.tokens()));
        fact(h, "estimated cost", t.usd() == 0 ? "-" : "~" + dev.wtcraft.model.Budget.usd(t.usd()));
        if (t.landed() != null) {
            String commit = String.valueOf(t.landed().commit());
            fact(h, "landed", t.landed().strategy() + " into " + t.landed().into() + " as "
                    + commit.substring(0, Math.min(12, commit.length())));
        }
        h.append("</dl>\n<h4>Changed files</h4>\n");
        if (t.changed().isEmpty()) {
            h.append("<p class=\"none\">None.</p>\n");
        } else {
            h.append("<table class=\"files\"><thead><tr><th>file</th><th>violations</th></tr></thead><tbody>\n");
            for (RunData.ChangedFile f : t.changed()) {
                boolean bad = !f.violations().isEmpty();
                h.append("<tr class=\"").append(bad ? "violation" : "in-scope").append("\"><td><code>").append(esc(f.path()))
                        .append("</code></td><td>");
                for (CheckRecord.Violation v : f.violations()) {
                    h.append("<span class=\"kind\">").append(esc(v.kind())).append("</span> ")
                            .append(esc(v.matched() == null ? "" : "(" + v.matched() + ")")).append(' ');
                }
                h.append(bad ? "" : "ok").append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("<h4>Diff</h4>\n").append(DiffView.render(t));
        h.append("<h4>Verification</h4>\n");
        if (t.steps().isEmpty()) {
            h.append("<p class=\"none\">No steps ran.</p>\n");
        } else {
            h.append("<table class=\"steps\"><thead><tr><th>#</th><th>command</th><th>result</th><th>time</th></tr></thead><tbody>\n");
            for (VerifyRecord.Step s : t.steps()) {
                h.append("<tr class=\"step-").append(s.passed() ? "pass" : "fail").append("\"><td>").append(s.index())
                        .append("</td><td><code>").append(esc(s.command())).append("</code></td><td>")
                        .append(esc(s.passed() ? "pass" : t.refusal(s) != null ? t.refusal(s)
                                : s.status() + (s.exitCode() == null ? "" : ", exit " + s.exitCode())))
                        .append("</td><td>").append(s.durationSeconds()).append("s").append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("<h4>Review</h4>\n");
        if (t.review() == null) {
            h.append("<p class=\"none\">No review.</p>\n");
        } else {
            ReviewRecord review = t.review().record();
            h.append("<p class=\"verdict verdict-").append(esc(review.verdict().wire())).append("\"><strong>")
                    .append(esc(review.verdict().wire())).append("</strong> by ").append(esc(review.reviewer()))
                    .append(review.summary() == null ? "" : ": " + esc(review.summary())).append("</p>\n");
        }
        h.append("<h4>Ledger</h4>\n<ul class=\"ledger\">\n");
        for (String name : List.of("summary.md", "events.jsonl", "prompt.md", "meta.json", "check.json", "verify.json",
                "usage.json", "last-message.md", "finish.json", "diff.json", "diff.patch")) {
            Path f = t.dir().resolve(name);
            if (java.nio.file.Files.exists(f)) {
                h.append("<li><a href=\"").append(esc(link(out, f))).append("\">").append(esc(name)).append("</a></li>\n");
            }
        }
        if (t.review() != null) {
            h.append("<li><a href=\"").append(esc(link(out, t.review().file()))).append("\">review.json</a></li>\n");
        }
        h.append("</ul>\n</article>\n");
    }

    /** A link from the page to a ledger file: relative when they share a root, else a file: URI. */
    static String link(Path page, Path target) {
        Path from = page.toAbsolutePath().normalize().getParent();
        Path to = target.toAbsolutePath().normalize();
        try {
            StringBuilder rel = new StringBuilder();
            for (Path part : from.relativize(to)) {
                if (rel.length() > 0) {
                    rel.append('/');
                }
                rel.append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return rel.toString();
        } catch (IllegalArgumentException e) {
            return to.toUri().toString();
        }
    }

    static String anchor(String task) {
        return "task-" + task.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    static String color(TaskOutcome outcome) {
        return switch (outcome) {
            case PASSED -> "#1a7f37";
            case SCOPE_VIOLATION, CONTRACT_TAMPERED -> "#cf222e";
            case VERIFY_FAILED -> "#bc4c00";
            case CHANGES_REQUESTED -> "#8250df";
            case ENGINE_FAILED, TIMEOUT, BUDGET, MAX_TURNS, API_ERROR, PERMISSION_DENIED, INTERRUPTED, SETUP_FAILED,
                 SANDBOX_UNAVAILABLE -> "#a40e26";
            case SKIPPED, PENDING -> "#6e7781";
        };
    }

    static String phaseColor(String phase) {
        return switch (phase) {
            case "engine" -> "#0969da";
            case "review" -> "#8250df";
            default -> "#1a7f37";
        };
    }

    static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** Text made safe for HTML content and attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1100px;color:#1f2328;padding:0 16px}
            h1{font-size:24px;margin:0 0 8px}h2{font-size:18px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}
            h3{font-size:16px;margin:0 0 6px}h4{font-size:13px;margin:14px 0 4px;color:#57606a;text-transform:uppercase;letter-spacing:.04em}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0}dt{color:#57606a}dd{margin:0}
            .task{border:1px solid #d0d7de;border-left:6px solid #6e7781;border-radius:6px;padding:12px 16px;margin:14px 0}
            .task.outcome-passed{border-left-color:#1a7f37}.task.outcome-scope_violation{border-left-color:#cf222e}
            .task.outcome-verify_failed{border-left-color:#bc4c00}.task.outcome-changes_requested{border-left-color:#8250df}
            .badge{color:#fff;border-radius:10px;padding:1px 9px;font-size:12px;vertical-align:middle}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
            tr.violation td{background:#ffebe9}tr.violation .kind{color:#cf222e;font-weight:600}
            tr.step-fail td{background:#fff1e5}tr.step-pass td:nth-child(3){color:#1a7f37}
            .verdict-approve strong{color:#1a7f37}.verdict-request_changes strong{color:#8250df}
            code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}.none{color:#57606a}
            svg text.name{font:12px system-ui,sans-serif;fill:#1f2328}svg g.node text{fill:#fff}svg text.sub{font:11px system-ui,sans-serif;fill:#57606a}
            svg g.node text.sub{fill:#f6f8fa}.legend .swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 10px;vertical-align:middle}
            ul.ledger{columns:3;padding-left:18px}footer{margin-top:30px;color:#57606a;font-size:12px}
            table.sorted{display:none}table.sorted:target{display:table}table.sorted.plan-order{display:table}
            table.sorted:target~table.sorted.plan-order{display:none}
            table.summary th a{color:inherit;text-decoration:none}table.summary th[aria-sort] a{color:#0969da}
            td.num{text-align:right;font-variant-numeric:tabular-nums}.add{color:#1a7f37}.del{color:#cf222e}
            .violation-mark{color:#cf222e;font-weight:600}table.spend{width:auto}table.spend tr.total td{font-weight:600}
            details.diff>summary{cursor:pointer}details.diff .file{border:1px solid #d0d7de;border-radius:6px;margin:8px 0}
            .file-header{background:#f6f8fa;padding:4px 8px;border-bottom:1px solid #d0d7de}.file-header .status{color:#57606a}
            .file.violation{border-color:#cf222e}.file.violation .file-header{background:#ffebe9}
            pre.patch{margin:0;padding:4px 0;overflow-x:auto;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
            pre.patch span{display:block;padding:0 8px;white-space:pre}pre.patch .add{background:#e6ffec;color:#1f2328}
            pre.patch .del{background:#ffebe9;color:#1f2328}pre.patch .hunk{background:#ddf4ff;color:#57606a}
            pre.patch .meta{color:#57606a}svg line.grid{stroke:#eaeef2}svg line.baseline{stroke:#8c959f}
            svg text.tick{font:11px system-ui,sans-serif;fill:#57606a}
            """;
}
