package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mailconsole.model.PropertyCatalog;
import org.mailconsole.model.PropertyDef;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.HttpProbe;

/**
 * A seeded, repeatable hostile sweep through the real WAR (embedded Jetty): at least 10,000
 * generated requests on every form and API call, with and without the CSRF token and
 * X-Requested-With, wrong JSON types, huge and multi-byte values, control characters, bad ids,
 * odd methods and content types. No answer may be a 5xx, a refused request (4xx) may change
 * nothing (properties and accounts read back the same), and no answer may show the secret canary.
 * Used by HostileInputIT (embedded Jetty) and HostileInputTomcatIT (the real Tomcat).
 */
final class HostileSweep {
    static final long DEFAULT_SEED = 20261124L;
    static final String CANARY = "hostile-canary-Zq81x";

    private final long seed;
    private final int requests;
    private final String auth;
    private final ConsoleClient admin;
    private final HttpProbe probe;
    private final String csrf;
    private String session;
    private final Random random;
    private final List<Long> accountIds = new ArrayList<>();
    private boolean connectReachesTheWebapp = true;

    /** A sweep of the console at baseUrl as the given admin; {@link #run()} sends it. */
    HostileSweep(String baseUrl, String user, String password, long seed, int requests) throws Exception {
        this.seed = seed;
        this.requests = requests;
        this.random = new Random(seed);
        this.auth = HttpProbe.basic(user, password);
        this.admin = new ConsoleClient(baseUrl, user, password);
        this.probe = new HttpProbe(baseUrl);
        HttpProbe.Answer page = probe.send("GET", "/properties/email", Map.of("Authorization", auth), null, false);
        session = page.header("Set-Cookie").split(";")[0];
        csrf = ConsoleClient.csrfToken(page.body());
    }

    /** For a container that answers CONNECT itself: the sweep sends another odd method instead. */
    HostileSweep withoutConnect() {
        connectReachesTheWebapp = false;
        return this;
    }

    private record Sent(String what, int status, String body) {
    }

    /** Sends the sweep; fails on a 5xx, on a refused request that changed something, on a canary in an answer. */
    void run() throws Exception {
        ObjectNode canaryAccount = AccountsApiIT.account("Hostile seed", "smtp");
        canaryAccount.put("password", CANARY);
        assertEquals(201, admin.postJson("/api/v1/accounts", canaryAccount.toString()).statusCode());
        long version = admin.properties().get("version").asLong();
        assertEquals(200, admin.patchJson("/api/v1/properties", PropertiesApiIT.patchBody(version,
                Map.of("glide.pop3.password", CANARY))).statusCode());

        String state = state();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byKind = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Sent sent = next();
            statuses.merge(sent.status(), 1, Integer::sum);
            byKind.computeIfAbsent(sent.what().split(" ")[0], k -> new TreeMap<>()).merge(sent.status(), 1, Integer::sum);
            if (System.getProperty("hostile.show") != null && sent.what().startsWith(System.getProperty("hostile.show"))) {
                System.out.println("HOSTILE " + sent.status() + " " + cut(sent.what()) + " => " + cut(sent.body()));
            }
            if (sent.status() >= 500) {
                failures.add("#" + i + " " + sent.what() + " -> " + sent.status() + ": " + cut(sent.body()));
            }
            if (sent.body().contains(CANARY)) {
                failures.add("#" + i + " " + sent.what() + " shows the secret canary");
            }
            String after = state();
            if (sent.status() >= 400 && !after.equals(state)) {
                failures.add("#" + i + " " + sent.what() + " was refused (" + sent.status() + ") but changed the state");
            }
            state = after;
            if (failures.size() > 20) {
                break;
            }
        }
        assertTrue(failures.isEmpty(), "seed " + seed + ": " + String.join("\n", failures));
        int refused = statuses.entrySet().stream().filter(e -> e.getKey() >= 400).mapToInt(Map.Entry::getValue).sum();
        int accepted = statuses.entrySet().stream().filter(e -> e.getKey() < 400).mapToInt(Map.Entry::getValue).sum();
        System.out.println("hostile sweep, seed " + seed + ": " + requests + " requests, statuses " + statuses
                + ", by kind " + byKind);
        assertTrue(byKind.get("form").getOrDefault(303, 0) > requests / 100, "some form posts must be saved: " + byKind);
        assertTrue(refused > requests / 2, "the sweep must mostly be refused: " + statuses);
        assertTrue(accepted > 100, "some requests must get through, or the sweep only tests the door: " + statuses);
    }

    /** What a refused request must not change: the properties and every account, as the API shows them. */
    private String state() {
        HttpResponse<String> properties = admin.get("/api/v1/properties");
        HttpResponse<String> accounts = admin.get("/api/v1/accounts");
        assertEquals(200, properties.statusCode());
        assertEquals(200, accounts.statusCode());
        JsonNode list = admin.json(accounts).get("accounts");
        accountIds.clear();
        list.forEach(a -> accountIds.add(a.get("id").asLong()));
        if (list.size() > 15) { // a short list keeps the two state reads after every request cheap
            for (JsonNode account : list) {
                if (!account.get("provisioned").asBoolean() && !account.get("name").asText().equals("Hostile seed")) {
                    admin.delete("/api/v1/accounts/" + account.get("id").asText());
                }
            }
            return state();
        }
        return properties.body() + accounts.body();
    }

    private Sent next() throws Exception {
        int kind = random.nextInt(100);
        if (kind < 30) {
            return apiAccount();
        } else if (kind < 45) {
            return apiProperties();
        } else if (kind < 60) {
            return accountForm();
        } else if (kind < 72) {
            return propertiesForm();
        } else if (kind < 80) {
            return apiOther();
        } else if (kind < 90) {
            return oddMethod();
        } else {
            return oddContentType();
        }
    }

    // --- the API

    private Sent apiAccount() throws Exception {
        ObjectNode body = validAccount();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            hostileField(body);
        }
        int how = random.nextInt(10);
        boolean header = random.nextInt(8) != 0;
        if (how < 5) {
            return api("POST", "/api/v1/accounts", body.toString(), header);
        }
        String id = randomId();
        if (how < 8) {
            if (random.nextBoolean()) {
                body.put("version", random.nextInt(4));
            }
            return api("PUT", "/api/v1/accounts/" + id, body.toString(), header);
        }
        if (how < 9) {
            return api("DELETE", "/api/v1/accounts/" + id + "?version=" + URLEncoder.encode(hostileText(), StandardCharsets.UTF_8), "", header);
        }
        return api("POST", "/api/v1/accounts/" + badId() + "/test", "", header);
    }

    private Sent apiProperties() throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        int versionKind = random.nextInt(6);
        if (versionKind == 0) {
            body.put("version", hostileText());
        } else if (versionKind > 1) {
            body.put("version", random.nextInt(3) == 0 ? random.nextInt(1000) : currentVersion());
        }
        ObjectNode values = body.putObject("values");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            PropertyDef def = PropertyCatalog.all().get(random.nextInt(PropertyCatalog.all().size()));
            String name = random.nextInt(15) == 0 ? hostileText() : def.name();
            switch (random.nextInt(8)) {
                case 0 -> values.put(name, random.nextInt());
                case 1 -> values.putArray(name).add(hostileText());
                case 2 -> values.putNull(name);
                case 3 -> values.put(name, random.nextBoolean());
                default -> values.put(name, random.nextInt(3) == 0 ? plausible(def) : hostileText());
            }
        }
        if (random.nextInt(10) == 0) {
            body.put(hostileText(), hostileText());
        }
        String text = random.nextInt(20) == 0 ? brokenJson() : body.toString();
        return api(random.nextInt(10) == 0 ? "PUT" : "PATCH", "/api/v1/properties", text, random.nextInt(8) != 0);
    }

    private Sent apiOther() throws Exception {
        return switch (random.nextInt(5)) {
            case 0 -> api("POST", "/api/v1/test-email", "{\"to\": " + jsonString(hostileText()) + ", \"accountId\": "
                    + (random.nextBoolean() ? "\"" + badId() + "\"" : String.valueOf(-random.nextInt(5))) + "}", true);
            case 1 -> get("/api/v1/accounts/" + badId());
            case 2 -> get("/api/v1/accounts/" + badId() + "/transcripts");
            case 3 -> api("POST", "/api/v1/accounts", random.nextBoolean() ? brokenJson() : "[" + hostileJson() + "]", true);
            default -> get("/api/v1/" + pathJunk());
        };
    }

    private Sent api(String method, String path, String body, boolean requestedWith) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", auth);
        headers.put("Content-Type", "application/json");
        if (requestedWith) {
            headers.put("X-Requested-With", "hostile");
        }
        HttpProbe.Answer answer = exchange(method, path, headers, body.getBytes(StandardCharsets.UTF_8), false);
        return new Sent(method + " " + path + " " + cut(body), answer.status(), answer.body());
    }

    // --- the forms

    private Sent accountForm() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        ObjectNode valid = validAccount();
        valid.fields().forEachRemaining(e -> {
            if (!e.getValue().isObject()) {
                fields.put(e.getKey(), e.getValue().asText());
            }
        });
        int changes = 1 + random.nextInt(3);
        String[] names = {"name", "type", "authentication", "server", "port", "security", "userName", "password",
                "fromAddress", "displayName", "folder", "addressFilterId", "oauth2.tokenUrl", "oauth2.clientId",
                "oauth2.clientSecret", "oauth2.scope", "oauth2.refreshToken", "trustedCertificates", "active",
                "debugLogging", "version", "password.clear", "to"};
        for (int i = 0; i < changes; i++) {
            fields.put(names[random.nextInt(names.length)], hostileText());
        }
        String path = switch (random.nextInt(6)) {
            case 0, 1, 2 -> "/accounts/new";
            case 3 -> "/accounts/" + randomId();
            case 4 -> "/accounts/" + randomId() + "/" + List.of("delete", "test-email", "test", "log", "nope")
                    .get(random.nextInt(5));
            default -> "/accounts/" + badId();
        };
        if (path.endsWith("/test")) {
            path = "/accounts/" + badId() + "/test"; // a real Test Connection would wait for a server
        }
        if (path.endsWith("/test-email")) {
            fields.put("to", hostileText().replace("@", "")); // never a valid address: nothing is sent
        }
        return form(path, fields);
    }

    private Sent propertiesForm() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        int versionKind = random.nextInt(5);
        fields.put("version", versionKind == 0 ? hostileText() : String.valueOf(versionKind == 1
                ? random.nextInt(1000) : currentVersion()));
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            PropertyDef def = PropertyCatalog.all().get(random.nextInt(PropertyCatalog.all().size()));
            fields.put(random.nextInt(15) == 0 ? def.name() + ".clear" : def.name(),
                    random.nextInt(3) == 0 ? plausible(def) : hostileText());
        }
        if (random.nextInt(10) == 0) {
            fields.put("to", hostileText().replace("@", ""));
            return form("/test-email", fields);
        }
        return form("/properties/email", fields);
    }

    private Sent form(String path, Map<String, String> fields) throws Exception {
        int csrfKind = random.nextInt(10);
        List<Map.Entry<String, String>> body = new ArrayList<>();
        if (csrfKind < 6) {
            body.add(Map.entry("_csrf", csrf));
        } else if (csrfKind == 6) {
            body.add(Map.entry("_csrf", hostileText()));
        } else if (csrfKind == 7) {
            path = path + "?_csrf=" + csrf;
        }
        fields.forEach((k, v) -> body.add(Map.entry(k, v)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", auth);
        if (csrfKind != 8) {
            headers.put("Cookie", session);
        }
        byte[] encoded;
        if (random.nextInt(6) == 0) {
            String boundary = "----hostile" + random.nextInt(1_000_000);
            StringBuilder multipart = new StringBuilder();
            for (Map.Entry<String, String> field : body) {
                multipart.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                        .append(field.getKey()).append("\"\r\n\r\n").append(field.getValue()).append("\r\n");
            }
            if (random.nextBoolean()) {
                multipart.append("--").append(boundary).append("\r\nContent-Disposition: form-data; ")
                        .append("name=\"trustedCertificatesFile\"; filename=\"cert.pem\"\r\n")
                        .append("Content-Type: application/x-pem-file\r\n\r\n").append(hostileText()).append("\r\n");
            }
            multipart.append("--").append(boundary).append("--\r\n");
            headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
            encoded = multipart.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            encoded = body.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"))
                    .getBytes(StandardCharsets.UTF_8);
        }
        HttpProbe.Answer answer = exchange("POST", path, headers, encoded, false);
        return new Sent("form " + path + " " + cut(body.toString()), answer.status(), answer.body());
    }

    // --- methods and content types

    private Sent oddMethod() throws Exception {
        String method = List.of("TRACE", "PROPFIND", "MKCOL", "FOO", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
                "CONNECT", "COPY", "LOCK").get(random.nextInt(12));
        if (method.equals("CONNECT") && !connectReachesTheWebapp) {
            method = "PROPPATCH"; // Tomcat's connector answers CONNECT itself (501), before any webapp
        }
        String path = randomPath();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", auth);
        headers.put("Cookie", session);
        if (random.nextBoolean()) {
            headers.put("X-Requested-With", "hostile");
        }
        byte[] body = random.nextBoolean() ? hostileText().getBytes(StandardCharsets.UTF_8) : null;
        if (method.equals("CONNECT") || method.equals("HEAD")) {
            body = null;
        }
        HttpProbe.Answer answer = exchange(method, method.equals("CONNECT") ? "" : path, headers, body, false);
        return new Sent(method + " " + path, answer.status(), answer.body());
    }

    private Sent oddContentType() throws Exception {
        String type = List.of("text/plain", "application/xml", "multipart/form-data", "application/json; charset=bogus",
                "application/x-www-form-urlencoded", "application/json", "application/octet-stream", "*/*",
                "multipart/form-data; boundary=", "application/json; charset=UTF-16", "").get(random.nextInt(11));
        String path = randomPath();
        String method = List.of("POST", "PUT", "PATCH").get(random.nextInt(3));
        Map<String, String> headers = new LinkedHashMap<>();
        // wrong credentials; a malformed Basic header is Jetty's own 500 (HardeningIT, HardeningTomcatIT)
        headers.put("Authorization", random.nextInt(10) == 0 ? HttpProbe.basic(hostileText(), hostileText()) : auth);
        headers.put("Cookie", session);
        headers.put("X-Requested-With", "hostile");
        if (!type.isEmpty()) {
            headers.put("Content-Type", type);
        }
        String text = random.nextBoolean() ? hostileJson().toString() : hostileText();
        HttpProbe.Answer answer = exchange(method, path, headers, text.getBytes(StandardCharsets.UTF_8),
                random.nextInt(4) == 0);
        return new Sent(method + " " + path + " " + type, answer.status(), answer.body());
    }

    private Sent get(String path) throws Exception {
        HttpProbe.Answer answer = exchange("GET", path, Map.of("Authorization", auth, "Cookie", session), null, false);
        return new Sent("GET " + path, answer.status(), answer.body());
    }

    /**
     * One request on its own connection. Like a browser, follows the session cookie: Jetty renews the
     * session id when BASIC authentication runs again, and the CSRF token moves with the session.
     */
    private HttpProbe.Answer exchange(String method, String path, Map<String, String> headers, byte[] body,
                                             boolean chunked) throws Exception {
        Map<String, String> sent = new LinkedHashMap<>(headers);
        if (sent.containsKey("Cookie")) {
            sent.put("Cookie", session);
        }
        HttpProbe.Answer answer = probe.send(method, path, sent, body, chunked);
        if (sent.containsKey("Cookie") && answer.header("Set-Cookie").startsWith("JSESSIONID=")
                && sent.get("Authorization").equals(auth)) {
            session = answer.header("Set-Cookie").split(";")[0];
        }
        return answer;
    }

    // --- generators

    private ObjectNode validAccount() {
        String type = List.of("smtp", "pop3", "imap").get(random.nextInt(3));
        ObjectNode body = AccountsApiIT.account("Hostile " + random.nextInt(1_000_000), type);
        body.put("password", "pw-" + random.nextInt(1000));
        if (type.equals("imap") && random.nextBoolean()) {
            body.put("folder", "INBOX");
        }
        return body;
    }

    private void hostileField(ObjectNode body) {
        String[] fields = {"name", "type", "authentication", "server", "port", "security", "userName", "password",
                "fromAddress", "displayName", "folder", "addressFilterId", "active", "debugLogging",
                "trustedCertificates", "oauth2", "version", "id"};
        String field = random.nextInt(20) == 0 ? hostileText() : fields[random.nextInt(fields.length)];
        if (field.equals("oauth2")) {
            ObjectNode oauth = body.putObject("oauth2");
            for (String name : List.of("tokenUrl", "clientId", "clientSecret", "scope", "refreshToken")) {
                if (random.nextBoolean()) {
                    oauth.set(name, hostileJson());
                }
            }
            body.put("authentication", "oauth2");
            return;
        }
        body.set(field, hostileJson());
    }

    private JsonNode hostileJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (random.nextInt(10)) {
            case 0 -> json.numberNode(random.nextLong());
            case 1 -> json.numberNode(random.nextDouble() * 1e6);
            case 2 -> json.booleanNode(random.nextBoolean());
            case 3 -> json.nullNode();
            case 4 -> {
                ArrayNode array = json.arrayNode();
                array.add(hostileText());
                yield array;
            }
            case 5 -> json.objectNode().put(hostileText(), hostileText());
            default -> json.textNode(hostileText());
        };
    }

    private String hostileText() {
        return switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 -> " \t ";
            case 2 -> "pw\r\nDELE 1";
            case 3 -> "€".repeat(random.nextInt(2_500));
            case 4 -> "a".repeat(random.nextInt(40_000));
            case 5 -> "\uD83D\uDCE7".repeat(random.nextInt(1_200));
            case 6 -> "x\u0000y\u0007z\u001b[31m\u0085\u2028";
            case 7 -> "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
            case 8 -> "'; DROP TABLE email_account; --";
            case 9 -> "65536";
            case 10 -> String.valueOf(random.nextInt(Integer.MAX_VALUE) * (random.nextBoolean() ? 1 : -1));
            case 11 -> "../../etc/passwd%00";
            case 12 -> "\uD800broken\uDFFF";
            case 13 -> "user@" + "b".repeat(random.nextInt(400)) + ".example.com";
            case 14 -> "ﬁ\u0301\u202Eevil\u200B";
            default -> Long.toString(random.nextLong(), 36);
        };
    }

    private String plausible(PropertyDef def) {
        return switch (def.type()) {
            case HOST -> "mail" + random.nextInt(100) + ".example.com";
            case PORT -> String.valueOf(1 + random.nextInt(65535));
            case POSITIVE_INTEGER -> String.valueOf(1 + random.nextInt(500));
            case TIMEOUT_MS -> String.valueOf(1 + random.nextInt(300_000));
            case BOOLEAN -> String.valueOf(random.nextBoolean());
            case CHOICE -> def.choices().get(random.nextInt(def.choices().size()));
            case EMAIL -> "user" + random.nextInt(100) + "@example.com";
            case EMAIL_LIST -> "a@example.com,b" + random.nextInt(100) + "@example.com";
            case SMTP_CODE_LIST -> "421,450";
            case THROTTLE_CODE_LIST -> "421,4.7.1";
            case SECONDS_LIST -> "60," + (300 + random.nextInt(600));
            case TEXT -> "Text " + random.nextInt(100);
            case SECRET -> random.nextBoolean() ? CANARY : "secret-" + random.nextInt(100);
        };
    }

    private String brokenJson() {
        return List.of("{", "{\"name\": ", "[1,2", "nul", "{\"a\":1}}", "\u0000", "{\"values\": {\"x\": \"\\ud800\"}}",
                "{\"version\": 1e999}", "{\"version\": 99999999999999999999999}", "{\"values\": []}")
                .get(random.nextInt(10));
    }

    private String randomId() {
        if (random.nextInt(3) > 0 && !accountIds.isEmpty()) {
            return String.valueOf(accountIds.get(random.nextInt(accountIds.size())));
        }
        return badId();
    }

    private String badId() {
        return List.of("0", "-1", "abc", "99999999999999999999", "1.5", "%00", "1%20OR%201=1", "%E2%82%AC",
                "999999", "1;DROP").get(random.nextInt(10));
    }

    private String randomPath() {
        return List.of("/", "/properties/email", "/accounts", "/accounts/new", "/accounts/" + randomId(),
                "/accounts/" + randomId() + "/delete", "/test-email", "/static/console.css", "/static/",
                "/api/v1/properties", "/api/v1/accounts", "/api/v1/accounts/" + randomId(), "/api/v1/health",
                "/api/v1/test-email", "/error", "/" + pathJunk()).get(random.nextInt(16));
    }

    private String pathJunk() {
        return List.of("..%2f..%2fWEB-INF/web.xml", "WEB-INF/web.xml", "META-INF/context.xml", "%2e%2e/",
                "x;jsessionid=1", "a/b/c", "%25", "static/../WEB-INF/web.xml", "~root", "index.jsp")
                .get(random.nextInt(10));
    }

    private long currentVersion() {
        return admin.properties().get("version").asLong();
    }

    private static String jsonString(String text) {
        return JsonNodeFactory.instance.textNode(text).toString();
    }

    private static String cut(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
