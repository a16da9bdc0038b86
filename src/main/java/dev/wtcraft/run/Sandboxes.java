package dev.wtcraft.run;

import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.git.WorktreeEntry;
import dev.wtcraft.model.Sandbox;
import dev.wtcraft.process.Bubblewrap;
import dev.wtcraft.process.UnixSocketFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A task's declared sandbox made concrete on this machine: which paths are hidden, writable and read-only, the
 * words that start a command inside it, and what the ledger records about it (enforced, or why not).
 */
final class Sandboxes {
    private Sandboxes() {
    }

    /** A sandbox for one attempt; {@link #close()} removes its private temp directory. */
    record Confinement(List<String> words, Map<String, Object> record, Path tmp) implements AutoCloseable {
        static Confinement none(Map<String, Object> record) {
            return new Confinement(List.of(), record, null);
        }

        boolean enforced() {
            return !words.isEmpty();
        }

        /**
         * What a task with an `environment` block gets set whatever else it inherits: HOME, an empty directory
         * inside the sandbox (made with its private /tmp). Nothing without an environment block or a sandbox.
         */
        Map<String, String> forced(dev.wtcraft.model.Environment environment) {
            return environment != null && enforced() ? Map.of("HOME", "/tmp/home") : Map.of();
        }

        @Override
        public void close() {
            if (tmp != null) {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException | UncheckedIOException ignored) {
                    // a private temp directory left behind is harmless
                }
            }
        }
    }

    /**
     * @param sandbox    what the task declared (null: none)
     * @param noSandbox  `--no-sandbox`
     * @param agentState the engine's own state directories stay writable (agent CLIs keep sessions there)
     * @param packageCaches for a setup: the package managers' caches under the home stay writable
     *                   ({@link #PACKAGE_CACHES}: `npm ci` or `mvn` fills them) and the network is on (installs
     *                   fetch), whatever the task declares for its engine; never an engine's run
     * @param readOnly   the worktree read-only whatever was declared (a reviewer)
     * @param lastMessage a file the engine writes its final message to (made and bound writable), or null
     */
    static Confinement of(Sandbox sandbox, boolean noSandbox, RepoLayout layout, Path worktree, boolean agentState,
                          boolean packageCaches, Map<String, String> env, boolean readOnly, Path lastMessage) {
        Map<String, Object> record = new LinkedHashMap<>();
        if (sandbox == null) {
            record.put("enforced", false);
            record.put("reason", "the task declares no sandbox");
            return Confinement.none(record);
        }
        Sandbox.Filesystem fs = readOnly ? Sandbox.Filesystem.READ_ONLY : sandbox.filesystem();
        record.put("filesystem", fs.wire());
        boolean network = sandbox.network() || packageCaches;
        record.put("network", network);
        Bubblewrap.Probe probe = Bubblewrap.probe();
        if (noSandbox || !probe.available()) {
            record.put("enforced", false);
            record.put("reason", noSandbox ? "--no-sandbox" : probe.reason());
            return Confinement.none(record);
        }
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        List<Path> hidden = new ArrayList<>();
        for (String h : Sandbox.STANDARD_HIDDEN) {
            hidden.add(expand(h, home));
        }
        sandbox.hidden().forEach(h -> hidden.add(expand(h, home)));
        Path own = worktree.toAbsolutePath().normalize();
        hidden.add(layout.worktreesDir().toAbsolutePath().normalize()); // every other task's worktree
        for (WorktreeEntry w : layout.worktrees()) {
            Path p = w.path().toAbsolutePath().normalize();
            if (!p.equals(own) && !p.equals(layout.root().toAbsolutePath().normalize())
                    && !p.startsWith(layout.worktreesDir().toAbsolutePath().normalize())) {
                hidden.add(p);
            }
        }
        List<Path> writable = new ArrayList<>();
        sandbox.writable().forEach(w -> writable.add(expand(w, home)));
        if (agentState) {
            for (String dir : List.of("CODEX_HOME", "CLAUDE_CONFIG_DIR")) {
                if (env.get(dir) != null) {
                    writable.add(Path.of(env.get(dir)));
                }
            }
            for (String dir : List.of(".codex", ".claude", ".claude.json", ".gemini", ".cache", ".npm")) {
                writable.add(home.resolve(dir));
            }
        }
        if (packageCaches) {
            PACKAGE_CACHES.forEach(dir -> writable.add(home.resolve(dir)));
        }
        Path privateDir;
        Path filter = null;
        var program = network ? java.util.Optional.<byte[]>empty() : UnixSocketFilter.program();
        try {
            if (lastMessage != null) {
                Files.createDirectories(lastMessage.getParent());
                if (!Files.exists(lastMessage)) {
                    Files.createFile(lastMessage);
                }
                writable.add(lastMessage);
            }
            // private: its tmp/ is the sandbox's /tmp; the socket filter beside it, where the sandbox cannot write
            privateDir = Files.createTempDirectory("wtcraft-sandbox-");
            Files.createDirectories(privateDir.resolve("tmp/home")); // HOME inside, for a task with an environment block
            if (program.isPresent()) {
                filter = Files.write(privateDir.resolve("unix-sockets.bpf"), program.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox's temp directory: " + e.getMessage(), e);
        }
        List<Path> gitDirs = List.of(gitCommonDir(layout), own.resolve(".git"));
        List<String> words = Bubblewrap.argv(new Bubblewrap.Plan(fs, network, own, gitDirs, writable, hidden,
                privateDir.resolve("tmp"), filter, layout.root().toAbsolutePath().normalize()));
        record.put("enforced", true);
        record.put("by", probe.version());
        record.put("capabilities", "none (dropped" + (Bubblewrap.root() ? ", although wtcraft runs as root)" : ")"));
        if (!network) {
            record.put("unix_sockets", filter != null ? "refused (seccomp)"
                    : "not blocked: no socket filter for " + System.getProperty("os.arch"));
        }
        record.put("writable", Stream.concat(Stream.of(own.toString(), "/tmp (private)"), writable.stream().map(Path::toString)).toList());
        record.put("read_only_git", gitDirs.stream().map(Path::toString).toList());
        record.put("hidden", hidden.stream().map(Path::toString).toList());
        return new Confinement(words, record, privateDir);
    }

    /** The package managers' caches under the home that a setup may fill. */
    static final List<String> PACKAGE_CACHES = List.of(".npm", ".cache", ".m2", ".gradle", ".cargo", ".yarn",
            ".local/share/pnpm", ".bun");

    static Path gitCommonDir(RepoLayout layout) {
        String dir = new GitCli(layout.root()).text("rev-parse", "--path-format=absolute", "--git-common-dir").strip();
        return Path.of(dir).normalize();
    }

    static Path expand(String path, Path home) {
        if (path.equals("~")) {
            return home;
        }
        return path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
    }
}
