package dev.wtcraft.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * `skip-worktree` and `assume-unchanged` tell git not to look at a file, so `git diff` cannot see an edit an engine
 * hid that way. The flagged entries (usually none) are compared with HEAD here, by content and mode.
 */
final class IndexFlags {
    private IndexFlags() {
    }

    /** Flagged paths whose working-tree file is not HEAD's (changed, deleted, another mode, or new). */
    static List<GitPath> hiddenChanges(GitCli git, Path worktree) {
        List<GitPath> flagged = new ArrayList<>();
        for (byte[] entry : GitCli.splitNul(git.bytes("ls-files", "-z", "-v"))) {
            char tag = (char) entry[0];
            if (entry.length > 2 && (tag == 'S' || Character.isLowerCase(tag))) {
                flagged.add(GitPath.of(java.util.Arrays.copyOfRange(entry, 2, entry.length)));
            }
        }
        if (flagged.isEmpty()) {
            return List.of();
        }
        Map<GitPath, String[]> head = new HashMap<>();
        for (byte[] raw : GitCli.splitNul(git.bytes("ls-tree", "-r", "-z", "--full-tree", "HEAD"))) {
            int tab = indexOf(raw, (byte) '\t');
            String[] meta = new String(raw, 0, tab, StandardCharsets.US_ASCII).split(" ");
            head.put(GitPath.of(java.util.Arrays.copyOfRange(raw, tab + 1, raw.length)), new String[] {meta[0], meta[2]});
        }
        List<GitPath> out = new ArrayList<>();
        for (GitPath p : flagged) {
            String[] expected = head.get(p);
            if (expected == null || !p.isUtf8() || !sameAsHead(worktree.resolve(p.text()), expected[0], expected[1])) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean sameAsHead(Path file, String mode, String oid) {
        try {
            var attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            byte[] content;
            String actualMode;
            if (attrs.isSymbolicLink()) {
                content = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
                actualMode = "120000";
            } else if (attrs.isRegularFile()) {
                content = Files.readAllBytes(file);
                actualMode = attrs.permissions().contains(PosixFilePermission.OWNER_EXECUTE) ? "100755" : "100644";
            } else {
                return mode.equals("160000") && attrs.isDirectory();
            }
            return actualMode.equals(mode) && blobId(content, oid.length() == 64 ? "SHA-256" : "SHA-1").equals(oid);
        } catch (IOException e) {
            return false;
        }
    }

    private static String blobId(byte[] content, String algorithm) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }
}
