package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailconsole.console.AccountInput;
import org.mailconsole.model.AccountSecret;

/**
 * Reads the posted account form. A check box posts a hidden "false" before its own "true" (the
 * last wins). A blank secret keeps the stored one; its "clear" box removes it. An uploaded PEM file
 * is added to the pasted certificates. Secrets are never kept in {@link #typed()}.
 */
record AccountForm(Long version, AccountInput input, Map<String, String> typed, String uploadProblem) {
    static final int MAX_UPLOAD = 64 * 1024;
    static final List<String> TEXT_FIELDS = List.of("name", "type", "authentication", "server", "port", "security",
            "userName", "fromAddress", "displayName", "folder", "addressFilterId", "oauth2.tokenUrl",
            "oauth2.clientId", "oauth2.scope", "trustedCertificates");

    static AccountForm read(HttpServletRequest request, boolean provisioned) throws IOException, ServletException {
        Map<String, String> typed = new HashMap<>();
        for (String field : TEXT_FIELDS) {
            String value = request.getParameter(field);
            if (value != null) {
                typed.put(field, value);
            }
        }
        String uploadProblem = null;
        Part file = multipart(request) ? request.getPart("trustedCertificatesFile") : null;
        if (file != null && file.getSize() > 0) {
            if (file.getSize() > MAX_UPLOAD) {
                uploadProblem = "the uploaded file is too large for a PEM certificate (at most 64 KB)";
            } else {
                try (InputStream in = file.getInputStream()) {
                    String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
                    String pasted = typed.getOrDefault("trustedCertificates", "").trim();
                    typed.put("trustedCertificates", pasted.isEmpty() ? pem : pasted + "\n" + pem);
                }
            }
        }
        Boolean active = flag(request, "active");
        Boolean debugLogging = flag(request, "debugLogging");
        if (active != null) {
            typed.put("active", active.toString()); // a refused save shows the boxes as the admin left them
        }
        if (debugLogging != null) {
            typed.put("debugLogging", debugLogging.toString());
        }
        Long version = parseVersion(request.getParameter("version"));
        if (provisioned) {
            return new AccountForm(version, new AccountInput(null, null, null, null, null, null, null, null, null,
                    null, null, active, null, null, null, null, null, Map.of()), typed, null);
        }
        Map<AccountSecret, String> secrets = new LinkedHashMap<>();
        secret(request, secrets, AccountSecret.PASSWORD, "password");
        secret(request, secrets, AccountSecret.CLIENT_SECRET, "oauth2.clientSecret");
        secret(request, secrets, AccountSecret.REFRESH_TOKEN, "oauth2.refreshToken");
        AccountInput input = new AccountInput(typed.get("name"), typed.get("type"), typed.get("authentication"),
                typed.get("server"), typed.get("port"), typed.get("security"), typed.get("userName"),
                typed.get("fromAddress"), typed.get("displayName"), typed.get("folder"), typed.get("addressFilterId"),
                active, debugLogging, typed.get("oauth2.tokenUrl"), typed.get("oauth2.clientId"),
                typed.get("oauth2.scope"), typed.get("trustedCertificates"), secrets);
        return new AccountForm(version, input, typed, uploadProblem);
    }

    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    private static void secret(HttpServletRequest request, Map<AccountSecret, String> secrets, AccountSecret secret,
                               String field) {
        String value = request.getParameter(field);
        if ("true".equals(request.getParameter(field + ".clear"))) {
            secrets.put(secret, null);
        } else if (value != null && !value.isEmpty()) {
            secrets.put(secret, value);
        }
    }

    private static Boolean flag(HttpServletRequest request, String field) {
        String[] values = request.getParameterValues(field);
        return values == null ? null : "true".equals(values[values.length - 1]);
    }

    private static Long parseVersion(String version) {
        try {
            return version == null ? null : Long.valueOf(version.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
