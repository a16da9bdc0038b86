package dev.wtcraft.git;

/** git refused: the message is git's own first error line. */
public class GitException extends RuntimeException {
    public GitException(String message) {
        super(message);
    }
}
