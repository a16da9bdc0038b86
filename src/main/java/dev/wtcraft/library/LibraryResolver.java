package dev.wtcraft.library;

import dev.wtcraft.model.LibraryPin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a recipe's `use` lines into library files on disk, exactly as `wtcraft.lock` pins them. A library the
 * lock does not know yet (or whose source or ref the recipe changed, or that `wtcraft lib update` names) is
 * resolved at its source and locked; every other one is taken at its locked commit, from the cache when it is
 * there, and must hash to what the lock says. The lock is rewritten only when what it says changes.
 */
public final class LibraryResolver {
    /** Asks the person at the terminal; returns false when there is nobody to ask. */
    public interface Asker {
        boolean confirm(String question);
    }

    /** Asks on the console, when there is one (never in CI, never with input or output redirected). */
    public static final Asker CONSOLE = dev.wtcraft.io.Terminal::confirm;

    /** A library ready to compile: its pin and its files. */
    public record Resolved(LibraryPin pin, Path dir) {
    }

    private final Path recipeFile;
    private final LibraryStore store;
    private final TrustStore trust;
    private final Asker asker;
    private final Set<String> refresh;
    private final boolean refreshAll;

    /**
     * @param refresh names to resolve afresh whatever the lock says (`wtcraft lib update NAME`)
     * @param refreshAll resolve every library afresh (`wtcraft lib update`)
     */
    public LibraryResolver(Path recipeFile, LibraryStore store, TrustStore trust, Asker asker, Set<String> refresh,
                           boolean refreshAll) {
        this.recipeFile = recipeFile;
        this.store = store;
        this.trust = trust;
        this.asker = asker;
        this.refresh = refresh;
        this.refreshAll = refreshAll;
    }

    public Path lockFile() {
        return LockFile.of(recipeFile);
    }

    /** Resolves one library; {@code locked} is what the lock said before this evaluation. */
    public Resolved resolve(LibraryUse use, Map<String, LibraryPin> locked) {
        String label = "'" + use.name() + "'";
        String location = use.location(recipeFile.toAbsolutePath().getParent());
        requireTrusted(use, location);
        LibraryPin pin = locked.get(use.name());
        boolean fresh = pin == null || !pin.source().equals(use.source()) || !pin.ref().equals(use.ref())
                || refreshAll || refresh.contains(use.name());
        if (fresh) {
            String commit = store.resolve(label, location, use.ref());
            Path dir = store.checkout(label, location, commit);
            return new Resolved(new LibraryPin(use.name(), use.source(), use.ref(), commit, LibraryStore.contentHash(dir)), dir);
        }
        Path dir = store.checkout(label, location, pin.commit());
        String found = LibraryStore.contentHash(dir);
        if (!found.equals(pin.sha256())) {
            // a damaged cached copy is written again from the mirror; a real mismatch stays one
            store.evict(location, pin.commit());
            dir = store.checkout(label, location, pin.commit());
            found = LibraryStore.contentHash(dir);
        }
        if (!found.equals(pin.sha256())) {
            throw new LibraryException("library " + label + ": the files of commit " + pin.commit().substring(0, 12)
                    + " do not match " + lockFile().getFileName() + " (locked sha256 " + pin.sha256().substring(0, 12) + ", found "
                    + found.substring(0, Math.min(12, found.length())) + "): run wtcraft lib update " + use.name()
                    + " to lock what the source holds now");
        }
        return new Resolved(pin, dir);
    }

    /** Writes the lock when the pins differ from what it held. */
    public void lock(Map<String, LibraryPin> before, List<Resolved> resolved) {
        List<LibraryPin> pins = new ArrayList<>();
        resolved.forEach(r -> pins.add(r.pin()));
        if (!pins.equals(new ArrayList<>(before.values()))) {
            LockFile.write(lockFile(), pins);
        }
    }

    private void requireTrusted(LibraryUse use, String location) {
        if (trust.trusts(location)) {
            return;
        }
        if (asker.confirm("wtcraft: library '" + use.name() + "' comes from " + location
                + ", a source you have not trusted yet. Its code runs when the recipe is read. Trust it?")) {
            trust.trust(location);
            return;
        }
        throw new LibraryException("library '" + use.name() + "' comes from " + location
                + ", which you have not trusted: read it, then run: wtcraft lib trust " + location
                + " (trust is stored per user in " + trust.file() + ")");
    }
}
