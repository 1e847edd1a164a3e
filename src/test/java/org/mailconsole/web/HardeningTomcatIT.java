package org.mailconsole.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;
import org.mailconsole.testing.HttpProbe;

/** The container-specific parts of issue 8 in the real Tomcat 10.1 (Cargo, pom.xml). */
class HardeningTomcatIT {
    static String url;
    static ConsoleClient admin;
    static HttpProbe probe;
    static String auth;

    @BeforeAll
    static void tomcat() {
        assumeFalse(Boolean.getBoolean("it.tomcat.skipped"), "Tomcat not started (-Dcargo.skip=true)");
        url = System.getProperty("it.tomcat.url");
        String user = System.getProperty("it.admin.user");
        String password = System.getProperty("it.admin.password");
        admin = new ConsoleClient(url, user, password);
        probe = new HttpProbe(url);
        auth = HttpProbe.basic(user, password);
    }

    @Test
    void errorPagesAreTheConsolesOwn() {
        HttpResponse<String> missing = admin.get("/no-such-page");
        assertEquals(404, missing.statusCode());
        HardeningIT.assertConsolePage(missing.body(), missing.headers().firstValue("Content-Type").orElse(""));
        assertEquals("DENY", missing.headers().firstValue("X-Frame-Options").orElse(""));
        for (String path : java.util.List.of("/nope/deeper", "/emails/999999", "/accounts/999999")) {
            HttpResponse<String> unknown = admin.get(path);
            assertEquals(404, unknown.statusCode(), path);
            HardeningIT.assertConsolePage(unknown.body(), unknown.headers().firstValue("Content-Type").orElse(""));
            assertTrue(unknown.body().contains("id=\"main-nav\"") && unknown.body().contains("id=\"breadcrumbs\""), path);
        }
        HttpResponse<String> login = new ConsoleClient(url, null, null).get("/properties/email");
        assertEquals(401, login.statusCode());
        assertTrue(login.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        HardeningIT.assertConsolePage(login.body(), login.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> api = new ConsoleClient(url, null, null).get("/api/v1/properties");
        assertEquals(401, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), api.body());
    }

    @Test
    void aMalformedBasicHeaderIsRefusedWithoutATrace() throws Exception {
        HttpProbe.Answer answer = probe.send("GET", "/properties/email", Map.of("Authorization", "Basic !!!"), null, false);
        assertTrue(answer.status() == 400 || answer.status() == 401, String.valueOf(answer.status()));
        HardeningIT.assertConsolePage(answer.body(), answer.header("Content-Type"));
    }

    @Test
    void anUnservedMethodIs405WithAllowNot501() throws Exception {
        for (String method : List.of("PROPFIND", "FOO", "PUT", "DELETE")) {
            HttpProbe.Answer page = probe.send(method, "/properties/email", Map.of("Authorization", auth), new byte[0], false);
            assertEquals(405, page.status(), method);
            assertEquals("GET, HEAD, POST, OPTIONS", page.header("Allow"), method);
            HardeningIT.assertConsolePage(page.body(), page.header("Content-Type"));
        }
        HttpResponse<String> get = admin.get("/test-email");
        assertEquals(405, get.statusCode());
        assertEquals("POST, OPTIONS", get.headers().firstValue("Allow").orElse(""));
        HttpProbe.Answer api = probe.send("PROPFIND", "/api/v1/properties", Map.of("Authorization", auth,
                "X-Requested-With", "t"), new byte[0], false);
        assertEquals(405, api.status());
        assertTrue(api.header("Allow").contains("PATCH"), api.header("Allow"));
    }

    @Test
    void traceIsRefused() throws Exception {
        HttpProbe.Answer answer = probe.send("TRACE", "/properties/email", Map.of("Authorization", auth), null, false);
        assertEquals(405, answer.status());
        assertFalse(answer.body().contains(auth.substring(6)));
        assertFalse(answer.header("Allow").contains("TRACE"));
    }

    @Test
    void staticIsNotListed() {
        HttpResponse<String> listing = admin.get("/static/");
        assertTrue(listing.statusCode() == 404 || listing.statusCode() == 403, String.valueOf(listing.statusCode()));
        assertFalse(listing.body().contains("accounts.js"));
    }

    @Test
    void aHugeApiBodyIs413() throws Exception {
        byte[] big = ("[" + "1,".repeat(1_100_000) + "1]").getBytes(StandardCharsets.US_ASCII);
        for (boolean chunked : List.of(false, true)) {
            HttpProbe.Answer answer = probe.send("POST", "/api/v1/accounts", Map.of("Authorization", auth,
                    "X-Requested-With", "t", "Content-Type", "application/json"), big, chunked);
            assertEquals(413, answer.status(), "chunked=" + chunked);
        }
    }

    @Test
    void theCsrfTokenCountsOnlyInTheBody() {
        String page = admin.get("/properties/email").body();
        String token = ConsoleClient.csrfToken(page);
        long version = admin.properties().get("version").asLong();
        HttpResponse<String> inQuery = admin.postForm("/properties/email?_csrf=" + token, List.of(
                Map.entry("version", String.valueOf(version)), Map.entry("glide.smtp.port", "2727")));
        assertEquals(403, inQuery.statusCode());
        assertEquals(version, admin.properties().get("version").asLong());
    }
}
