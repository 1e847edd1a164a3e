package org.mailconsole.mail.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.mailconsole.model.GraphClient;
import org.mailconsole.model.TranscriptEntry;
import org.mailconsole.store.TranscriptStore;
import org.mailconsole.model.TokenEndpointUrl;

/**
 * Sends a stored message through Microsoft Graph (email-model.md section 8): the app's MIME with its
 * To, Cc and Bcc rewritten to the actual recipients ({@link GraphMime}), base64, as
 * {@code POST {graph}/v1.0/users/{mailbox}/sendMail} with {@code Content-Type: text/plain} and the
 * account's client-credentials token. Graph answers 202 with no body; a 401 drops the token and
 * tries once more with a new one. Thread-safe: every engine worker shares the one transport.
 * Logs (at DEBUG) method, URL, status and request-id: never the token, a secret or the body.
 */
public final class GraphTransport {
    /** Graph's sendMail takes up to 4 MB of request; base64 makes 3 MB of MIME about 4 MB. */
    public static final int MAX_MIME_BYTES = 3 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(GraphTransport.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphHttp http;
    private final GraphTokens tokens;
    private final TranscriptStore transcripts;
    private final Clock clock;

    public GraphTransport(GraphHttp http, GraphTokens tokens, TranscriptStore transcripts, Clock clock) {
        this.http = http;
        this.tokens = tokens;
        this.transcripts = transcripts;
        this.clock = clock;
    }

    /**
     * Sends {@code mime} to {@code recipients} as the account's mailbox; never throws. With {@code record}
     * (the account's debug logging) the exchanges are kept as a transcript of the account: method, URL,
     * status, request-id, and the size of the message, never a token, a secret or the message itself.
     */
    public GraphResult send(long accountId, GraphClient client, byte[] mime, List<String> recipients, boolean record) {
        if (!record) {
            return sendOnce(accountId, client, mime, recipients);
        }
        http.startTrace();
        GraphResult result;
        List<String> lines;
        try {
            result = sendOnce(accountId, client, mime, recipients);
        } finally {
            lines = http.stopTrace();
        }
        String text = String.join("\n", lines) + (lines.isEmpty() ? "" : "\n") + "[message: " + mime.length
                + " bytes of MIME to " + recipients.size() + " recipient(s), sent base64, not recorded]";
        String outcome = result.kind() == GraphResult.Kind.SENT ? "Sent to Graph: " + result.reply()
                : "Graph: " + result.reply();
        try {
            return result.withTranscript(transcripts.add(new TranscriptEntry(0, accountId, clock.instant(), "send",
                    outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome, text)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the debug transcript of a Graph send was not kept: " + e.getMessage());
            return result;
        }
    }

    private GraphResult sendOnce(long accountId, GraphClient client, byte[] mime, List<String> recipients) {
        String url = client.graphEndpoint();
        String problem = TokenEndpointUrl.check(url);
        if (problem != null) {
            return new GraphResult(GraphResult.Kind.ACCOUNT_FAILURE, null, "the Graph endpoint " + url + " " + problem,
                    null);
        }
        byte[] body;
        try {
            body = GraphMime.withRecipients(mime, recipients);
        } catch (MessagingException | IOException | RuntimeException e) {
            return new GraphResult(GraphResult.Kind.FAILED, null, "the stored message cannot be read: " + e.getMessage(),
                    null);
        }
        if (body.length > MAX_MIME_BYTES) {
            return new GraphResult(GraphResult.Kind.FAILED, null, "the message is " + kb(body.length) + " KB of MIME, "
                    + "over the 3 MB that Graph's sendMail takes (4 MB once base64); larger messages need Graph's "
                    + "upload sessions, which this version does not use", null);
        }
        String token;
        try {
            token = tokens.current(accountId, client);
        } catch (GraphAuthException e) {
            return new GraphResult(GraphResult.Kind.ACCOUNT_FAILURE, null, "no access token: " + e.getMessage(), null);
        }
        URI sendMail = URI.create(url + "/v1.0/users/" + URLEncoder.encode(client.mailbox(), StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%40", "@") + "/sendMail");
        byte[] base64 = Base64.getEncoder().encode(body);
        try {
            GraphHttp.Answer response = post(sendMail, token, base64);
            if (response.status() == 401) {
                // revoked or rejected before its expiry: once more with a new token
                tokens.rejected(accountId, token);
                token = tokens.current(accountId, client);
                response = post(sendMail, token, base64);
            }
            return result(response);
        } catch (GraphAuthException e) {
            return new GraphResult(GraphResult.Kind.ACCOUNT_FAILURE, null, "no access token: " + e.getMessage(), null);
        } catch (IOException | IllegalArgumentException e) {
            return new GraphResult(GraphResult.Kind.DEFERRED, null, "Graph at " + url + " could not be reached: "
                    + describe(e), null);
        }
    }

    private GraphHttp.Answer post(URI uri, String token, byte[] base64) throws IOException {
        GraphHttp.Answer response = http.post(uri, Map.of("Authorization", "Bearer " + token,
                "Content-Type", "text/plain"), base64);
        LOG.log(System.Logger.Level.DEBUG, "Graph: POST {0} -> {1} (request-id {2})", uri, response.status(),
                requestId(response));
        return response;
    }

    private GraphResult result(GraphHttp.Answer response) {
        int status = response.status();
        if (status == 202 || status == 200) {
            return new GraphResult(GraphResult.Kind.SENT, status, status + " Accepted (request-id "
                    + requestId(response) + ")", null);
        }
        String reply = status + " " + error(response.body()) + " (request-id " + requestId(response) + ")";
        Duration retryAfter = retryAfter(response);
        if (status == 429 || (status == 503 && retryAfter != null)) {
            return new GraphResult(GraphResult.Kind.THROTTLED, status, reply, retryAfter);
        }
        if (status == 401 || status == 403) {
            return new GraphResult(GraphResult.Kind.ACCOUNT_FAILURE, status, reply, null);
        }
        if (status >= 500) {
            return new GraphResult(GraphResult.Kind.DEFERRED, status, reply, null);
        }
        return new GraphResult(GraphResult.Kind.FAILED, status, reply, null);
    }

    /** Graph's "code: message" from its error JSON, or the body's start when it is not that. */
    static String error(String body) {
        try {
            JsonNode error = JSON.readTree(body == null || body.isBlank() ? "{}" : body).path("error");
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            if (!code.isEmpty() || !message.isEmpty()) {
                return (code + (code.isEmpty() || message.isEmpty() ? "" : ": ") + message).replaceAll("\\s+", " ");
            }
        } catch (IOException e) {
            // not JSON: below
        }
        String text = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. At least 1 s. */
    private Duration retryAfter(GraphHttp.Answer response) {
        String value = response.retryAfter();
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Duration wait = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String requestId(GraphHttp.Answer response) {
        return response.requestId() == null ? "-" : response.requestId();
    }

    /** A connection failure named as an admin can act on it. */
    static String describe(Exception e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "the connection timed out";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof ConnectException) {
            return "the connection was refused";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS failed: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static long kb(int bytes) {
        return (bytes + 1023) / 1024;
    }
}
