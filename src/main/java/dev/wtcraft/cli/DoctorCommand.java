package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.process.Bubblewrap;
import dev.wtcraft.process.Exec;
import dev.wtcraft.run.DiskWarning;
import dev.wtcraft.run.RunPreflight;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Say what this machine can enforce: the OS sandbox, git and the agent CLIs.",
                "The sandbox is bubblewrap with user namespaces: whether it starts, what each sandbox level guarantees here, whether wtcraft runs as root and what that changes; then git and the agent CLIs on PATH, and in a repository the agent workflow and, once WTCRAFT_DISK_WARN or git config wtcraft.diskWarn sets a size (20G), whether the worktrees take more.",
                "Exit 0 a sandbox can be enforced, 8 none can, 1 fatal."})
final class DoctorCommand extends JsonCommand {
    @Override
    int execute() {
        Bubblewrap.Probe probe = Bubblewrap.probe();
        String os = System.getProperty("os.name");
        boolean linux = os.toLowerCase(java.util.Locale.ROOT).contains("linux");
        Map<String, Object> sandbox = new LinkedHashMap<>();
        sandbox.put("available", probe.available());
        sandbox.put("by", probe.version());
        sandbox.put("reason", probe.reason());
        Map<String, Object> levels = new LinkedHashMap<>();
        String none = "not enforced: tasks that require a sandbox are refused; --no-sandbox or 'required false' runs them unconfined";
        levels.put("read-only", probe.available() ? "enforced: nothing writable but a private /tmp; git directories read-only; secrets and other worktrees hidden" : none);
        levels.put("workspace-write", probe.available() ? "enforced: only the worktree and a private /tmp writable; git directories read-only; secrets and other worktrees hidden" : none);
        levels.put("full", probe.available() ? "enforced: everything writable but the git directories; secrets and other worktrees hidden" : none);
        String sockets = dev.wtcraft.process.UnixSocketFilter.program().isPresent()
                ? ", and no unix-domain socket (so none in the file system is reached)"
                : "; unix sockets in the file system stay reachable (no socket filter for " + System.getProperty("os.arch") + ")";
        levels.put("network false", probe.available() ? "enforced: a network namespace with no interfaces, not even 127.0.0.1" + sockets : none);
        sandbox.put("levels", levels);
        boolean root = Bubblewrap.root();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", System.getProperty("user.name"));
        user.put("root", root);
        user.put("note", root ? (probe.available()
                ? "sandboxed commands get no capabilities (bubblewrap --cap-drop ALL), so root inside cannot remount or write what is read-only; unsandboxed ones run as root with everything root may do"
                : "nothing is confined here, and an engine runs with everything root may do")
                : "not root: a sandbox runs in a user namespace, with no capabilities");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("os", os + " " + System.getProperty("os.version"));
        doc.put("java", System.getProperty("java.version"));
        Exec.Result git = Exec.run(Path.of("/"), List.of("git", "--version"), Map.of(), null);
        doc.put("git", git.ok() ? git.stdoutText().strip() : null);
        doc.put("sandbox", sandbox);
        doc.put("user", user);
        doc.put("process_guard", dev.wtcraft.process.Guard.describe());
        Map<String, Object> clis = new LinkedHashMap<>();
        String path = ctx.env().getOrDefault("PATH", "");
        for (String cli : List.of("codex", "claude", "gemini")) {
            clis.put(cli, RunPreflight.onPath(cli, path));
        }
        doc.put("agent_clis", clis);
        Map<String, Object> scaffold = AgentWorkflowCheck.report(this);
        doc.put("agent_workflow", scaffold);
        dev.wtcraft.git.RepoLayout layout = scaffold == null ? null : layout();
        DiskWarning disk = layout == null ? null : DiskWarning.check(layout, ctx.env()).orElse(null);
        doc.put("disk", disk == null ? null : disk.toDocument());
        int code = probe.available() ? ExitCodes.OK : ExitCodes.NO_SANDBOX;
        if (json) {
            printJson(doc);
            return code;
        }
        var out = ctx.out();
        out.println("os        " + doc.get("os") + (linux ? "" : " (the sandbox is Linux only: elsewhere nothing is enforced)"));
        out.println("java      " + doc.get("java"));
        out.println("git       " + (doc.get("git") == null ? "not found" : doc.get("git")));
        out.println("sandbox   " + (probe.available() ? "available (" + probe.version() + ")" : "NOT available: " + probe.reason()));
        levels.forEach((k, v) -> out.printf("  %-16s %s%n", k, v));
        out.println("user      " + user.get("name") + (root ? " (uid 0): " : ": ") + user.get("note"));
        out.println("guard     " + doc.get("process_guard"));
        out.println("agents    " + String.join(", ", clis.entrySet().stream()
                .map(e -> e.getKey() + (Boolean.TRUE.equals(e.getValue()) ? " on PATH" : " not found")).toList()));
        AgentWorkflowCheck.lines(scaffold).forEach(out::println);
        if (layout != null) {
            out.println("disk      " + (disk != null ? disk.line(layout.root())
                    : "no size set to warn past (git config " + DiskWarning.GIT_CONFIG + " 20G, or " + DiskWarning.ENV + "=20G)"));
        }
        return code;
    }
}
