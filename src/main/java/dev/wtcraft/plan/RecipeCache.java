package dev.wtcraft.plan;

import dev.wtcraft.io.Sha256;
import dev.wtcraft.model.Recipe;
import dev.wtcraft.model.RecipeCodec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Evaluated recipes, cached. A recipe is code, so its result is reused only when the compiler found it pure: it
 * calls nothing but the DSL, its own methods and plain string and collection methods, and names no class (no
 * environment, no clock, no file but through `include` and `file()`). The entry is keyed by this build's DSL, the
 * recipe's path and text, and holds every other file the evaluation read with its hash; a changed input, a
 * corrupt entry or one of another format is simply not used. An unchanged pure recipe is then planned without
 * loading Groovy at all.
 */
public final class RecipeCache {
    /** A file an evaluation read (an included recipe, a prompt, a recording), and its content's hash then. */
    public record Input(Path file, String sha256) {
    }

    /** The DSL classes whose bytes decide whether a compiled or evaluated recipe is still valid. */
    public static final List<String> DSL_CLASSES = List.of("RecipeScript", "RecipeBuilder", "BlockDelegate",
            "TaskDelegate", "CiDelegate", "EnginesDelegate", "AgentEngineDelegate", "DefaultsDelegate", "VerifyDelegate",
            "ReviewDelegate", "RecipeCompiler", "RecipeClassLoader", "RecipePurity", "LibrariesDelegate",
            "LibraryDeclarations", "LibraryScript", "RecipeLibrary", "RecipeLibraries", "TaskTemplate", "SandboxDelegate",
            "EnvironmentDelegate", "PolicyDelegate", "SetupDelegate", "RecipeLimits", "RecipeText", "Keywords");
    private static final byte[] MAGIC = "wtcraft-recipe-model\n".getBytes(StandardCharsets.UTF_8);
    private static volatile String toolKey;

    private RecipeCache() {
    }

    /** The cache directory (see UserDirs.cache). */
    public static Path base() {
        return dev.wtcraft.io.UserDirs.cache();
    }

    /** This build's DSL, as the hash of its classes' bytes (and of the model's format). */
    public static String toolKey() {
        String k = toolKey;
        if (k == null) {
            Sha256 h = new Sha256().line("wtcraft-dsl-v2 codec " + RecipeCodec.VERSION).line(RecipeCodec.SHAPE);
            for (String name : DSL_CLASSES) {
                try (InputStream in = RecipeCache.class.getResourceAsStream("/dev/wtcraft/dsl/" + name + ".class")) {
                    if (in != null) {
                        h.bytes(in.readAllBytes());
                    }
                } catch (IOException e) {
                    h.line("unreadable " + name);
                }
            }
            k = h.hex();
            toolKey = k;
        }
        return k;
    }

    private static Path entry(Path recipeFile, String text) {
        String key = new Sha256().line(toolKey()).line(recipeFile.toAbsolutePath().normalize().toString()).line(text).hex();
        return base().resolve("models").resolve(key + ".bin");
    }

    /** The cached evaluation of this recipe, when there is a valid one. */
    public static Optional<Recipe> lookup(Path recipeFile) {
        String text;
        try {
            text = Files.readString(recipeFile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Path entry = entry(recipeFile, text);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(entry)))) {
            if (!java.util.Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                return Optional.empty();
            }
            for (int i = in.readInt(); i > 0; i--) {
                Path file = Path.of(in.readUTF());
                String sha = in.readUTF();
                if (!Files.isRegularFile(file) || !sha.equals(new Sha256().bytes(Files.readAllBytes(file)).hex())) {
                    return Optional.empty();
                }
            }
            return Optional.of(RecipeCodec.read(in));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a corrupt entry: evaluate again, and store a good one
        }
    }

    /** Stores a pure recipe's evaluation; a failure (read-only home, full disk) costs only the next evaluation. */
    public static void store(Path recipeFile, String text, Recipe recipe, List<Input> inputs) {
        Path entry = entry(recipeFile, text);
        Path temp = null;
        try {
            Files.createDirectories(entry.getParent());
            temp = Files.createTempFile(entry.getParent(), "entry-", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
                out.write(MAGIC);
                out.writeInt(inputs.size());
                for (Input i : inputs) {
                    out.writeUTF(i.file().toAbsolutePath().normalize().toString());
                    out.writeUTF(i.sha256());
                }
                RecipeCodec.write(recipe, out);
            }
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | RuntimeException e) {
            // not cached this time
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file in the cache is harmless
                }
            }
        }
    }
}
