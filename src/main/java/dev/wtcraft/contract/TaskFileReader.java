package dev.wtcraft.contract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a file an engine could have replaced (the contract, the state file, the spec digest) only when it is a
 * regular file: its type is checked without following links before it is opened, it is opened with O_NOFOLLOW,
 * and it must still be the same file afterwards. A FIFO swapped in between the check and the open cannot hang
 * the caller: the open waits on a daemon thread for at most {@link #OPEN_TIMEOUT_SECONDS}.
 */
public final class TaskFileReader {
    /** Far above any real contract or state file; an engine cannot make wtcraft read gigabytes. */
    public static final long MAX_BYTES = 8L << 20;
    static final long OPEN_TIMEOUT_SECONDS = 10;

    private TaskFileReader() {
    }

    /** The file's UTF-8 text, or empty when nothing is there. */
    public static Optional<String> readIfPresent(Path file, String what) {
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(file, what, e);
        }
        requireRegular(file, what, before);
        byte[] bytes = open(file, what, before);
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new TaskFileException(TaskFileException.Problem.MALFORMED, file,
                    what + " is not UTF-8 text: " + file + " (save it as UTF-8)");
        }
    }

    /** The file's UTF-8 text; a missing file is a {@link TaskFileException.Problem#MISSING}. */
    public static String read(Path file, String what) {
        return readIfPresent(file, what).orElseThrow(() ->
                new TaskFileException(TaskFileException.Problem.MISSING, file, "missing " + what + ": " + file));
    }

    /** Whether something (of any type, links not followed) is at this path. */
    public static boolean present(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    private static void requireRegular(Path file, String what, BasicFileAttributes a) {
        if (a.isRegularFile()) {
            if (a.size() > MAX_BYTES) {
                throw new TaskFileException(TaskFileException.Problem.UNREADABLE, file, what + " is too large: "
                        + file + " has " + a.size() + " bytes (at most " + MAX_BYTES + ")");
            }
            return;
        }
        String kind = a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory"
                : "a FIFO, socket or device";
        throw new TaskFileException(TaskFileException.Problem.NOT_REGULAR, file, what + " is not a regular file: "
                + file + " is " + kind + " (replace it with the file itself)");
    }

    private static byte[] open(Path file, String what, BasicFileAttributes before) {
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read.complete(readNoFollow(file));
            } catch (Throwable t) {
                read.completeExceptionally(t);
            }
        }, "wtcraft-task-file-reader");
        reader.setDaemon(true);
        reader.start();
        byte[] bytes;
        try {
            bytes = read.get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new TaskFileException(TaskFileException.Problem.NOT_REGULAR, file, what
                    + " is not a regular file: " + file + " did not open (it was replaced by a FIFO or device)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskFileException(TaskFileException.Problem.UNREADABLE, file, "interrupted reading " + file);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TaskFileException tfe) {
                throw tfe;
            }
            throw unreadable(file, what, e.getCause());
        }
        BasicFileAttributes after;
        try {
            after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw unreadable(file, what, e);
        }
        if (!after.isRegularFile() || !Objects.equals(before.fileKey(), after.fileKey())) {
            throw new TaskFileException(TaskFileException.Problem.NOT_REGULAR, file, what
                    + " changed while it was read: " + file + " (something is replacing it)");
        }
        return bytes;
    }

    private static byte[] readNoFollow(Path file) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            byte[] bytes = java.nio.channels.Channels.newInputStream(ch).readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("more than " + MAX_BYTES + " bytes");
            }
            return bytes;
        }
    }

    private static TaskFileException unreadable(Path file, String what, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            why = fse.getReason();
        }
        return new TaskFileException(TaskFileException.Problem.UNREADABLE, file,
                "cannot read " + what + ": " + file + ": " + why);
    }
}
