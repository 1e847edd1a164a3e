package org.mailconsole.web.api;

import java.util.List;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.GraphClient;
import org.mailconsole.model.OAuth2Client;

/**
 * An account as the API shows it: secrets only as "set" flags, never their values. {@code maxConnections}
 * (Connections) only for an outbound account, else null.
 */
public record AccountJson(Long id, String name, String type, String authentication, String server, Integer port,
                          String security, String userName, boolean passwordSet, String fromAddress,
                          String displayName, String folder, Long addressFilterId, boolean active,
                          boolean provisioned, boolean debugLogging, Integer maxConnections, Integer messagesPerMinute,
                          Integer recipientsPerDay, Long fallbackAccountId, OAuth2Json oauth2, String trustedCertificates,
                          GraphJson graph, long version) {

    /** The OAuth 2.0 settings; client secret and refresh token as flags only. */
    public record OAuth2Json(String tokenUrl, String clientId, boolean clientSecretSet, String scope,
                             boolean refreshTokenSet) {
    }

    /**
     * A Microsoft Graph account's settings (null for other types); its secrets as flags only:
     * {@code certificateSet} when both the certificate and its private key are stored.
     */
    public record GraphJson(String tenantId, String clientId, boolean clientSecretSet, boolean certificateSet,
                            String secretExpiresOn, String mailbox, String tokenUrl, String graphUrl) {
        static GraphJson of(EmailAccount a) {
            GraphClient g = a.graph() == null ? GraphClient.NONE : a.graph();
            return new GraphJson(g.tenantId(), g.clientId(), a.graphClientSecretSet(),
                    a.graphCertificateSet() && a.graphPrivateKeySet(),
                    g.secretExpiresOn() == null ? null : g.secretExpiresOn().toString(), g.mailbox(), g.tokenUrl(),
                    g.graphUrl());
        }
    }

    public record ListJson(List<AccountJson> accounts) {
    }

    static AccountJson of(EmailAccount a) {
        OAuth2Client oauth2 = a.oauth2() == null ? OAuth2Client.NONE : a.oauth2();
        boolean graph = a.isGraph(); // no server, port, security, authentication or user name: https to Graph
        return new AccountJson(a.id(), a.name(), lower(a.type().name()),
                a.authentication() == null ? null : lower(a.authentication().name()),
                a.server(), graph ? null : a.effectivePort(), a.security() == null ? null : a.security().apiName(),
                a.userName(), a.passwordSet(),
                a.fromAddress(), a.displayName(), a.folder(), a.addressFilterId(), a.active(), a.isProvisioned(),
                a.debugLogging(), a.type().outbound() ? a.maxConnections() : null,
                a.type().outbound() ? a.messagesPerMinute() : null, a.type().outbound() ? a.recipientsPerDay() : null,
                a.type().outbound() ? a.fallbackAccountId() : null,
                new OAuth2Json(oauth2.tokenUrl(), oauth2.clientId(), a.clientSecretSet(),
                oauth2.scope(), a.refreshTokenSet()), a.trustedCertificates(), graph ? GraphJson.of(a) : null,
                a.version());
    }

    private static String lower(String value) {
        return value.toLowerCase(java.util.Locale.ROOT);
    }
}
