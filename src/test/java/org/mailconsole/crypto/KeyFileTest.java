package org.mailconsole.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23 item 6: the key file is written whole under another name, owner-only, and checked at each start. */
class KeyFileTest {
    @TempDir
    Path dir;

    @Test
    void aNewKeyFileIsOwnerOnlyAndNothingElseIsLeft() throws Exception {
        Path key = dir.resolve("conf/mail-console.key");
        byte[] first = KeyFile.loadOrCreate(key).getEncoded();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        try (Stream<Path> files = Files.list(key.getParent())) {
            assertEquals(List.of(key), files.toList(), "no temporary file left beside it");
        }
        assertArrayEquals(first, KeyFile.loadOrCreate(key).getEncoded(), "an existing key is read, never replaced");
        assertTrue(KeyFile.permissionProblem(key).isEmpty());
    }

    @Test
    void aKeyFileOthersMayReadIsAProblem() throws Exception {
        Path key = dir.resolve("mail-console.key");
        KeyFile.loadOrCreate(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(KeyFile.permissionProblem(key).orElseThrow().contains("(rw-r-----)"));
    }
}
