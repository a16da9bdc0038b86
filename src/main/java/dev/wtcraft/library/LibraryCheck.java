package dev.wtcraft.library;

import dev.wtcraft.model.LibraryPin;
import dev.wtcraft.model.Recipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Before a run: does each library's ref still name the commit wtcraft.lock pins? A moved tag or branch stops
 * the run until `wtcraft lib update` takes the new commit on purpose; a source that cannot be reached is no
 * reason to stop (the locked commit is in the cache), only a note.
 */
public final class LibraryCheck {
    private LibraryCheck() {
    }

    /** @return notes about sources that could not be asked */
    public static List<String> requireCurrent(Recipe recipe, LibraryStore store) {
        List<String> notes = new ArrayList<>();
        Path dir = recipe.file().toAbsolutePath().getParent();
        for (LibraryPin pin : recipe.libraries()) {
            LibraryUse use = new LibraryUse(pin.name(), pin.source(), pin.ref());
            if (use.pinnedToCommit()) {
                continue;
            }
            String location = use.location(dir);
            LibraryStore.Lookup now = store.lookup(location, pin.ref());
            if (!now.reached()) {
                notes.add("library '" + pin.name() + "': cannot reach " + location + " (" + now.unreachable()
                        + "); using the locked commit " + pin.commit().substring(0, 12) + " from the cache");
            } else if (now.commit() == null) {
                throw new LibraryException("library '" + pin.name() + "': " + location + " no longer has '" + pin.ref()
                        + "' (" + LockFile.of(recipe.file()).getFileName() + " pins " + pin.commit().substring(0, 12) + "): run wtcraft lib update "
                        + pin.name() + " after changing the ref in the recipe");
            } else if (!now.commit().equals(pin.commit())) {
                throw new LibraryException("library '" + pin.name() + "': '" + pin.ref() + "' of " + location
                        + " has moved to " + now.commit().substring(0, 12) + ", but " + LockFile.of(recipe.file()).getFileName() + " pins "
                        + pin.commit().substring(0, 12) + ": run wtcraft lib update " + pin.name()
                        + " to take the new commit (or write @" + pin.commit() + " to stay)");
            }
        }
        return notes;
    }
}
