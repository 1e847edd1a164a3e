package org.mailconsole.mail.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A signed client assertion (RFC 7523, as Entra ID takes it for certificate credentials): a JWT
 * signed RS256 with the app's private key, whose header names the certificate by its SHA-1
 * thumbprint ("x5t") and SHA-256 thumbprint ("x5t#S256"); audience the token endpoint, issuer and
 * subject the client id, valid for a few minutes. Signed with the JDK's java.security only.
 */
public final class ClientAssertion {
    /** The client_assertion_type of RFC 7523. */
    public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private ClientAssertion() {
    }

    public static String sign(String clientId, String tokenEndpoint, X509Certificate certificate, PrivateKey key,
                              Instant now) throws GeneralSecurityException {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT")
                .put("x5t", URL.encodeToString(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded())))
                .put("x5t#S256", URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
        ObjectNode claims = JSON.createObjectNode().put("aud", tokenEndpoint).put("iss", clientId).put("sub", clientId)
                .put("jti", UUID.randomUUID().toString()).put("iat", now.getEpochSecond())
                .put("nbf", now.getEpochSecond()).put("exp", now.plus(LIFETIME).getEpochSecond());
        String signed = URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + URL.encodeToString(rs256.sign());
    }
}
