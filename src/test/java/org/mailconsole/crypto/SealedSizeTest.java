package org.mailconsole.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.FieldLimits;

/** Every secret the validators accept fits its sealed column (issue 8: 990 x "€" overflowed 4,000). */
class SealedSizeTest {
    /**
     * The columns that hold sealed secrets (V4). A secret of {@link FieldLimits#SECRET} characters is at
     * most 3 UTF-8 bytes each (a 4-byte character is 2 Java chars), so it seals to at most
     * 3 + 4 * ceil((12 + 3 * SECRET + 16) / 3) = 8,043 characters.
     */
    static final int SEALED_COLUMN = 8192;
    /** The columns of sealed PEM values (V16). */
    static final int SEALED_PEM_COLUMN = 16000;

    @TempDir
    Path dir;

    @Test
    void theLongestWidestSecretFitsTheSealedColumn() {
        SecretBox box = new SecretBox(KeyFile.loadOrCreate(dir.resolve("k")));
        for (String unit : new String[] {"€", "\uD83D\uDCE7", "a", "\u07FF"}) {
            String secret = unit.repeat(FieldLimits.SECRET / unit.length());
            int sealed = box.seal(secret).length();
            assertTrue(sealed <= SEALED_COLUMN, unit + ": " + sealed + " > " + SEALED_COLUMN);
        }
        int pem = box.seal("A".repeat(FieldLimits.SECRET_PEM)).length();
        assertTrue(pem <= SEALED_PEM_COLUMN, "a PEM: " + pem + " > " + SEALED_PEM_COLUMN);
        assertTrue(box.seal("€".repeat(990)).length() > 4000, "the old column was too small for this");
        for (String plain : new String[] {"", "a", "ab", "abc", "€".repeat(990), "t".repeat(40_000)}) {
            assertEquals(box.seal(plain).length(), FieldLimits.sealedLength(plain), plain.length() + " characters");
        }
    }
}
