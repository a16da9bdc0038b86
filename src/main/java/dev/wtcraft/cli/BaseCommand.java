package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.GitException;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.plan.RecipeException;
import dev.wtcraft.io.JsonText;
import dev.wtcraft.task.Protocol;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What every command shares: the context, --repo, and the single place where failures become a one-line
 * message (or the protocol's error object under --json) and an exit code.
 */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "PATH", description = "The repository to work on (default: the current directory's).")
    Path repo;

    Context ctx;

    /** Whether this invocation asked for machine output. */
    boolean json() {
        return false;
    }

    abstract int execute();

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (RecipeException e) {
            if (json()) {
                var doc = Protocol.error(spec.name(), e.exitCode(), e.getMessage());
                ctx.out().println(JsonText.write(doc));
            } else {
                ctx.err().println(e.render());
            }
            return e.exitCode();
        } catch (WtcraftException e) {
            return fail(e.exitCode(), e.getMessage());
        } catch (GitException e) {
            return fail(ExitCodes.FATAL, "git: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(ExitCodes.FATAL, e.getMessage());
        } catch (RuntimeException e) {
            if (ctx.env().containsKey("WTCRAFT_DEBUG")) {
                e.printStackTrace(ctx.err());
            }
            return fail(ExitCodes.FATAL, "internal error: " + e + " (set WTCRAFT_DEBUG=1 for a stack trace)");
        }
    }

    int fail(int code, String message) {
        if (json()) {
            ctx.out().println(JsonText.write(Protocol.error(spec.name(), code, message)));
        } else {
            ctx.err().println("wtcraft " + spec.name() + ": " + message);
        }
        return code;
    }

    RepoLayout layout() {
        Path start = repo == null ? ctx.cwd() : ctx.cwd().resolve(repo);
        return RepoLayout.locate(start.normalize());
    }

    /** The one JSON document, streamed as UTF-8 (a check of 20,000 files is a megabyte; no String copy of it). */
    /** The protocol's own fields, then a record's (a ledger document) as its codec writes them. */
    void printJson(java.util.Map<String, Object> header, Object record) {
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>(header);
        doc.putAll(dev.wtcraft.ledger.LedgerCodec.fields(record));
        printJson(doc);
    }

    void printJson(Object document) {
        try {
            JsonText.write(document, ctx.out());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.out().println();
    }
}
