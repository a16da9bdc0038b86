package dev.wtcraft.engine;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.Sha256;
import dev.wtcraft.ledger.BundleManifest;
import dev.wtcraft.ledger.LedgerCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A replay bundle (`.wtcraft-bundle`): one zip file of exactly three entries, `manifest.json`, `stream.jsonl` (the
 * engine's stdout lines) and `change.patch` (a binary-safe git patch). It is untrusted input: it is read into
 * memory entry by entry and never unpacked, so no entry name reaches the file system; any other entry, a directory,
 * a duplicate, an oversized entry or a digest that does not match refuses the whole bundle.
 */
public record ReplayBundle(BundleManifest manifest, byte[] stream, byte[] patch) {
    public static final String MANIFEST = "manifest.json";
    public static final String STREAM = "stream.jsonl";
    public static final String PATCH = "change.patch";
    /** The most one entry may hold once inflated. */
    static final long ENTRY_LIMIT = 64L * 1024 * 1024;
    private static final List<String> ENTRIES = List.of(MANIFEST, STREAM, PATCH);

    /** Whether a file starts as a zip does (a bundle rather than a bare recording). */
    public static boolean looksLikeBundle(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    /** A replay engine's bundle: its file read, or a task of a recorded run exported in memory. */
    public static ReplayBundle of(dev.wtcraft.model.EngineSpec.Replay replay) {
        if (replay.task() == null) {
            return read(replay.recording());
        }
        Path runDir = replay.recording();
        Path root = runDir.getParent().getParent().getParent(); // ROOT/.wtcraft/runs/RUN
        return BundleExport.build(root, runDir, runDir.getFileName().toString(), replay.task(), null);
    }

    /** Reads and checks a bundle; refuses it in one line naming the file and what is wrong. */
    public static ReplayBundle read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw refuse(file, "it is not a regular file");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (!ENTRIES.contains(name)) {
                    throw refuse(file, "it holds an entry '" + printable(name) + "'; a bundle holds only "
                            + String.join(", ", ENTRIES) + " (export it again with wtcraft export)");
                }
                if (entries.containsKey(name)) {
                    throw refuse(file, "it holds " + name + " twice");
                }
                entries.put(name, limited(zip, file, name));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw refuse(file, "it is not a readable zip (" + e.getMessage() + ")");
        }
        for (String name : ENTRIES) {
            if (!entries.containsKey(name)) {
                throw refuse(file, "it has no " + name + " (export it again with wtcraft export)");
            }
        }
        String where = file + "!" + MANIFEST;
        BundleManifest m;
        try {
            m = LedgerCodec.parse(where, new String(entries.get(MANIFEST), StandardCharsets.UTF_8), BundleManifest.class);
        } catch (WtcraftException e) { // the codec's words are for a ledger's files: say it of the bundle
            String why = e.getMessage().replace("damaged ledger file ", "").replace(where + ": ", "");
            int aside = why.indexOf(" (move it aside");
            throw refuse(file, "its " + MANIFEST + " does not read: " + (aside < 0 ? why : why.substring(0, aside)
                    + " (export it again with wtcraft export)"));
        }
        if (!BundleManifest.FORMAT.equals(m.format())) {
            throw refuse(file, "its manifest names format '" + m.format() + "', not " + BundleManifest.FORMAT);
        }
        if (m.cli() == null || !List.of("claude", "codex", "gemini", "shell").contains(m.cli())) {
            throw refuse(file, "its manifest names cli '" + m.cli() + "'; it must be claude, codex, gemini or shell");
        }
        if (m.baseCommit() == null || !m.baseCommit().matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
            throw refuse(file, "its manifest names no base commit");
        }
        byte[] stream = entries.get(STREAM);
        byte[] patch = entries.get(PATCH);
        if (!new Sha256().bytes(stream).hex().equals(m.streamSha256())) {
            throw refuse(file, STREAM + " does not match the digest its manifest records: the bundle was altered"
                    + " (export it again)");
        }
        if (!new Sha256().bytes(patch).hex().equals(m.patchSha256())) {
            throw refuse(file, PATCH + " does not match the digest its manifest records: the bundle was altered"
                    + " (export it again)");
        }
        ReplayBundle bundle = new ReplayBundle(m, stream, patch);
        BundlePatch.requireSafe(file, bundle);
        return bundle;
    }

    /**
     * Whether {@code commit} holds what the change starts from: empty when it does (the same commit always does),
     * else the first file that differs.
     */
    public java.util.Optional<String> baseMismatch(dev.wtcraft.git.GitCli git, String commit) {
        return BundlePatch.baseMismatch(git, commit, manifest);
    }

    /** The stream's lines, as the parser saw them. */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>(List.of(new String(stream, StandardCharsets.UTF_8).split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Writes a bundle atomically: a reader sees the old file or the whole new one. */
    public static void write(Path file, BundleManifest manifest, byte[] stream, byte[] patch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, MANIFEST, LedgerCodec.text(manifest).getBytes(StandardCharsets.UTF_8));
            entry(zip, STREAM, stream);
            entry(zip, PATCH, patch);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L); // the same change exports to the same bytes
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] limited(InputStream in, Path file, String name) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, ENTRY_LIMIT + 1));
        if (data.length > ENTRY_LIMIT) {
            throw refuse(file, name + " is larger than " + (ENTRY_LIMIT >> 20) + " MiB");
        }
        return data;
    }

    static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    static WtcraftException refuse(Path file, String why) {
        return WtcraftException.fatal("bundle " + file + ": " + why);
    }
}
