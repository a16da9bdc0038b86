package dev.wtcraft.cli;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.dsl.IdeSupport;
import dev.wtcraft.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

@Command(name = "ide", mixinStandardHelpOptions = true,
        description = {"Write editor support for recipes: --intellij writes IntelliJ IDEA's wtcraft.gdsl.",
                "The file gives completion and docs for every keyword of recipes and library steps, generated from dsl-docs/; it goes into the repository root, or to --output.",
                "Exit 0 written, 1 fatal."})
final class IdeCommand extends BaseCommand {
    @Option(names = "--intellij", description = "Write IntelliJ IDEA's GDSL file.")
    boolean intellij;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write it (default: wtcraft.gdsl in the repository root).")
    Path output;

    @Override
    int execute() {
        if (!intellij) {
            throw WtcraftException.fatal("choose an editor: --intellij");
        }
        Path file = output != null ? ctx.cwd().resolve(output).normalize() : layout().root().resolve("wtcraft.gdsl");
        String text = IdeSupport.gdsl(IdeCommand::page, Version.current());
        AtomicFiles.write(file, text);
        ctx.out().println("wrote " + file);
        ctx.out().println("IntelliJ IDEA reads .gdsl files in source roots: if this folder is not one, mark it so"
                + " (Mark Directory as > Sources Root) or move the file into one.");
        return 0;
    }

    private static String page(String name) {
        try (InputStream in = IdeCommand.class.getResourceAsStream("/dsl-docs/" + name)) {
            if (in == null) {
                throw WtcraftException.fatal("dsl-docs/" + name + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
