package org.mailconsole.console;

import java.util.Map;
import org.mailconsole.model.AccountSecret;

/**
 * An account as typed into the form or sent to the API, not yet checked. Text fields are as
 * given (null when absent). {@code secrets}: a secret that is absent keeps the stored one, a null
 * value clears it, a string sets it.
 */
public record AccountInput(
        String name,
        String type,
        String authentication,
        String server,
        String port,
        String security,
        String userName,
        String fromAddress,
        String displayName,
        String folder,
        String addressFilterId,
        Boolean active,
        Boolean debugLogging,
        String tokenUrl,
        String clientId,
        String scope,
        String trustedCertificates,
        Map<AccountSecret, String> secrets) {

    @Override
    public String toString() {
        return "AccountInput[" + name + " " + type + " " + server + ":" + port + "]";
    }
}
