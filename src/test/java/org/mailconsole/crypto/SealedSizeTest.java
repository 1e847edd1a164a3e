package org.mailconsole.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailconsole.model.FieldLimits;

/** Every secret the validators accept fits its sealed column (issue 8: 990 x "€" overflowed 4,000). */
class SealedSizeTest {
    @TempDir
    Path dir;

    @Test
    void theLongestWidestSecretFitsTheSealedColumn() {
        SecretBox box = new SecretBox(KeyFile.loadOrCreate(dir.resolve("k")));
        for (String unit : new String[] {"€", "\uD83D\uDCE7", "a", "\u07FF"}) {
            String secret = unit.repeat(FieldLimits.SECRET / unit.length());
            int sealed = box.seal(secret).length();
            assertTrue(sealed <= FieldLimits.SEALED_COLUMN, unit + ": " + sealed + " > " + FieldLimits.SEALED_COLUMN);
        }
        assertTrue(box.seal("€".repeat(990)).length() > 4000, "the old column was too small for this");
        for (String plain : new String[] {"", "a", "ab", "abc", "€".repeat(990), "t".repeat(40_000)}) {
            assertEquals(box.seal(plain).length(), FieldLimits.sealedLength(plain), plain.length() + " characters");
        }
    }
}
