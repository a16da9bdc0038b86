package dev.wtcraft.process;

import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.StartedProcess;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one command to completion in its own process group, streaming its output, and on a timeout kills the
 * whole group (zt-exec alone kills only the direct child).
 */
public final class StepRunner {
    private static final boolean HAS_SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"))
            || Files.isExecutable(Path.of("/bin/setsid"));
    /** How long a TERMed step has before KILL: a little more than the guard gives its command (see {@link Guard}). */
    private static final Duration KILL_GRACE = Duration.ofMillis(3000);
    private static final String JVM = Long.toString(ProcessHandle.current().pid());

    private StepRunner() {
    }

    /** How a step ended. exitCode is -1 when it was killed for its timeout. */
    public record Outcome(int exitCode, Duration duration, boolean timedOut) {
    }

    /** Runs {@code bash -lc command}, as the original tool runs Verification commands. */
    public static Outcome bash(Path dir, String command, OutputStream out, OutputStream err, Duration timeout,
                               Map<String, String> env) {
        return run(dir, List.of("bash", "-lc", command), out, err, timeout, env);
    }

    public static Outcome run(Path dir, List<String> command, OutputStream out, OutputStream err, Duration timeout,
                              Map<String, String> env) {
        return run(dir, command, out, err, timeout, env, p -> { });
    }

    /** @param onStart told of the process once it runs, so a caller can kill its group on Ctrl-C */
    public static Outcome run(Path dir, List<String> command, OutputStream out, OutputStream err, Duration timeout,
                              Map<String, String> env, java.util.function.Consumer<Process> onStart) {
        List<String> argv = new ArrayList<>();
        byte[] input = new byte[0];
        if (HAS_SETSID) {
            argv.add("setsid");
            argv.addAll(Guard.words(JVM));
            // the command's variables: on the guard's stdin, never in its own environment
            Map<String, String> all = new java.util.HashMap<>(System.getenv());
            if (env != null) {
                all.putAll(env);
            }
            input = Guard.input(all);
        }
        argv.addAll(command);
        long start = System.nanoTime();
        StartedProcess started;
        try {
            ProcessExecutor executor = new ProcessExecutor(argv)
                    .directory(dir.toFile())
                    .redirectErrorStream(false)
                    .streams(DrainingPumps.of(out, err, new java.io.ByteArrayInputStream(input)))
                    .exitValueAny()
                    .destroyOnExit();
            if (env != null) {
                executor.environment(env);
            }
            started = executor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + Exec.reason(e), e);
        }
        Process process = started.getProcess();
        onStart.accept(process);
        try {
            boolean exited = true;
            if (timeout == null) {
                process.waitFor();
            } else {
                exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!exited) {
                throw new TimeoutException();
            }
            // the leader is gone; whatever it left running in its group goes too, which also closes the pipes
            // a straggler held open (no waiting for the stream pumps' close timeout)
            signalGroup(process.pid(), "KILL");
            int code = started.getFuture().get().getExitValue();
            return new Outcome(code, Duration.ofNanos(System.nanoTime() - start), false);
        } catch (TimeoutException e) {
            killGroup(process);
            return new Outcome(-1, Duration.ofNanos(System.nanoTime() - start), true);
        } catch (InterruptedException e) {
            killGroup(process);
            Thread.currentThread().interrupt();
            return new Outcome(-1, Duration.ofNanos(System.nanoTime() - start), false);
        } catch (ExecutionException e) {
            killGroup(process);
            throw new IllegalStateException("running " + command.get(0) + " failed: " + Exec.reason(e.getCause()),
                    e.getCause());
        }
    }

    /** TERM to the process group, then KILL after a grace period. */
    public static void killGroup(Process process) {
        long pid = process.pid();
        signalGroup(pid, "TERM");
        try {
            if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                signalGroup(pid, "KILL");
                process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                signalGroup(pid, "KILL");
            }
        } catch (InterruptedException e) {
            signalGroup(pid, "KILL");
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void signalGroup(long pgid, String signal) {
        if (!HAS_SETSID) {
            return;
        }
        Exec.run(Path.of("/"), List.of("kill", "-" + signal, "--", "-" + pgid), null, null);
    }
}
