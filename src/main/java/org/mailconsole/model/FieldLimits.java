package org.mailconsole.model;

/**
 * How long each value may be, in one place: every accepted value fits its database column
 * (columns count characters; a sealed secret is longer than the secret, see {@link #sealedLength}).
 */
public final class FieldLimits {
    public static final int ACCOUNT_NAME = 100;
    /** User names and addresses (RFC 5321 paths are shorter still). */
    public static final int ADDRESS = 320;
    public static final int HOST = 253;
    public static final int DISPLAY_NAME = 200;
    public static final int FOLDER = 200;
    public static final int URL = 2000;
    public static final int CLIENT_ID = 500;
    public static final int SCOPE = 1000;
    public static final int PEM = 32000;
    /** Any secret: account password, OAuth 2.0 client secret and refresh token, secret properties. */
    public static final int SECRET = 2000;
    /**
     * A PEM kept sealed (a Graph account's certificate or private key): ASCII, so it seals to at most
     * 3 + 4 * ceil((12 + 7000 + 16) / 3) = 9,375 characters, within the columns of sealed PEM values (V16).
     */
    public static final int SECRET_PEM = 7000;
    /** Any System Properties > Email value. */
    public static final int PROPERTY = 2000;
    /**
     * A kept debug transcript (its column is a CLOB): what a recorder holds of one connection while it
     * records, so a connection that moves a large message costs the shared heap no more than this.
     */
    public static final int TRANSCRIPT = 200_000;

    /** The columns of tokens from a token endpoint (access token, rotated refresh token), sealed. */
    public static final int SEALED_TOKEN_COLUMN = 32000;

    /** Upper bound of the connect and read timeouts, so one connection cannot hold a thread for long. */
    public static final int MAX_TIMEOUT_MS = 300_000;

    private FieldLimits() {
    }

    /** The length of a value once sealed: "v1:" + base64(12-byte nonce + UTF-8 bytes + 16-byte tag). */
    public static int sealedLength(String plain) {
        int bytes = plain.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return 3 + 4 * ((12 + bytes + 16 + 2) / 3);
    }

    /** The message for a value over its limit. */
    public static String tooLong(int max) {
        return "is too long (at most " + max + " characters)";
    }

    /** A timeout within 1 ms and {@link #MAX_TIMEOUT_MS} (values stored before the bound existed are cut to it). */
    public static int boundTimeout(int timeoutMs) {
        return Math.max(1, Math.min(timeoutMs, MAX_TIMEOUT_MS));
    }
}
