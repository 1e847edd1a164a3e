package org.mailconsole.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A user of the console over real HTTP: BASIC credentials, a cookie jar, JSON and form helpers. */
public final class ConsoleClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"([0-9]+)\"");

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;

    public ConsoleClient(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> sendJson(String method, String path, String body, boolean withRequestedWith) {
        return send(method, path, "application/json", body, withRequestedWith);
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body,
                                     boolean withRequestedWith) {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (withRequestedWith) {
            builder.header("X-Requested-With", "test");
        }
        return send(builder.build());
    }

    public HttpResponse<String> postJson(String path, String body) {
        return sendJson("POST", path, body, true);
    }

    public HttpResponse<String> putJson(String path, String body) {
        return sendJson("PUT", path, body, true);
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).header("X-Requested-With", "test").DELETE().build());
    }

    public HttpResponse<String> patchJson(String path, String body) {
        return sendJson("PATCH", path, body, true);
    }

    public HttpResponse<String> postForm(String path, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** A multipart/form-data post: text fields, and file fields given as name to (filename, content). */
    public HttpResponse<String> postMultipart(String path, List<Map.Entry<String, String>> fields,
                                              Map<String, Map.Entry<String, String>> files) {
        String boundary = "----mailconsole" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> field : fields) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(field.getKey()).append("\"\r\n\r\n")
                    .append(field.getValue()).append("\r\n");
        }
        files.forEach((name, file) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"; filename=\"")
                .append(file.getKey()).append("\"\r\nContent-Type: application/x-pem-file\r\n\r\n")
                .append(file.getValue()).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return send(request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    /** The page a 303 (post/redirect/get) leads to; any other answer as it is. */
    public HttpResponse<String> followed(HttpResponse<String> response) {
        if (response.statusCode() != 303) {
            return response;
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        String path = java.net.URI.create(location).getRawPath();
        String query = java.net.URI.create(location).getRawQuery();
        String context = java.net.URI.create(baseUrl).getRawPath();
        return get(path.substring(context.length()) + (query == null ? "" : "?" + query));
    }

    public JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    public JsonNode properties() {
        HttpResponse<String> response = get("/api/v1/properties");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET properties gave " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** The property's entry in GET /api/v1/properties. */
    public JsonNode property(String name) {
        for (JsonNode property : properties().get("properties")) {
            if (property.get("name").asText().equals(name)) {
                return property;
            }
        }
        throw new AssertionError("no property " + name);
    }

    public static String csrfToken(String html) {
        return find(CSRF, html, "CSRF token");
    }

    public static String formVersion(String html) {
        return find(VERSION, html, "version");
    }

    private static String find(Pattern pattern, String html, String what) {
        Matcher matcher = pattern.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("page has no " + what + ": " + html);
        }
        return matcher.group(1);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
