package dev.wtcraft.contract;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;

import java.nio.file.Path;

/**
 * A task's contract or state file that cannot be trusted as it stands: missing, not a regular file, unreadable,
 * malformed, or forged. Exit 1 for a command; a run ends that task {@code contract_tampered} and goes on.
 */
public final class TaskFileException extends WtcraftException {
    /** What is wrong with the file. */
    public enum Problem {
        /** The file is not there (a contract must be; a missing state file is no error). */
        MISSING,
        /** A symbolic link, directory, FIFO, socket or device where a regular file belongs. */
        NOT_REGULAR,
        /** It could not be read, or is too large to be a task file. */
        UNREADABLE,
        /** A contract that cannot be parsed. */
        MALFORMED,
        /** A state file in no layout wtcraft writes (edited by hand or by an engine). */
        FORGED
    }

    private final transient Path file;
    private final Problem problem;

    public TaskFileException(Problem problem, Path file, String message) {
        super(ExitCodes.FATAL, message);
        this.problem = problem;
        this.file = file;
    }

    public Problem problem() {
        return problem;
    }

    public Path file() {
        return file;
    }
}
