package dev.wtcraft.git;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepoLayoutTest {

    @Test
    void parsesPorcelainWithLockedPrunableDetachedAndUnknownFields() {
        String porcelain = String.join("\0",
                "worktree /r", "HEAD aaa", "branch refs/heads/main", "",
                "worktree /r/worktrees/feat/x", "HEAD bbb", "branch refs/heads/feat/x", "locked reason here", "",
                "worktree /gone", "HEAD ccc", "detached", "prunable gitdir file points to non-existent location",
                "some-future-field", "") + "\0";
        List<WorktreeEntry> entries = RepoLayout.parse(porcelain.getBytes(StandardCharsets.UTF_8));
        assertEquals(3, entries.size());
        assertEquals(Path.of("/r"), entries.get(0).path());
        assertEquals("main", entries.get(0).shortBranch());
        assertTrue(entries.get(1).locked());
        assertEquals("feat/x", entries.get(1).shortBranch());
        assertTrue(entries.get(2).detached());
        assertTrue(entries.get(2).prunable());
        assertNull(entries.get(2).shortBranch());
        assertFalse(entries.get(0).prunable());
    }

    @Test
    void splitsNulSeparatedOutputKeepingRawBytes() {
        byte[] out = {'a', 0, 'b', '\n', 'c', 0, (byte) 0xe9, 0};
        List<byte[]> parts = GitCli.splitNul(out);
        assertEquals(3, parts.size());
        assertArrayEquals(new byte[] {'b', '\n', 'c'}, parts.get(1));
        GitPath latin1 = GitPath.of(parts.get(2));
        assertFalse(latin1.isUtf8());
        assertEquals("\uFFFD", latin1.text());
        assertTrue(GitPath.of("caf\u00e9").isUtf8());
    }
}
