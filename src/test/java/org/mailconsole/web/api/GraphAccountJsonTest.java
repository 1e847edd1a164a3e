package org.mailconsole.web.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.GraphClient;
import org.mailconsole.model.Protocol;

/** A Graph account as the API shows it (api.md): its settings in "graph", secrets as flags, no server. */
class GraphAccountJsonTest {
    @Test
    void theApiShowsTheSettingsAndSecretsOnlyAsFlags() throws Exception {
        EmailAccount account = EmailAccount.builder().id(7L).name("Exchange Online").type(Protocol.GRAPH)
                .graph(new GraphClient("contoso.onmicrosoft.com", "client-1", "noreply@contoso.example", null, null,
                        LocalDate.of(2027, 1, 31)))
                .graphCertificateSet(true).graphPrivateKeySet(true).maxConnections(4).version(1).build();
        String json = new ObjectMapper().writeValueAsString(AccountJson.of(account));
        assertTrue(json.contains("\"type\":\"graph\""), json);
        assertTrue(json.contains("\"graph\":{\"tenantId\":\"contoso.onmicrosoft.com\",\"clientId\":\"client-1\","
                + "\"clientSecretSet\":false,\"certificateSet\":true,\"secretExpiresOn\":\"2027-01-31\","
                + "\"mailbox\":\"noreply@contoso.example\",\"tokenUrl\":null,\"graphUrl\":null}"), json);
        assertTrue(json.contains("\"server\":null") && json.contains("\"port\":null")
                && json.contains("\"authentication\":null") && json.contains("\"security\":null"), json);
        assertTrue(json.contains("\"maxConnections\":4"), json);
        assertFalse(json.contains("Pem"), json);
    }
}
