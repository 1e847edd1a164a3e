package org.mailconsole.web.api;

import java.util.List;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.OAuth2Client;

/**
 * An account as the API shows it: secrets only as "set" flags, never their values. {@code maxConnections}
 * (Connections) only for an outbound account, else null.
 */
public record AccountJson(Long id, String name, String type, String authentication, String server, Integer port,
                          String security, String userName, boolean passwordSet, String fromAddress,
                          String displayName, String folder, Long addressFilterId, boolean active,
                          boolean provisioned, boolean debugLogging, Integer maxConnections, Integer messagesPerMinute,
                          Integer recipientsPerDay, OAuth2Json oauth2, String trustedCertificates,
                          long version) {

    /** The OAuth 2.0 settings; client secret and refresh token as flags only. */
    public record OAuth2Json(String tokenUrl, String clientId, boolean clientSecretSet, String scope,
                             boolean refreshTokenSet) {
    }

    public record ListJson(List<AccountJson> accounts) {
    }

    static AccountJson of(EmailAccount a) {
        OAuth2Client oauth2 = a.oauth2() == null ? OAuth2Client.NONE : a.oauth2();
        return new AccountJson(a.id(), a.name(), lower(a.type().name()), lower(a.authentication().name()),
                a.server(), a.effectivePort(), a.security().apiName(), a.userName(), a.passwordSet(),
                a.fromAddress(), a.displayName(), a.folder(), a.addressFilterId(), a.active(), a.isProvisioned(),
                a.debugLogging(), a.type().outbound() ? a.maxConnections() : null,
                a.type().outbound() ? a.messagesPerMinute() : null, a.type().outbound() ? a.recipientsPerDay() : null,
                new OAuth2Json(oauth2.tokenUrl(), oauth2.clientId(), a.clientSecretSet(),
                oauth2.scope(), a.refreshTokenSet()), a.trustedCertificates(), a.version());
    }

    private static String lower(String value) {
        return value.toLowerCase(java.util.Locale.ROOT);
    }
}
