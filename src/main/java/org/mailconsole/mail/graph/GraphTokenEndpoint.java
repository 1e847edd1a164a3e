package org.mailconsole.mail.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.mailconsole.model.Certificates;
import org.mailconsole.model.GraphClient;
import org.mailconsole.model.GraphSecrets;
import org.mailconsole.model.PrivateKeys;
import org.mailconsole.model.TokenEndpointUrl;

/**
 * The Entra ID token endpoint: the client-credentials grant with scope "{graph}/.default" and either
 * the client secret or a signed client assertion ({@link ClientAssertion}). Keeps nothing:
 * {@link GraphTokens} caches.
 */
public final class GraphTokenEndpoint {
    private static final System.Logger LOG = System.getLogger(GraphTokenEndpoint.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;

    private final GraphHttp http;
    private final Clock clock;

    public GraphTokenEndpoint(GraphHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** An access token and when it expires. */
    public record Token(String accessToken, Instant expires) {
        @Override
        public String toString() {
            return "Token[expires=" + expires + "]";
        }
    }

    public Token token(GraphClient client, GraphSecrets secrets) throws GraphAuthException {
        String url = client.tokenEndpoint();
        String problem = TokenEndpointUrl.check(url);
        if (problem != null) {
            throw new GraphAuthException("the token endpoint " + url + " " + problem);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", client.clientId());
        form.put("scope", client.scope());
        if (secrets.certificate()) {
            try {
                form.put("client_assertion_type", ClientAssertion.TYPE);
                form.put("client_assertion", ClientAssertion.sign(client.clientId(), url,
                        Certificates.parsePem(secrets.certificatePem()).get(0),
                        PrivateKeys.parsePem(secrets.privateKeyPem()), clock.instant()));
            } catch (CertificateException | RuntimeException e) {
                throw new GraphAuthException("the stored certificate cannot be read: save it again");
            } catch (GeneralSecurityException e) {
                throw new GraphAuthException("the client assertion could not be signed with the stored private key ("
                        + e.getClass().getSimpleName() + "): save the key again");
            }
        } else if (secrets.clientSecret() != null) {
            form.put("client_secret", secrets.clientSecret());
        } else {
            throw new GraphAuthException("no client secret or certificate is set");
        }
        GraphHttp.Answer response;
        try {
            response = http.post(URI.create(url), Map.of("Content-Type", "application/x-www-form-urlencoded",
                    "Accept", "application/json"), encode(form).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new GraphAuthException("the token endpoint " + url + " could not be reached: "
                    + GraphTransport.describe(e));
        }
        LOG.log(System.Logger.Level.DEBUG, "Graph: POST {0} -> {1} (request-id {2})", url, response.status(),
                response.requestId() == null ? "-" : response.requestId());
        JsonNode json = parse(response.body());
        if (response.status() != 200 || text(json, "access_token") == null) {
            throw failure(url, response.status(), json);
        }
        long lifetime = json.path("expires_in").asLong(DEFAULT_LIFETIME_SECONDS);
        return new Token(text(json, "access_token"), clock.instant().plusSeconds(lifetime > 0 ? lifetime
                : DEFAULT_LIFETIME_SECONDS));
    }

    private static GraphAuthException failure(String url, int status, JsonNode json) {
        String error = text(json, "error");
        String description = text(json, "error_description");
        String code = AadstsErrors.code(description);
        StringBuilder message = new StringBuilder("the token endpoint refused (HTTP ").append(status).append(")");
        if (error != null) {
            message.append(": ").append(error);
        }
        if (description != null) {
            // Entra ID's description: the code, its text, then trace and correlation ids (kept: support asks for them)
            message.append(": ").append(description.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim());
        }
        String advice = AadstsErrors.advice(code);
        if (advice != null) {
            message.append(" — ").append(code).append(": ").append(advice);
        } else if (error == null && description == null) {
            message.append(" at ").append(url).append(" without an OAuth 2.0 error: is this the token endpoint?");
        }
        return new GraphAuthException(message.toString());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
