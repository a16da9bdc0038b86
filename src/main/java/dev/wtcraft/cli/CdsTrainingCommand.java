package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.git.GitCli;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hidden: the workload the launcher records a class-data-sharing archive from (in the background, once per
 * jar): the everyday commands, in-process, on a scratch repository that is removed afterwards.
 */
@Command(name = "cds-training", hidden = true, description = "Exercise the common commands (for the launcher's CDS archive).")
final class CdsTrainingCommand extends BaseCommand {
    @Override
    int execute() {
        Path dir;
        try {
            dir = Files.createTempDirectory("wtcraft-cds-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        // the scratch recipe's compiled and evaluated entries go with the scratch directory, not into the user's cache
        System.setProperty("wtcraft.cache.dir", dir.resolve("cache").toString());
        try {
            Path repo = dir.resolve("repo");
            Files.createDirectories(repo);
            GitCli git = new GitCli(repo);
            git.text("init", "-q", "-b", "main");
            git.text("config", "user.email", "cds@wtcraft.invalid");
            git.text("config", "user.name", "wtcraft");
            Files.writeString(repo.resolve("README.md"), "cds\n");
            Files.writeString(repo.resolve("wtcraft.groovy"),
                    "engines { shell 'e', 'true' }\ntask('feat/b') { engine 'e'; scope 'b/'; verify { run 'true' } }\n");
            git.text("add", "-A");
            git.text("commit", "-q", "-m", "cds");
            String[][] commands = {
                    {"--version"}, {"capabilities", "--json"}, {"init", "--local"},
                    {"new", "feat/a", "--scope", "a/", "--verify", "true"},
                    {"check", "--json", "feat/a"}, {"check", "feat/a"}, {"status", "--json"}, {"status"},
                    {"verify", "--json", "feat/a"}, {"state", "feat/a", "--agent", "x"}, {"plan"}, {"plan", "--json"}};
            for (String[] args : commands) {
                Cli.run(repo, ctx.env(), quiet, quiet, args);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            new GitCli(dir).run("worktree", "prune");
            deleteTree(dir);
        }
        return ExitCodes.OK;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
