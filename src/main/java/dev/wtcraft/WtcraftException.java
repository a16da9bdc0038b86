package dev.wtcraft;

/** A failure that ends a command with a one-line message and a documented exit code. */
public class WtcraftException extends RuntimeException {
    private final int exitCode;

    public WtcraftException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public WtcraftException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static WtcraftException fatal(String message) {
        return new WtcraftException(ExitCodes.FATAL, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
