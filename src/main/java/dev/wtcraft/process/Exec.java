package dev.wtcraft.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a short-lived helper process (git, mostly) and captures its output as bytes. */
public final class Exec {
    private Exec() {
    }

    /** What a finished process left behind. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(Path dir, List<String> command, Map<String, String> env, byte[] stdin) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        if (env != null) {
            pb.environment().putAll(env);
        }
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + reason(e), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = pump(process.getErrorStream(), err);
        Thread inPump = null;
        if (stdin != null) {
            inPump = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException ignored) {
                    // the process closed its stdin early; its exit code says what happened
                }
            }, "exec-stdin");
            inPump.setDaemon(true);
            inPump.start();
        }
        try (InputStream out = process.getInputStream()) {
            byte[] stdout = out.readAllBytes();
            int code = process.waitFor();
            errPump.join();
            if (inPump != null) {
                inPump.join();
            }
            return new Result(code, stdout, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /**
     * Why a process could not start or run, in a few words: the system's error ("error=7, Argument list too long"),
     * never the arguments or the environment (a prompt, a secret) that some libraries put in their messages.
     */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int error = m.indexOf("error=");
        if (error >= 0) {
            return m.substring(error);
        }
        m = m.lines().findFirst().orElse("");
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    private static Thread pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the stream closes when the process dies; nothing more to read
            }
        }, "exec-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
