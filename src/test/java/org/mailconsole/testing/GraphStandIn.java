package org.mailconsole.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Entra ID's token endpoint and Microsoft Graph's sendMail, on loopback (the JDK's
 * HTTP server), that checks each request as they do and answers as they do.
 *
 * <ul>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/token}: the client-credentials grant for {@link #TENANT},
 *       {@link #CLIENT_ID} and scope {@code {this}/.default}, with {@link #CLIENT_SECRET} or a client
 *       assertion (RFC 7523) whose RS256 signature verifies with the certificate given to
 *       {@link #trustCertificate}, whose x5t is that certificate's thumbprint, audience this token URL
 *       and issuer and subject the client id. An unknown tenant answers AADSTS90002, a wrong secret
 *       AADSTS7000215, a bad assertion AADSTS700027, each as Entra ID words them.</li>
 *   <li>{@code POST /v1.0/users/{mailbox}/sendMail}: a bearer token it issued (and not revoked),
 *       {@code Content-Type: text/plain}, a base64 body; records the decoded MIME; answers with the next
 *       scripted answer (202 when none is scripted).</li>
 *   <li>{@code GET /v1.0/users/{mailbox}}: the user when it is one of {@link #mailboxes}; 404 when not;
 *       403 when the app may not read users ({@link #mayReadUsers}).</li>
 * </ul>
 */
public final class GraphStandIn implements AutoCloseable {
    public static final String TENANT = "contoso.onmicrosoft.com";
    public static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    public static final String CLIENT_SECRET = "graph-secret-canary-7781";
    public static final String MAILBOX = "noreply@contoso.example";
    /** Every token it issues starts so: a canary for logs and pages. */
    public static final String TOKEN_PREFIX = "graph-token-canary-";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sendMail as Graph got it: the mailbox in the path and the MIME the body decodes to. */
    public record Sent(String mailbox, byte[] mime, Instant at) {
        public String text() {
            return new String(mime, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer to sendMail. */
    public record Answer(int status, String retryAfter, String errorCode, String errorMessage) {
        public static Answer error(int status, String code, String message) {
            return new Answer(status, null, code, message);
        }

        public static Answer throttled(int status, int seconds) {
            return new Answer(status, String.valueOf(seconds), "ApplicationThrottled",
                    "Application is over its MailboxConcurrency limit.");
        }
    }

    private final HttpServer server;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCount = new AtomicInteger();
    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, String>> tokenRequests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sendRequests = new AtomicInteger();
    public volatile Set<String> mailboxes = Set.of(MAILBOX);
    public volatile boolean mayReadUsers = true;
    private volatile X509Certificate certificate;

    private GraphStandIn(HttpServer server) {
        this.server = server;
    }

    public static GraphStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        GraphStandIn graph = new GraphStandIn(server);
        server.createContext("/", exchange -> {
            try {
                graph.handle(exchange);
            } catch (RuntimeException e) {
                graph.problems.add("stand-in failure: " + e);
                graph.answer(exchange, 500, null, "{}");
            } finally {
                exchange.close();
            }
        });
        server.start();
        return graph;
    }

    /** Its address, as the Graph endpoint (and token authority) of an account: http://127.0.0.1:port */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Accepts client assertions signed with the key of this certificate (PEM). */
    public void trustCertificate(String pem) throws Exception {
        certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The next sendMail requests get these answers, in order (then 202 again). */
    public void script(Answer... next) {
        answers.addAll(List.of(next));
    }

    /** Every token issued so far is refused from now on (as after a revocation). */
    public void revokeTokens() {
        issued.clear();
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** sendMail requests received, whatever they were answered. */
    public int sendRequests() {
        return sendRequests.get();
    }

    /** Requests it refused as Graph would not have taken them (a wrong content type, a missing token...). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && path.endsWith("/oauth2/v2.0/token")) {
            token(exchange, URLDecoder.decode(path.substring(1, path.indexOf('/', 1)), StandardCharsets.UTF_8));
        } else if (method.equals("POST") && path.startsWith("/v1.0/users/") && path.endsWith("/sendMail")) {
            sendMail(exchange, URLDecoder.decode(path.substring("/v1.0/users/".length(),
                    path.length() - "/sendMail".length()), StandardCharsets.UTF_8));
        } else if (method.equals("GET") && path.startsWith("/v1.0/users/")) {
            user(exchange, URLDecoder.decode(path.substring("/v1.0/users/".length()), StandardCharsets.UTF_8));
        } else {
            problems.add("unexpected request " + method + " " + path);
            graphError(exchange, 400, "BadRequest", "Unsupported request.");
        }
    }

    private void token(HttpExchange exchange, String tenant) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(form);
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            problems.add("token request content type " + contentType);
        }
        if (!tenant.equals(TENANT)) {
            aadsts(exchange, 400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found. Check to make "
                    + "sure you have the correct tenant ID and are signing into the correct cloud.");
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            aadsts(exchange, 400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            aadsts(exchange, 400, "unauthorized_client", "AADSTS700016: Application with identifier '"
                    + form.get("client_id") + "' was not found in the directory '" + tenant + "'.");
            return;
        }
        if (!(url() + "/.default").equals(form.get("scope"))) {
            aadsts(exchange, 400, "invalid_scope", "AADSTS1002012: The provided value for scope "
                    + form.get("scope") + " is not valid.");
            return;
        }
        if (form.containsKey("client_assertion")) {
            String wrong = assertionProblem(form, url() + exchange.getRequestURI().getRawPath());
            if (wrong != null) {
                aadsts(exchange, 401, "invalid_client", "AADSTS700027: Client assertion failed signature validation. "
                        + wrong);
                return;
            }
        } else if (!CLIENT_SECRET.equals(form.get("client_secret"))) {
            aadsts(exchange, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret "
                    + "being sent in the request is the client secret value, not the client secret ID, for a secret "
                    + "added to app '" + CLIENT_ID + "'. Trace ID: 0000 Correlation ID: 1111 Timestamp: 2026-12-06");
            return;
        }
        String token = TOKEN_PREFIX + tokenCount.incrementAndGet();
        issued.add(token);
        answer(exchange, 200, null, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                + "\"access_token\":\"" + token + "\"}");
    }

    /** Null when the assertion is one Entra ID takes for this app's certificate, else what is wrong. */
    private String assertionProblem(Map<String, String> form, String tokenUrl) {
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            return "wrong client_assertion_type " + form.get("client_assertion_type");
        }
        if (form.containsKey("client_secret")) {
            return "a client secret came with the assertion";
        }
        X509Certificate trusted = certificate;
        if (trusted == null) {
            return "no certificate is registered";
        }
        String[] parts = form.get("client_assertion").split("\\.");
        if (parts.length != 3) {
            return "not a signed JWT";
        }
        try {
            Base64.Decoder url = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(url.decode(parts[0]));
            JsonNode claims = JSON.readTree(url.decode(parts[1]));
            String thumbprint = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-1").digest(trusted.getEncoded()));
            if (!"RS256".equals(header.path("alg").asText()) || !thumbprint.equals(header.path("x5t").asText())) {
                return "header " + header;
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(trusted.getPublicKey());
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(url.decode(parts[2]))) {
                return "the signature does not verify with the certificate's public key";
            }
            long now = Instant.now().getEpochSecond();
            if (!tokenUrl.equals(claims.path("aud").asText()) || !CLIENT_ID.equals(claims.path("iss").asText())
                    || !CLIENT_ID.equals(claims.path("sub").asText()) || claims.path("exp").asLong() < now
                    || claims.path("nbf").asLong() > now + 300 || claims.path("jti").asText().isEmpty()) {
                return "claims " + claims;
            }
            return null;
        } catch (Exception e) {
            return "unreadable: " + e;
        }
    }

    private void sendMail(HttpExchange exchange, String mailbox) throws IOException {
        sendRequests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !issued.contains(authorization.substring("Bearer ".length()))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"\", authorization_uri="
                    + "\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
            graphError(exchange, 401, "InvalidAuthenticationToken", "Access token validation failure.");
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("text/plain")) {
            problems.add("sendMail content type " + contentType);
            graphError(exchange, 400, "ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME content.");
            return;
        }
        if (!mailboxes.contains(mailbox)) {
            graphError(exchange, 404, "ErrorInvalidUser", "The requested user '" + mailbox + "' is invalid.");
            return;
        }
        byte[] mime;
        try {
            mime = Base64.getDecoder().decode(new String(body, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            problems.add("sendMail body is not base64");
            graphError(exchange, 400, "ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME content.");
            return;
        }
        if (body.length > 4 * 1024 * 1024) {
            graphError(exchange, 413, "ErrorMessageSizeExceeded", "The message exceeds the maximum supported size.");
            return;
        }
        Answer next = answers.poll();
        if (next != null && next.status() != 202) {
            if (next.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
            }
            graphError(exchange, next.status(), next.errorCode(), next.errorMessage());
            return;
        }
        sent.add(new Sent(mailbox, mime, Instant.now()));
        exchange.getResponseHeaders().add("request-id", "req-" + sent.size());
        exchange.sendResponseHeaders(202, -1);
    }

    private void user(HttpExchange exchange, String mailbox) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !issued.contains(authorization.replaceFirst("^Bearer ", ""))) {
            graphError(exchange, 401, "InvalidAuthenticationToken", "Access token validation failure.");
        } else if (!mayReadUsers) {
            graphError(exchange, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        } else if (!mailboxes.contains(mailbox)) {
            graphError(exchange, 404, "Request_ResourceNotFound", "Resource '" + mailbox + "' does not exist or one "
                    + "of its queried reference-property objects are not present.");
        } else {
            answer(exchange, 200, null, "{\"id\":\"u-1\",\"userPrincipalName\":\"" + mailbox + "\",\"mail\":\""
                    + mailbox + "\"}");
        }
    }

    private void aadsts(HttpExchange exchange, int status, String error, String description) throws IOException {
        answer(exchange, status, null, JSON.createObjectNode().put("error", error).put("error_description", description)
                .putPOJO("error_codes", List.of(Integer.parseInt(description.replaceAll("^AADSTS(\\d+).*$", "$1"))))
                .toString());
    }

    private void graphError(HttpExchange exchange, int status, String code, String message) throws IOException {
        answer(exchange, status, null, JSON.createObjectNode().set("error", JSON.createObjectNode().put("code", code)
                .put("message", message).set("innerError", JSON.createObjectNode().put("request-id", "req-err")
                        .put("date", Instant.now().toString()))).toString());
    }

    private void answer(HttpExchange exchange, int status, String retryAfter, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
