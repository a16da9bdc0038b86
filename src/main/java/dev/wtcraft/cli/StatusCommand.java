package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.StatusService;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show one line per linked worktree: stage, role, agent, check, verify and readiness.")
final class StatusCommand extends JsonCommand {

    @Override
    int execute() {
        var layout = layout();
        List<Map<String, Object>> entries = StatusService.status(layout, ctx.err());
        if (json) {
            printJson(entries);
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            ctx.out().println("no task worktrees in " + layout.root() + " (create one with 'wtcraft new <type>/<name>')");
            return ExitCodes.OK;
        }
        String format = "%-28s %-10s %-9s %-10s %-6s %-6s %s%n";
        ctx.out().printf(Locale.ROOT, format, "BRANCH", "STAGE", "ROLE", "AGENT", "CHECK", "VERIFY", "READY");
        for (Map<String, Object> e : entries) {
            String branch = String.valueOf(e.getOrDefault("branch", "(detached)"));
            if (Boolean.TRUE.equals(e.get("zombie"))) {
                ctx.out().printf(Locale.ROOT, format, branch, "zombie", "-", "-", "-", "-", "-");
            } else if (!Boolean.TRUE.equals(e.get("contracted"))) {
                ctx.out().printf(Locale.ROOT, format, branch, "uncontracted", "-", "-", "-", "-", "-");
            } else {
                String ready = Boolean.TRUE.equals(e.get("ready")) ? "yes"
                        : Boolean.TRUE.equals(e.get("evidence_stale")) ? "stale" : "no";
                ctx.out().printf(Locale.ROOT, format, branch, dash(e.get("stage")), dash(e.get("role")),
                        dash(e.get("agent")), dash(e.get("check_result")), dash(e.get("verify_result")), ready);
            }
        }
        return ExitCodes.OK;
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
