package org.mailconsole.model;

import java.net.URI;
import java.time.LocalDate;

/**
 * The non-secret settings of a Microsoft Graph account (email-model.md section 8): which app of
 * which tenant asks for tokens, where, and which mailbox sends. The URLs are null when not set:
 * then the global cloud's endpoints apply.
 *
 * @param secretExpiresOn when the client secret or certificate expires (the console warns before); null: unknown
 */
public record GraphClient(String tenantId, String clientId, String mailbox, String tokenUrl, String graphUrl,
                          LocalDate secretExpiresOn) {
    public static final GraphClient NONE = new GraphClient(null, null, null, null, null, null);
    /** The global cloud's sign-in authority (national clouds have their own). */
    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";
    public static final String DEFAULT_GRAPH_URL = "https://graph.microsoft.com";

    /**
     * The token endpoint in force: the one set, else the global cloud's for the tenant. A URL
     * without a path is an authority (a national cloud's, a stand-in's): the tenant's v2.0 token
     * path is added to it. "{tenant}" in a URL is replaced by the tenant.
     */
    public String tokenEndpoint() {
        String base = tokenUrl == null || tokenUrl.isBlank() ? DEFAULT_AUTHORITY : tokenUrl.trim();
        String path = URI.create(base).getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            base = stripSlash(base) + "/{tenant}/oauth2/v2.0/token";
        }
        return base.replace("{tenant}", tenantId == null ? "" : tenantId);
    }

    /** The Graph endpoint in force, without a trailing slash. */
    public String graphEndpoint() {
        return stripSlash(graphUrl == null || graphUrl.isBlank() ? DEFAULT_GRAPH_URL : graphUrl.trim());
    }

    /** The scope of the client-credentials grant: the Graph endpoint's ".default" (the app's granted permissions). */
    public String scope() {
        return graphEndpoint() + "/.default";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
