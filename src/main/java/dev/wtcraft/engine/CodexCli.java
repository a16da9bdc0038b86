package dev.wtcraft.engine;

import dev.wtcraft.model.EngineSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * `codex exec --json -C DIR -s workspace-write -o LAST.md PROMPT` (stdin closed); a retry continues the thread
 * with `codex exec resume THREAD_ID`, whose usage is the thread's running total. The boundary is Codex's sandbox
 * level.
 */
final class CodexCli implements AgentCli {
    @Override
    public String defaultBinary() {
        return "codex";
    }

    @Override
    public List<String> arguments(EngineSpec spec, EngineRun run, String prompt) {
        // inside wtcraft's own sandbox Codex's would be a second one, which needs namespaces the first took
        String sandbox = !run.boundary().sandbox().isEmpty() ? "danger-full-access"
                : run.boundary().readOnly() ? "read-only" : "workspace-write";
        List<String> a = new ArrayList<>(List.of("exec"));
        if (run.resumeSession() != null) {
            // resume takes neither -C nor -s: the process runs in the worktree, the sandbox is a config value
            a.addAll(List.of("resume", "--json", "--skip-git-repo-check", "-c", "sandbox_mode=\"" + sandbox + "\""));
        } else {
            a.addAll(List.of("--json", "--skip-git-repo-check", "-C", run.worktree().toString(), "-s", sandbox));
        }
        a.addAll(List.of("-o", run.ledgerDir().resolve("last-message.md").toString()));
        if (spec.model() != null) {
            a.addAll(List.of("-m", spec.model()));
        }
        a.addAll(spec.args());
        if (run.resumeSession() != null) {
            a.add(run.resumeSession());
        }
        a.add(prompt);
        return a;
    }

    @Override
    public StreamParser parser() {
        return new CodexStream();
    }

    @Override
    public boolean canResume() {
        return true;
    }

    @Override
    public boolean resumedUsageIsCumulative() {
        return true;
    }
}
