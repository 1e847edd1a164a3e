package org.mailconsole.model;

import java.time.Instant;

/**
 * The secrets of one account, in clear, in memory only. {@link #toString()} never shows them.
 *
 * @param accessTokenExpires when the stored access token expires; null when there is none
 */
public record AccountSecrets(String password, String clientSecret, String refreshToken,
                             String accessToken, Instant accessTokenExpires) {
    public static final AccountSecrets NONE = new AccountSecrets(null, null, null, null, null);

    @Override
    public String toString() {
        return "AccountSecrets[password=" + set(password) + ", clientSecret=" + set(clientSecret)
                + ", refreshToken=" + set(refreshToken) + ", accessToken=" + set(accessToken) + "]";
    }

    private static String set(String value) {
        return value == null || value.isEmpty() ? "(none)" : "(set)";
    }
}
