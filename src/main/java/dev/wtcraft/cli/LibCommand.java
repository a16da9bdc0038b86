package dev.wtcraft.cli;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.dsl.RecipeCompiler;
import dev.wtcraft.library.LibraryStore;
import dev.wtcraft.library.LibraryUse;
import dev.wtcraft.library.LockFile;
import dev.wtcraft.library.TrustStore;
import dev.wtcraft.model.LibraryPin;
import dev.wtcraft.model.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

@Command(name = "lib", mixinStandardHelpOptions = true,
        description = {"Manage recipe libraries: list what the recipe uses, update a moved ref's commit, trust a source, run a library's tests.",
                "list shows the libraries as wtcraft.lock pins them, update takes a moved ref's new commit on purpose, trust records a source you trust, test runs a library's own tests at its locked commit."},
        subcommands = {LibCommand.ListCommand.class, LibCommand.UpdateCommand.class, LibCommand.TrustCommand.class,
                LibCommand.LibTestCommand.class})
final class LibCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose one: list, update, trust or test");
    }

    /** One library as list and update print it. */
    static Map<String, Object> describe(LibraryPin pin, Recipe recipe, LibraryStore store, TrustStore trust) {
        String location = new LibraryUse(pin.name(), pin.source(), pin.ref()).location(recipe.file().toAbsolutePath().getParent());
        Map<String, Object> m = pin.fields();
        m.put("cached", store.cached(location, pin.commit()) != null);
        m.put("trusted", trust.trusts(location));
        return m;
    }

    static Path recipeFile(BaseCommand command, Path recipe) {
        return recipe == null ? command.layout().root().resolve("wtcraft.groovy") : command.ctx.cwd().resolve(recipe).normalize();
    }

    /** The one JSON document of list and update: the lock's path and the libraries. */
    static void printDocument(JsonCommand command, Path recipeFile, List<Map<String, Object>> libs) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("lock", LockFile.of(recipeFile).toString());
        doc.put("libraries", libs);
        command.printJson(doc);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the libraries the recipe uses, as wtcraft.lock pins them.",
                    "Each shows its name, source, ref and commit, and whether the commit is in the cache. Exit 0, 1 fatal."})
    static final class ListCommand extends JsonCommand {
        @Parameters(arity = "0..1", paramLabel = "RECIPE", description = "The recipe (default: wtcraft.groovy in the repository root).")
        Path recipe;

        @Override
        int execute() {
            Path file = recipeFile(this, recipe);
            Recipe r = RecipeCommand.loadRecipe(file);
            LibraryStore store = new LibraryStore();
            TrustStore trust = new TrustStore();
            List<Map<String, Object>> libs = new ArrayList<>();
            r.libraries().forEach(p -> libs.add(describe(p, r, store, trust)));
            if (json) {
                printDocument(this, file, libs);
                return 0;
            }
            if (libs.isEmpty()) {
                ctx.out().println("the recipe uses no libraries");
                return 0;
            }
            ctx.out().printf("%-12s %-10s %-12s %-7s %s%n", "NAME", "REF", "COMMIT", "CACHED", "SOURCE");
            for (Map<String, Object> l : libs) {
                ctx.out().printf("%-12s %-10s %-12s %-7s %s%s%n", l.get("name"), l.get("ref"),
                        ((String) l.get("commit")).substring(0, 12), (Boolean) l.get("cached") ? "yes" : "no",
                        l.get("source"), (Boolean) l.get("trusted") ? "" : "  (not trusted)");
            }
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Resolve libraries at their sources again and write the new commits to wtcraft.lock.",
                    "It updates all of them, or the NAMEs given. Exit 0, 1 fatal (unknown name, unreachable source, refused library)."})
    static final class UpdateCommand extends JsonCommand {
        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Libraries to update (default: all).")
        List<String> names = new ArrayList<>();

        @Option(names = "--recipe", paramLabel = "RECIPE", description = "The recipe (default: wtcraft.groovy in the repository root).")
        Path recipe;

        @Override
        int execute() {
            Path file = recipeFile(this, recipe);
            Map<String, LibraryPin> before = LockFile.read(LockFile.of(file));
            RecipeCompiler compiler = new RecipeCompiler();
            compiler.setRefresh(new LinkedHashSet<>(names));
            compiler.setRefreshAll(names.isEmpty());
            Recipe r = compiler.compile(file);
            List<String> known = r.libraries().stream().map(LibraryPin::name).toList();
            for (String n : names) {
                if (!known.contains(n)) {
                    throw WtcraftException.fatal("the recipe uses no library '" + n + "'"
                            + (known.isEmpty() ? "" : " (it uses: " + String.join(", ", known) + ")"));
                }
            }
            List<Map<String, Object>> libs = new ArrayList<>();
            LibraryStore store = new LibraryStore();
            TrustStore trust = new TrustStore();
            for (LibraryPin p : r.libraries()) {
                Map<String, Object> m = describe(p, r, store, trust);
                LibraryPin old = before.get(p.name());
                m.put("previous_commit", old == null ? null : old.commit());
                libs.add(m);
                if (!json) {
                    ctx.out().println(p.name() + ": " + (old == null ? "locked " + p.ref() + " at " + p.commit().substring(0, 12)
                            : old.commit().equals(p.commit()) ? p.ref() + " unchanged at " + p.commit().substring(0, 12)
                            : p.ref() + " " + old.commit().substring(0, 12) + " -> " + p.commit().substring(0, 12)));
                }
            }
            if (json) {
                printDocument(this, file, libs);
            } else if (libs.isEmpty()) {
                ctx.out().println("the recipe uses no libraries");
            }
            return 0;
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true,
            description = {"Trust a library source for this user, or list the trusted sources.",
                    "SOURCE is a URL, a path, or a prefix ending in /; without it, the trusted sources are listed. Exit 0, 1 fatal."})
    static final class TrustCommand extends BaseCommand {
        @Parameters(arity = "0..1", paramLabel = "SOURCE", description = "The source, as the recipe's error message names it.")
        String source;

        @Override
        int execute() {
            TrustStore trust = new TrustStore();
            if (source == null) {
                List<String> entries = trust.entries();
                ctx.out().println(entries.isEmpty() ? "no library source is trusted yet (" + trust.file() + ")" : String.join("\n", entries));
                return 0;
            }
            String location = LibraryUse.isRemote(source) ? source
                    : ctx.cwd().resolve(source).toAbsolutePath().normalize() + (source.endsWith("/") ? "/" : "");
            boolean added = trust.trust(location);
            ctx.out().println((added ? "trusted " : "already trusted: ") + location + " (" + trust.file() + ")");
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run a library's own tests (its tests/*.wtest.groovy) at the commit wtcraft.lock pins for it.",
                    "The library's whole tree at that commit is checked out under the temporary directory and its tests run as wtcraft test runs them. Exit 0 all passed, 10 a test failed, 1 fatal (unknown or untrusted library, no tests/)."})
    static final class LibTestCommand extends JsonCommand {
        @Parameters(arity = "1", paramLabel = "NAME", description = "The library, by the name the recipe uses it as.")
        String name;

        @Option(names = "--recipe", paramLabel = "RECIPE", description = "The recipe (default: wtcraft.groovy in the repository root).")
        Path recipe;

        @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML to FILE, for CI.")
        Path junit;

        @Option(names = "--keep", description = "Keep the checked-out library and each test's scratch repository (their paths are printed).")
        boolean keep;

        @Option(names = "--verbose", description = "Print the runs' own progress lines under each test.")
        boolean verbose;

        @Override
        int execute() {
            Path file = recipeFile(this, recipe);
            Map<String, LibraryPin> pins = LockFile.read(LockFile.of(file));
            LibraryPin pin = pins.get(name);
            if (pin == null) {
                throw WtcraftException.fatal(LockFile.of(file).getFileName() + " pins no library '" + name + "'"
                        + (pins.isEmpty() ? " (it pins none: run wtcraft plan to resolve and lock the recipe's libraries)"
                        : " (it pins: " + String.join(", ", pins.keySet()) + ")"));
            }
            String location = new LibraryUse(pin.name(), pin.source(), pin.ref()).location(file.toAbsolutePath().getParent());
            TrustStore trust = new TrustStore();
            if (!trust.trusts(location)) {
                throw WtcraftException.fatal("library '" + name + "' comes from " + location + ", which you have not"
                        + " trusted, and its tests run its code: read it, then run: wtcraft lib trust " + location);
            }
            Path tmp;
            try {
                tmp = java.nio.file.Files.createTempDirectory("wtcraft-lib-test-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            try {
                Path dir = tmp.resolve(name);
                new LibraryStore().checkoutWhole("'" + name + "'", location, pin.commit(), dir);
                Path tests = dir.resolve("tests");
                if (!java.nio.file.Files.isDirectory(tests)) {
                    throw WtcraftException.fatal("library '" + name + "' has no tests/ directory at commit "
                            + pin.commit().substring(0, 12) + " (its tests are tests/NAME.wtest.groovy)");
                }
                (json ? ctx.err() : ctx.out()).println("library '" + name + "' at " + pin.commit().substring(0, 12)
                        + " (" + pin.ref() + ", " + location + ")" + (keep ? ", checked out in " + dir : ""));
                return TestCommand.run(this, List.of(tests), dir, junit, keep, verbose);
            } finally {
                if (!keep) {
                    dev.wtcraft.recipetest.Scratch.remove(tmp);
                }
            }
        }
    }
}
