package org.mailconsole.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir
    Path dir;

    @Test
    void sealsAndOpens() {
        SecretBox box = new SecretBox(KeyFile.loadOrCreate(dir.resolve("k")));
        String sealed = box.seal("pässword-canary");
        assertFalse(sealed.contains("canary"));
        assertEquals("pässword-canary", box.open(sealed));
        assertNotEquals(sealed, box.seal("pässword-canary"), "a fresh nonce each time");
    }

    @Test
    void anotherKeyCannotOpenAndTheMessageHasNoSecret() {
        String sealed = new SecretBox(KeyFile.loadOrCreate(dir.resolve("a"))).seal("canary-1");
        SecretBox other = new SecretBox(KeyFile.loadOrCreate(dir.resolve("b")));
        SecretUnreadableException e = assertThrows(SecretUnreadableException.class, () -> other.open(sealed));
        assertFalse(e.getMessage().contains("canary"));
    }

    @Test
    void tamperingIsDetected() {
        SecretBox box = new SecretBox(KeyFile.loadOrCreate(dir.resolve("k")));
        String sealed = box.seal("canary-2");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);
        assertThrows(SecretUnreadableException.class, () -> box.open(tampered));
        assertThrows(SecretUnreadableException.class, () -> box.open("plain text"));
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReusedAcrossStarts() throws Exception {
        Path file = dir.resolve("conf/mail-console.key");
        String sealed = new SecretBox(KeyFile.loadOrCreate(file)).seal("canary-3");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        assertEquals("canary-3", new SecretBox(KeyFile.loadOrCreate(file)).open(sealed));
    }

    @Test
    void aDamagedKeyFileIsAClearError() throws Exception {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "not a key");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeyFile.loadOrCreate(file));
        assertEquals(true, e.getMessage().contains(file.toString()));
    }
}
