package dev.wtcraft.library;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;

/** A library that cannot be used as asked: unreachable, moved, altered, unsafe or untrusted. Exit code 1. */
public class LibraryException extends WtcraftException {
    public LibraryException(String message) {
        super(ExitCodes.FATAL, message);
    }
}
