package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.StatusService;
import dev.wtcraft.io.ByteSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show one line per linked worktree: stage, role, agent, check, verify and readiness.",
                "With --size, also what each worktree holds on disk."})
final class StatusCommand extends JsonCommand {
    @Option(names = "--size", description = "What each worktree takes on disk (a walk of its every file; links are counted, not followed).")
    boolean size;

    @Override
    int execute() {
        var layout = layout();
        List<Map<String, Object>> entries = StatusService.status(layout, ctx.err(),
                size);
        if (json) {
            printJson(entries);
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            ctx.out().println("no task worktrees in " + layout.root() + " (create one with 'wtcraft new <type>/<name>')");
            return ExitCodes.OK;
        }
        String format = size ? "%-28s %-10s %-9s %-10s %-6s %-6s %-5s %s%n" : "%-28s %-10s %-9s %-10s %-6s %-6s %s%n";
        print(format, "BRANCH", "STAGE", "ROLE", "AGENT", "CHECK", "VERIFY", "READY", "SIZE");
        long total = 0;
        for (Map<String, Object> e : entries) {
            String branch = String.valueOf(e.getOrDefault("branch", "(detached)"));
            long bytes = e.get("size_bytes") instanceof Long b ? b : 0;
            total += bytes;
            String shown = ByteSize.format(bytes);
            if (Boolean.TRUE.equals(e.get("zombie"))) {
                print(format, branch, "zombie", "-", "-", "-", "-", "-", shown);
            } else if (!Boolean.TRUE.equals(e.get("contracted"))) {
                print(format, branch, "uncontracted", "-", "-", "-", "-", "-", shown);
            } else {
                String ready = Boolean.TRUE.equals(e.get("ready")) ? "yes"
                        : Boolean.TRUE.equals(e.get("evidence_stale")) ? "stale" : "no";
                print(format, branch, dash(e.get("stage")), dash(e.get("role")), dash(e.get("agent")),
                        dash(e.get("check_result")), dash(e.get("verify_result")), ready, shown);
            }
        }
        if (size) {
            ctx.out().println(entries.size() + (entries.size() == 1 ? " worktree, " : " worktrees, ")
                    + ByteSize.format(total));
        }
        return ExitCodes.OK;
    }

    /** One row; the SIZE column only with --size. */
    private void print(String format, String... columns) {
        ctx.out().printf(Locale.ROOT, format, (Object[]) (size ? columns
                : java.util.Arrays.copyOf(columns, columns.length - 1)));
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
