package dev.wtcraft.run;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.JsonText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Leases under `.wtcraft/leases/`: one file per task that a `wtcraft run` process is running, naming it by process id
 * and start time. A second runner is refused while the holder lives; a lease whose holder is gone (a crash, a
 * SIGKILL) is stale and taken over, and tells resume that the task was running when its runner died.
 */
public final class TaskLeases {
    private static final ProcessHandle SELF = ProcessHandle.current();

    private final Path dir;

    public TaskLeases(Path repoRoot) {
        this.dir = repoRoot.resolve(".wtcraft").resolve("leases");
    }

    /** A lease as written: who holds it. */
    public record Holder(long pid, String startedAt, String runId, String host) {
        public boolean alive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .flatMap(h -> h.info().startInstant())
                    .map(start -> start.toString().equals(startedAt))
                    .orElse(false);
        }

        @Override
        public String toString() {
            return "wtcraft run " + runId + " (pid " + pid + " on " + host + ", started " + startedAt + ")";
        }
    }

    private Path file(String task) {
        return dir.resolve(task.replace('/', '~') + ".json");
    }

    /** Takes the leases of all these tasks, or none: refuses, naming the holder, when a live runner has one. */
    void acquireAll(List<String> tasks, String runId) {
        List<String> taken = new ArrayList<>();
        try {
            for (String task : tasks) {
                acquire(task, runId);
                taken.add(task);
            }
        } catch (RuntimeException e) {
            taken.forEach(this::release);
            throw e;
        }
    }

    private void acquire(String task, String runId) {
        Path f = file(task);
        try {
            Files.createDirectories(dir);
            Map<String, Object> lease = new LinkedHashMap<>();
            lease.put("task", task);
            lease.put("pid", SELF.pid());
            lease.put("started_at", SELF.info().startInstant().map(Instant::toString).orElse(""));
            lease.put("run_id", runId);
            lease.put("host", host());
            byte[] content = (JsonText.write(lease) + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                Files.write(f, content, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                return;
            } catch (FileAlreadyExistsException held) {
                Optional<Holder> holder = read(task);
                if (holder.isPresent() && holder.get().alive()) {
                    throw WtcraftException.fatal("task " + task + " is being run by " + holder.get()
                            + "; wait for it to finish, or stop that process");
                }
                AtomicFiles.write(f, content); // stale: its runner is gone
            }
        } catch (IOException e) {
            throw WtcraftException.fatal("cannot write the lease " + f + ": " + e.getMessage());
        }
    }

    public Optional<Holder> read(String task) {
        try {
            Map<String, Object> m = JsonText.parseFlatObject(Files.readString(file(task), StandardCharsets.UTF_8));
            return Optional.of(new Holder(((Number) m.get("pid")).longValue(), String.valueOf(m.get("started_at")),
                    String.valueOf(m.get("run_id")), String.valueOf(m.get("host"))));
        } catch (IOException | JsonText.NotFlatObject | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The branches (`refs/heads/<task>`) of every task a live runner holds a lease on. */
    java.util.Set<String> heldBranches() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        live().forEach((task, holder) -> out.add("refs/heads/" + task));
        return out;
    }

    /** The runs a live runner holds a lease for, each with its holder: runs still in progress. */
    Map<String, Holder> liveRuns() {
        Map<String, Holder> out = new java.util.TreeMap<>();
        live().forEach((task, holder) -> out.putIfAbsent(holder.runId(), holder));
        return out;
    }

    /** Every lease whose holder is alive, by task. */
    private Map<String, Holder> live() {
        Map<String, Holder> out = new java.util.TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json")) {
                    String task = name.substring(0, name.length() - 5).replace('~', '/');
                    read(task).filter(Holder::alive).ifPresent(h -> out.put(task, h));
                }
            }
        } catch (IOException e) {
            // no leases to read: nothing is known to be held
        }
        return out;
    }

    void release(String task) {
        try {
            Optional<Holder> h = read(task);
            if (h.isPresent() && h.get().pid() == SELF.pid()) {
                Files.deleteIfExists(file(task));
            }
        } catch (IOException ignored) {
            // a leftover lease of a dead process is stale and taken over next time
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
