package dev.wtcraft.report;

import dev.wtcraft.ledger.DiffRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.wtcraft.report.HtmlReport.esc;

/**
 * A task's recorded diff, collapsed in a `details` element: per file a header (path, status, lines added and
 * deleted; a file the check flagged is marked with its violation kinds) and its part of the patch. Lines are told
 * apart by their diff prefix only, never by the language of the file.
 */
final class DiffView {
    /** The most of one task's patch the page shows (characters); the rest is in the ledger's diff.patch. */
    static final int PAGE_LIMIT = 256 * 1024;

    private DiffView() {
    }

    static String render(RunData.Task t) {
        DiffRecord d = t.diff();
        if (d == null) {
            return "<p class=\"none\">No diff recorded.</p>\n";
        }
        StringBuilder h = new StringBuilder();
        h.append("<details class=\"diff\" data-task=\"").append(esc(t.name())).append("\"><summary>")
                .append(d.filesChanged()).append(d.filesChanged() == 1 ? " file" : " files").append(", <span class=\"add\">+")
                .append(d.additions()).append("</span> <span class=\"del\">-").append(d.deletions()).append("</span>")
                .append(d.violationCount() == 0 ? "" : ", <span class=\"violation-mark\">" + d.violationCount()
                        + (d.violationCount() == 1 ? " file breaks" : " files break") + " the contract</span>")
                .append(" against <code>").append(esc(d.base())).append("</code></summary>\n");
        List<String> parts = parts(t.patch());
        long shown = 0;
        for (int i = 0; i < d.files().size(); i++) {
            DiffRecord.File f = d.files().get(i);
            h.append("<div class=\"file").append(f.violation() ? " violation" : "").append("\" data-path=\"")
                    .append(esc(f.path())).append("\"><div class=\"file-header\"><code>").append(esc(f.path()))
                    .append("</code> <span class=\"status\">").append(f.status().name().toLowerCase(Locale.ROOT))
                    .append("</span> ").append(f.binary() ? "binary" : "<span class=\"add\">+" + f.additions()
                            + "</span> <span class=\"del\">-" + f.deletions() + "</span>");
            if (f.violation()) {
                h.append(" <span class=\"violation-mark\">violation: ").append(esc(String.join(", ", f.violations())))
                        .append("</span>");
            }
            h.append("</div>\n");
            if (i < parts.size() && shown + parts.get(i).length() > PAGE_LIMIT) {
                h.append("<p class=\"none\">Not shown on this page, which shows ").append(PAGE_LIMIT / 1024)
                        .append(" KiB of a task's patch: read diff.patch in the ledger.</p>\n");
                shown = PAGE_LIMIT + 1;
            } else if (i < parts.size()) {
                shown += parts.get(i).length();
                h.append("<pre class=\"patch\">");
                boolean inHunk = false;
                for (String line : parts.get(i).split("\n", -1)) {
                    inHunk |= line.startsWith("@@");
                    String kind = line.startsWith("@@") ? "hunk" : !inHunk ? "meta"
                            : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
                    // each line is a block of its own: a newline between them would show as an empty line
                    h.append("<span class=\"").append(kind).append("\">").append(esc(line)).append("</span>");
                }
                h.append("</pre>\n");
            } else {
                h.append("<p class=\"none\">Not in the recorded patch (it is cut at ")
                        .append(d.patchLimit() / 1024).append(" KiB).</p>\n");
            }
            h.append("</div>\n");
        }
        return h.append("</details>\n").toString();
    }

    /** The patch split into one part per file, in git's order (each starts at its `diff --git` line). */
    static List<String> parts(String patch) {
        List<String> out = new ArrayList<>();
        if (patch == null || patch.isEmpty()) {
            return out;
        }
        int at = patch.startsWith("diff --git ") ? 0 : patch.indexOf("\ndiff --git ");
        if (at < 0) {
            return out;
        }
        at = at == 0 ? 0 : at + 1;
        while (true) {
            int next = patch.indexOf("\ndiff --git ", at);
            out.add(next < 0 ? patch.substring(at).stripTrailing() : patch.substring(at, next));
            if (next < 0) {
                break;
            }
            at = next + 1;
        }
        return out;
    }
}
