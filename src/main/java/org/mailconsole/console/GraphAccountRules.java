package org.mailconsole.console;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.Certificates;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.FieldLimits;
import org.mailconsole.model.GraphClient;
import org.mailconsole.model.PrivateKeys;
import org.mailconsole.model.PropertyType;
import org.mailconsole.model.TokenEndpointUrl;
import org.mailconsole.model.WireText;

/** Checks the fields of a Microsoft Graph account (email-model.md section 8); errors go to the validator's list. */
final class GraphAccountRules {
    /** The fields only a Graph account has. */
    static final List<AccountField> FIELDS = List.of(AccountField.GRAPH_TENANT_ID, AccountField.GRAPH_CLIENT_ID,
            AccountField.GRAPH_MAILBOX, AccountField.GRAPH_TOKEN_URL, AccountField.GRAPH_URL,
            AccountField.GRAPH_SECRET_EXPIRES_ON);
    /** A directory id (GUID) or a domain name such as contoso.onmicrosoft.com. */
    private static final Pattern TENANT = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.-]{0,252}");

    private final List<FieldError> errors;

    GraphAccountRules(List<FieldError> errors) {
        this.errors = errors;
    }

    GraphClient check(AccountInput in, EmailAccount existing) {
        String tenant = text(AccountField.GRAPH_TENANT_ID, in, FieldLimits.HOST, true);
        if (tenant != null && !TENANT.matcher(tenant).matches()) {
            error(AccountField.GRAPH_TENANT_ID, "must be the directory (tenant) id or a domain of the tenant, "
                    + "such as contoso.onmicrosoft.com");
        }
        String clientId = text(AccountField.GRAPH_CLIENT_ID, in, FieldLimits.CLIENT_ID, true);
        String mailbox = text(AccountField.GRAPH_MAILBOX, in, FieldLimits.ADDRESS, true);
        if (mailbox != null) {
            String problem = PropertyType.checkAddress(mailbox);
            if (problem != null) {
                error(AccountField.GRAPH_MAILBOX, problem + " (the user principal name or address of the mailbox "
                        + "that sends)");
            }
        }
        String tokenUrl = url(AccountField.GRAPH_TOKEN_URL, in);
        String graphUrl = url(AccountField.GRAPH_URL, in);
        LocalDate expires = date(in);
        credential(in, existing);
        return new GraphClient(tenant, clientId, mailbox, tokenUrl, graphUrl, expires);
    }

    /** A client secret, or a certificate with its private key; not both, not half of the pair. */
    private void credential(AccountInput in, EmailAccount existing) {
        boolean secret = AccountValidator.willBeSet(in, existing, AccountSecret.GRAPH_CLIENT_SECRET);
        boolean certificate = AccountValidator.willBeSet(in, existing, AccountSecret.GRAPH_CERTIFICATE);
        boolean key = AccountValidator.willBeSet(in, existing, AccountSecret.GRAPH_PRIVATE_KEY);
        if (!secret && !certificate && !key) {
            errors.add(new FieldError(AccountSecret.GRAPH_CLIENT_SECRET.field(), "is required: a client secret, "
                    + "or a certificate and its private key (the app registration's Certificates & secrets)"));
            return;
        }
        if (secret && (certificate || key)) {
            errors.add(new FieldError(AccountSecret.GRAPH_CLIENT_SECRET.field(), "set either a client secret or a "
                    + "certificate, not both: clear the one not used"));
            return;
        }
        if (certificate != key) {
            AccountSecret missing = certificate ? AccountSecret.GRAPH_PRIVATE_KEY : AccountSecret.GRAPH_CERTIFICATE;
            errors.add(new FieldError(missing.field(), "is required with the "
                    + (certificate ? "certificate" : "private key") + ": a client assertion needs both"));
            return;
        }
        String certificatePem = in.secrets().get(AccountSecret.GRAPH_CERTIFICATE);
        String keyPem = in.secrets().get(AccountSecret.GRAPH_PRIVATE_KEY);
        X509Certificate parsed = null;
        if (certificatePem != null && !certificatePem.isEmpty()) {
            parsed = certificate(certificatePem);
        }
        if (keyPem != null && !keyPem.isEmpty()) {
            String problem = PrivateKeys.check(keyPem);
            if (problem != null) {
                errors.add(new FieldError(AccountSecret.GRAPH_PRIVATE_KEY.field(), problem));
            } else if (parsed != null && !matches(parsed, keyPem)) {
                errors.add(new FieldError(AccountSecret.GRAPH_PRIVATE_KEY.field(), "does not belong to the certificate "
                        + "(their RSA moduli differ)"));
            }
        }
    }

    private X509Certificate certificate(String pem) {
        try {
            List<X509Certificate> all = Certificates.parsePem(pem);
            if (!(all.get(0).getPublicKey() instanceof RSAPublicKey)) {
                errors.add(new FieldError(AccountSecret.GRAPH_CERTIFICATE.field(), "must hold an RSA key (Entra ID "
                        + "client assertions are RS256)"));
                return null;
            }
            return all.get(0);
        } catch (CertificateException | RuntimeException e) {
            errors.add(new FieldError(AccountSecret.GRAPH_CERTIFICATE.field(), "is not a PEM certificate "
                    + "(-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)"));
            return null;
        }
    }

    private static boolean matches(X509Certificate certificate, String keyPem) {
        try {
            PrivateKey key = PrivateKeys.parsePem(keyPem);
            return !(key instanceof RSAPrivateCrtKey crt)
                    || crt.getModulus().equals(((RSAPublicKey) certificate.getPublicKey()).getModulus());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private String url(AccountField field, AccountInput in) {
        String url = text(field, in, FieldLimits.URL, false);
        if (url != null) {
            String problem = TokenEndpointUrl.check(url);
            if (problem != null) {
                error(field, problem.replace("the client secret and refresh token", "the secret and tokens"));
                return null;
            }
        }
        return url;
    }

    private LocalDate date(AccountInput in) {
        String value = text(AccountField.GRAPH_SECRET_EXPIRES_ON, in, 10, false);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error(AccountField.GRAPH_SECRET_EXPIRES_ON, "must be a date as yyyy-mm-dd (the \"Expires\" of the secret "
                    + "or certificate in the app registration)");
            return null;
        }
    }

    private String text(AccountField field, AccountInput in, int max, boolean required) {
        String value = in.get(field);
        if (value == null || value.isBlank()) {
            if (required) {
                error(field, "is required for a Microsoft Graph account");
            }
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            error(field, FieldLimits.tooLong(max));
            return null;
        }
        if (WireText.check(trimmed) != null) {
            error(field, WireText.PROBLEM);
            return null;
        }
        return trimmed;
    }

    private void error(AccountField field, String message) {
        errors.add(new FieldError(field.field(), message));
    }
}
