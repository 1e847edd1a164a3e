package org.mailconsole.model;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rule for an OAuth 2.0 token endpoint URL: https, because the client secret and the refresh
 * token travel in the request. http is accepted only to this machine (localhost, 127.0.0.0/8, ::1),
 * where nothing crosses a network. Checked on save (form and API) and again before every request,
 * for a URL stored before the rule.
 */
public final class TokenEndpointUrl {
    private TokenEndpointUrl() {
    }

    /** Null when usable, else what is wrong (a message for the field {@code oauth2.tokenUrl}). */
    public static String check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "must be an https:// URL with a host";
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            return "must be https://: over http:// the client secret and refresh token would travel in clear";
        }
        return null;
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
