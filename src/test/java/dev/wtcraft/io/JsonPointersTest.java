package dev.wtcraft.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JsonPointersTest {
    @Test
    void findsAStringAndReadsItBack() throws Exception {
        Object tree = JsonText.parse("{\"a\":{\"b/c\":[1,{\"~k\":\"found it\"}]},\"x\":\"other\"}");
        String pointer = JsonPointers.find(tree, new String("found it"));
        assertEquals("/a/b~1c/1/~0k", pointer);
        assertEquals("found it", JsonPointers.at(tree, pointer));
        assertNull(JsonPointers.find(tree, "absent"));
        assertNull(JsonPointers.at(tree, "/a/b~1c/7"));
        assertNull(JsonPointers.at(tree, "/a/b~1c/01"));
        assertNull(JsonPointers.at(tree, "a"));
    }
}
