package dev.wtcraft.ledger;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineSplitterTest {

    @Test
    void linesAcrossWritesCrlfAndAFinalLineWithoutNewline() {
        List<String> lines = new ArrayList<>();
        try (LineSplitter s = new LineSplitter(lines::add)) {
            byte[] text = "one\ntw".getBytes(StandardCharsets.UTF_8);
            s.write(text, 0, text.length);
            byte[] more = "o\r\nthree".getBytes(StandardCharsets.UTF_8);
            s.write(more, 0, more.length);
        }
        assertEquals(List.of("one", "two", "three"), lines);
    }

    @Test
    void aLineLongerThanTheCapComesInPiecesOfTheCap() {
        List<String> lines = new ArrayList<>();
        byte[] big = new byte[LineSplitter.MAX_LINE * 2 + 10];
        java.util.Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = '\n';
        try (LineSplitter s = new LineSplitter(lines::add)) {
            // in uneven chunks, so the cap is crossed inside a write and across writes
            int[] cuts = {0, 1000, LineSplitter.MAX_LINE - 5, LineSplitter.MAX_LINE + 7, big.length};
            for (int i = 0; i + 1 < cuts.length; i++) {
                s.write(big, cuts[i], cuts[i + 1] - cuts[i]);
            }
        }
        assertEquals(List.of(LineSplitter.MAX_LINE, LineSplitter.MAX_LINE, 9), lines.stream().map(String::length).toList());
    }

    @Test
    void invalidUtf8BecomesReplacementCharactersNotAnError() {
        List<String> lines = new ArrayList<>();
        try (LineSplitter s = new LineSplitter(lines::add)) {
            s.write(new byte[] {'a', (byte) 0xff, 'b', '\n'}, 0, 4);
        }
        assertEquals(List.of("a\uFFFDb"), lines);
    }
}
