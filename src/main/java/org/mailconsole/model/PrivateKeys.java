package org.mailconsole.model;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads an RSA private key that an admin pasted as PEM ("-----BEGIN PRIVATE KEY-----", PKCS#8, as
 * {@code openssl pkcs8 -topk8 -nocrypt} writes it). Entra ID client assertions are RS256, so only RSA.
 */
public final class PrivateKeys {
    public static final String RULE = "must be an unencrypted RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----; "
            + "convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem)";

    private PrivateKeys() {
    }

    public static PrivateKey parsePem(String pem) throws GeneralSecurityException {
        if (pem == null || !pem.contains("-----BEGIN PRIVATE KEY-----") || !pem.contains("-----END PRIVATE KEY-----")) {
            throw new GeneralSecurityException("no -----BEGIN PRIVATE KEY----- block");
        }
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not base64", e);
        }
    }

    /** Null when the PEM holds an RSA private key, else {@link #RULE}. */
    public static String check(String pem) {
        try {
            parsePem(pem);
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return RULE;
        }
    }
}
