package org.mailconsole.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.Protocol;

class AccountValidatorTest {
    static AccountInput input(String type, String auth, String port, String folder, Map<AccountSecret, String> secrets) {
        AccountInput.Builder input = AccountInput.builder().set(AccountField.NAME, " Name ").set(AccountField.TYPE, type)
                .set(AccountField.AUTHENTICATION, auth).set(AccountField.SERVER, "mail.example.com")
                .set(AccountField.PORT, port).set(AccountField.SECURITY, "ssl")
                .set(AccountField.USER_NAME, "me@example.com").set(AccountField.FOLDER, folder)
                .set(AccountField.ACTIVE, true);
        secrets.forEach(input::secret);
        return input.build();
    }

    @Test
    void aGoodAccountIsBuiltTrimmedWithDefaults() {
        EmailAccount account = AccountValidator.check(input("imap", "password", "", null,
                Map.of(AccountSecret.PASSWORD, "pw")), null);
        assertEquals("Name", account.name());
        assertEquals(Protocol.IMAP, account.type());
        assertEquals(993, account.effectivePort());
        assertEquals("INBOX", account.folder());
        assertTrue(account.active());
        assertTrue(account.passwordSet());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ValidationException e = assertThrows(ValidationException.class, () -> AccountValidator.check(
                AccountInput.builder().set(AccountField.NAME, "").set(AccountField.TYPE, "fax")
                        .set(AccountField.AUTHENTICATION, "oauth2").set(AccountField.SERVER, "bad host")
                        .set(AccountField.PORT, "0").set(AccountField.SECURITY, "tls").set(AccountField.USER_NAME, "")
                        .set(AccountField.FROM_ADDRESS, "x").set(AccountField.ADDRESS_FILTER_ID, "-1")
                        .set(AccountField.TOKEN_URL, "ftp://x").set(AccountField.TRUSTED_CERTIFICATES, "junk")
                        .build(), null));
        var fields = e.errors().stream().map(f -> f.field()).toList();
        for (String field : new String[] {"name", "type", "server", "port", "security", "userName", "addressFilterId",
                "oauth2.tokenUrl", "oauth2.clientId", "oauth2.clientSecret", "trustedCertificates"}) {
            assertTrue(fields.contains(field), field + " in " + fields);
        }
    }

    @Test
    void aStoredPasswordSatisfiesPasswordAuthenticationUnlessCleared() {
        EmailAccount stored = AccountValidator.check(input("smtp", "password", "25", null,
                Map.of(AccountSecret.PASSWORD, "pw")), null);
        AccountValidator.check(input("smtp", "password", "25", null, Map.of()), stored);
        Map<AccountSecret, String> clear = new HashMap<>();
        clear.put(AccountSecret.PASSWORD, null);
        ValidationException e = assertThrows(ValidationException.class,
                () -> AccountValidator.check(input("smtp", "password", "25", null, clear), stored));
        assertEquals("password", e.errors().get(0).field());
    }

    @Test
    void typeDependentFieldsAreRefusedOnOtherTypes() {
        ValidationException e = assertThrows(ValidationException.class, () -> AccountValidator.check(
                input("smtp", "password", "25", "Archive", Map.of(AccountSecret.PASSWORD, "pw")), null));
        assertEquals("folder", e.errors().get(0).field());
        ValidationException none = assertThrows(ValidationException.class, () -> AccountValidator.check(
                input("pop3", "none", "110", null, Map.of()), null));
        assertEquals("authentication", none.errors().get(0).field());
    }
}
