package dev.wtcraft.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.wtcraft.report.HtmlReport.clip;
import static dev.wtcraft.report.HtmlReport.esc;
import static dev.wtcraft.report.HtmlReport.phaseColor;

/**
 * The run's timeline as inline SVG: one row per task on a shared time axis, a bar per phase of each attempt, and an
 * axis of labelled ticks at a round step (a few seconds to hours) with a grid line through every row.
 */
final class Timeline {
    private static final int LABEL = 200;
    private static final int BAR = 640;
    private static final int ROW_H = 26;
    /** Tick steps in milliseconds; the first that gives at most {@link #MAX_TICKS} intervals is used. */
    private static final long[] STEPS = {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000,
            300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};
    private static final int MAX_TICKS = 8;

    private Timeline() {
    }

    static String render(RunData run) {
        Instant start = run.tasks().stream().map(RunData.Task::started).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(run.started());
        Instant end = run.tasks().stream().map(RunData.Task::finished).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(run.finished());
        if (start == null || end == null) {
            return "<p>No timed events were recorded.</p>\n";
        }
        double total = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
        int rows = run.tasks().size() * ROW_H;
        int height = rows + 40;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"timeline\" role=\"img\" aria-label=\"timeline\" width=\"")
                .append(LABEL + BAR + 30).append("\" height=\"").append(height).append("\">\n<g class=\"axis\">\n");
        for (long t : ticks(total)) {
            double x = LABEL + BAR * t / total;
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"2\" x2=\"%.1f\" y2=\"%d\"/>"
                            + "<text class=\"tick\" data-ms=\"%d\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x, x, rows + 8, t, x, rows + 24, esc(label(t))));
        }
        s.append(String.format(Locale.ROOT, "<line class=\"baseline\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
                + "<text class=\"sub\" x=\"%d\" y=\"%d\" text-anchor=\"end\">elapsed</text>\n</g>\n",
                LABEL, rows + 8, LABEL + BAR, rows + 8, LABEL - 16, rows + 24));
        int row = 0;
        for (RunData.Task t : run.tasks()) {
            int y = 6 + row * ROW_H;
            s.append("<text x=\"0\" y=\"").append(y + 15).append("\" class=\"name\">").append(esc(clip(t.name(), 28)))
                    .append("</text>\n");
            for (RunData.Phase p : t.phases()) {
                double x = LABEL + BAR * (p.from().toEpochMilli() - start.toEpochMilli()) / total;
                double w = Math.max(2, BAR * (p.to().toEpochMilli() - p.from().toEpochMilli()) / total);
                s.append(String.format(Locale.ROOT, "<rect class=\"phase\" data-task=\"%s\" data-phase=\"%s\" data-attempt=\"%d\""
                                + " x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"><title>%s, attempt %d: %.1fs</title></rect>\n",
                        esc(t.name()), esc(p.name()), p.attempt(), x, y, w, phaseColor(p.name()), esc(p.name()), p.attempt(),
                        (p.to().toEpochMilli() - p.from().toEpochMilli()) / 1000.0));
            }
            row++;
        }
        s.append("</svg>\n<p class=\"legend\">");
        for (String phase : List.of("engine", "check & verify", "review")) {
            s.append("<span class=\"swatch\" style=\"background:").append(phaseColor(phase)).append("\"></span>")
                    .append(esc(phase)).append(' ');
        }
        return s.append(String.format(Locale.ROOT, " &middot; %.1fs from the first task's start to the last one's end",
                total / 1000.0)).append("</p>\n").toString();
    }

    /** The tick positions in milliseconds: 0, then every round step up to the end, at most 8 intervals. */
    static List<Long> ticks(double millis) {
        long step = STEPS[STEPS.length - 1];
        for (long candidate : STEPS) {
            if (millis / candidate <= MAX_TICKS) {
                step = candidate;
                break;
            }
        }
        List<Long> out = new ArrayList<>();
        for (long t = 0; t <= millis + 1e-9; t += step) {
            out.add(t);
        }
        return out;
    }

    /** A tick's label: 0.5s, 45s, 2m, 1m30s, 1h, 1h15m. */
    static String label(long millis) {
        if (millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        return seconds / 3600 + "h" + (seconds % 3600 == 0 ? "" : (seconds % 3600) / 60 + "m");
    }
}
