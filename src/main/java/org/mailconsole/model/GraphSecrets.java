package org.mailconsole.model;

/**
 * A Graph account's secrets in clear, in memory only: a client secret, or a certificate (PEM) and
 * its private key (PEM) for a signed client assertion. {@link #toString()} never shows them.
 */
public record GraphSecrets(String clientSecret, String certificatePem, String privateKeyPem) {
    public static final GraphSecrets NONE = new GraphSecrets(null, null, null);

    /** Whether the app signs in with its certificate (a key is set) rather than a client secret. */
    public boolean certificate() {
        return privateKeyPem != null && !privateKeyPem.isEmpty();
    }

    @Override
    public String toString() {
        return "GraphSecrets[clientSecret=" + set(clientSecret) + ", certificate=" + set(certificatePem)
                + ", privateKey=" + set(privateKeyPem) + "]";
    }

    private static String set(String value) {
        return value == null || value.isEmpty() ? "(none)" : "(set)";
    }
}
