package org.mailconsole.mail.graph;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to do about the Entra ID sign-in errors an admin meets when setting up a Graph account
 * (the AADSTS code at the start of the token endpoint's error_description).
 */
final class AadstsErrors {
    private static final Pattern CODE = Pattern.compile("AADSTS(\\d+)");
    private static final Map<String, String> ADVICE = Map.ofEntries(
            Map.entry("7000215", "the client secret is wrong: copy the secret's Value (not its Secret ID) from the "
                    + "app registration's Certificates & secrets"),
            Map.entry("7000222", "the client secret has expired: add a new one in Certificates & secrets and save it "
                    + "here with its expiry date"),
            Map.entry("90002", "the tenant was not found: check the directory (tenant) id or domain"),
            Map.entry("900023", "the tenant is not a valid directory id or domain: check the tenant"),
            Map.entry("700016", "the application was not found in the tenant: check the client (application) id, "
                    + "and that the app is registered in this tenant"),
            Map.entry("7000229", "the app has no service principal in the tenant: have an admin grant consent"),
            Map.entry("700027", "the client assertion did not verify: upload this certificate (public part) to the "
                    + "app registration's Certificates & secrets, and check its key pair and expiry"),
            Map.entry("700024", "the client assertion is outside its validity: check this machine's clock"),
            Map.entry("1002012", "the scope is wrong: the Graph endpoint must be the Graph of the tenant's cloud"),
            Map.entry("70011", "the scope is wrong: the Graph endpoint must be the Graph of the tenant's cloud"),
            Map.entry("50034", "the user was not found"),
            Map.entry("53003", "a Conditional Access policy blocked the sign-in: exclude this workload identity "
                    + "or allow it from this machine's address"),
            Map.entry("7000112", "the application is disabled in the tenant: enable it under Enterprise applications"),
            Map.entry("50076", "multi-factor authentication is required, which an app cannot do: exclude the app "
                    + "from that policy"));

    private AadstsErrors() {
    }

    /** The first AADSTS code in the text, or null. */
    static String code(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = CODE.matcher(text);
        return m.find() ? "AADSTS" + m.group(1) : null;
    }

    /** What to do about that code; null when there is no advice for it. */
    static String advice(String code) {
        return code == null ? null : ADVICE.get(code.substring("AADSTS".length()));
    }
}
