package dev.wtcraft.contract;

import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.Sha256;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The hash of what a task was planned with: its Scope and Off-limits items and Verification commands.
 * Stored per worktree in its git directory, so an agent editing the contract afterwards is caught.
 */
public final class SpecDigest {
    private SpecDigest() {
    }

    public static String of(TaskContract contract) {
        Sha256 h = new Sha256();
        h.line("wtcraft-spec-v1");
        section(h, "scope", contract.scope());
        section(h, "off-limits", contract.offLimits());
        section(h, "verification", contract.verification());
        return h.hex();
    }

    private static void section(Sha256 h, String name, List<String> items) {
        h.line("[" + name + "] " + items.size());
        items.forEach(h::line);
    }

    public static Optional<String> stored(Path worktree) {
        return TaskFileReader.readIfPresent(TaskFiles.specDigestFile(worktree), "spec digest")
                .map(String::strip).filter(text -> !text.isEmpty());
    }

    public static void store(Path worktree, String digest) {
        AtomicFiles.write(TaskFiles.specDigestFile(worktree), digest + "\n");
    }

    /** Null when no digest was stored; otherwise whether the contract differs from what was planned. */
    public static Boolean changed(Path worktree, TaskContract contract) {
        return stored(worktree).map(d -> !d.equals(of(contract))).orElse(null);
    }
}
