package org.mailconsole.web.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.mailconsole.console.AccountInput;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;

/**
 * Reads the posted account form. A check box posts a hidden "false" before its own "true" (the
 * last wins). A blank secret keeps the stored one; its "clear" box removes it. An uploaded PEM file
 * is added to the pasted certificates. Secrets are never kept in {@link #typed()}.
 */
record AccountForm(Long version, AccountInput input, Map<String, String> typed, String uploadProblem) {
    static final int MAX_UPLOAD = 64 * 1024;

    static AccountForm read(HttpServletRequest request, boolean provisioned) throws IOException, ServletException {
        Map<String, String> typed = new HashMap<>();
        for (AccountField field : AccountField.values()) {
            String value = request.getParameter(field.field());
            if (field.input() != AccountField.Input.FLAG && value != null) {
                typed.put(field.field(), value);
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
        for (AccountField field : AccountField.values()) {
            Boolean checked = field.input() == AccountField.Input.FLAG ? flag(request, field.field()) : null;
            if (checked != null) {
                typed.put(field.field(), checked.toString()); // a refused save shows the boxes as the admin left them
            }
        }
        Long version = parseVersion(request.getParameter("version"));
        if (provisioned) { // only Active, debug logging and Connections can change
            return new AccountForm(version, AccountInput.builder()
                    .set(AccountField.ACTIVE, flag(request, AccountField.ACTIVE.field()))
                    .set(AccountField.MAX_CONNECTIONS, request.getParameter(AccountField.MAX_CONNECTIONS.field()))
                    .set(AccountField.MESSAGES_PER_MINUTE, request.getParameter(AccountField.MESSAGES_PER_MINUTE.field()))
                    .set(AccountField.RECIPIENTS_PER_DAY, request.getParameter(AccountField.RECIPIENTS_PER_DAY.field()))
                    .set(AccountField.FALLBACK_ACCOUNT_ID, request.getParameter(AccountField.FALLBACK_ACCOUNT_ID.field()))
                    .set(AccountField.DEBUG_LOGGING, flag(request, AccountField.DEBUG_LOGGING.field())).build(), typed, null);
        }
        AccountInput.Builder input = AccountInput.builder();
        typed.forEach((field, value) -> AccountField.find(field).ifPresent(f -> input.set(f, value)));
        for (AccountSecret secret : AccountSecret.values()) {
            secret(request, input, secret);
        }
        return new AccountForm(version, input.build(), typed, uploadProblem);
    }

    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    private static void secret(HttpServletRequest request, AccountInput.Builder input, AccountSecret secret) {
        String value = request.getParameter(secret.field());
        if ("true".equals(request.getParameter(secret.field() + ".clear"))) {
            input.secret(secret, null);
        } else if (value != null && !value.isEmpty()) {
            input.secret(secret, value);
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
