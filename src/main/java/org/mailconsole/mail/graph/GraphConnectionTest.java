package org.mailconsole.mail.graph;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.mailconsole.mail.connect.ConnectionTestResult;
import org.mailconsole.model.GraphClient;
import org.mailconsole.model.GraphSecrets;
import org.mailconsole.model.TokenEndpointUrl;

/**
 * Test Connection of a Microsoft Graph account (email-model.md section 8): gets a new token (the
 * credential is what is tested, so not the cached one), then, where the app may read users, checks
 * that the mailbox exists. Says what it could not check. Sends nothing: whether the app may send as
 * the mailbox shows only on a send (Send test email). With the account's debug logging the exchanges
 * (method, URL, status, request-id; never a token, the secret or a body) are the result's transcript.
 */
public final class GraphConnectionTest {
    private final GraphHttp http;
    private final GraphTokenEndpoint endpoint;

    public GraphConnectionTest(GraphHttp http, GraphTokenEndpoint endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    public ConnectionTestResult test(GraphClient client, GraphSecrets secrets, boolean record) {
        if (!record) {
            return test(client, secrets);
        }
        http.startTrace();
        ConnectionTestResult result;
        List<String> lines;
        try {
            result = test(client, secrets);
        } finally {
            lines = http.stopTrace();
        }
        return new ConnectionTestResult(result.ok(), result.message(), result.elapsedMs(), String.join("\n", lines));
    }

    private ConnectionTestResult test(GraphClient client, GraphSecrets secrets) {
        long start = System.nanoTime();
        String credential = secrets.certificate() ? "its certificate (a signed client assertion)" : "its client secret";
        GraphTokenEndpoint.Token token;
        try {
            token = endpoint.token(client, secrets);
        } catch (GraphAuthException e) {
            return result(false, "No token from Entra ID: " + e.getMessage(), start);
        }
        String signedIn = "Signed in to Entra ID as app " + client.clientId() + " of tenant " + client.tenantId()
                + " with " + credential + ".";
        String notChecked = " Not checked: whether the app may send as " + client.mailbox() + " (Mail.Send, and any "
                + "RBAC for Applications scope or application access policy); that shows only on a send: use Send "
                + "test email. Nothing was sent.";
        String graphUrl = client.graphEndpoint();
        String problem = TokenEndpointUrl.check(graphUrl);
        if (problem != null) {
            return result(false, signedIn + " The Graph endpoint " + graphUrl + " " + problem, start);
        }
        URI user = URI.create(graphUrl + "/v1.0/users/" + URLEncoder.encode(client.mailbox(), StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%40", "@") + "?$select=id,userPrincipalName,mail");
        GraphHttp.Answer response;
        try {
            response = http.get(user, Map.of("Authorization", "Bearer " + token.accessToken(),
                    "Accept", "application/json"));
        } catch (IOException | IllegalArgumentException e) {
            return result(false, signedIn + " Graph at " + graphUrl + " could not be reached: "
                    + GraphTransport.describe(e), start);
        }
        int status = response.status();
        String error = GraphTransport.error(response.body());
        if (status == 200) {
            return result(true, signedIn + " The mailbox " + client.mailbox() + " exists." + notChecked, start);
        }
        if (status == 404) {
            return result(false, signedIn + " The mailbox " + client.mailbox() + " does not exist in the tenant "
                    + "(Graph: 404 " + error + "): check Mailbox (the user principal name or primary address).", start);
        }
        if (status == 403) {
            return result(true, signedIn + " Could not check the mailbox " + client.mailbox() + ": the app may not "
                    + "read users (grant User.Read.All to let Test Connection check it; sending needs only Mail.Send)."
                    + notChecked, start);
        }
        return result(false, signedIn + " Graph refused the mailbox check: " + status + " " + error, start);
    }

    private static ConnectionTestResult result(boolean ok, String message, long start) {
        return new ConnectionTestResult(ok, message, (System.nanoTime() - start) / 1_000_000, null);
    }
}
