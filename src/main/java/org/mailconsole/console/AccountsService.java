package org.mailconsole.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.AccountSecret;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.EffectiveProperties;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.FieldError;
import org.mailconsole.model.ProvisionedAccounts;
import org.mailconsole.store.AccountStore;

/**
 * Email Accounts (email-model.md section 2): list, create, change, delete, with the rules (one
 * active SMTP account, unique names, built-in accounts only change Active and are never deleted),
 * sealed secrets and an audit entry for every change.
 */
public final class AccountsService {
    private static final System.Logger LOG = System.getLogger(AccountsService.class.getName());

    private final AccountStore store;
    private final PropertiesService properties;
    private final Clock clock;

    public AccountsService(AccountStore store, PropertiesService properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Every account; the built-in ones show the connection values of the properties. */
    public List<EmailAccount> list() {
        EffectiveProperties effective = properties.effective();
        return store.list().stream().map(a -> ProvisionedAccounts.resolve(effective, a)).toList();
    }

    /** One account as shown (built-in ones resolved from the properties). */
    public EmailAccount get(long id) {
        return ProvisionedAccounts.resolve(properties.effective(), stored(id));
    }

    EmailAccount stored(long id) {
        return store.find(id).orElseThrow(() -> new AccountNotFoundException(id));
    }

    /**
     * @throws ValidationException  bad fields; nothing saved
     * @throws AccountRuleException a second active SMTP account or a duplicate name; nothing saved
     */
    public EmailAccount create(AccountInput input, String actor) {
        EmailAccount account = AccountValidator.check(input, null);
        Map<AccountSecret, String> secrets = new LinkedHashMap<>();
        input.secrets().forEach((secret, value) -> {
            if (value != null && !value.isEmpty()) {
                secrets.put(secret, value);
            }
        });
        List<AuditEntry> audit = new ArrayList<>();
        String subject = subject(account.name());
        audit.add(entry(actor, subject, "account", null, "created"));
        fields(account).forEach((field, value) -> {
            if (value != null) {
                audit.add(entry(actor, subject, field, null, value));
            }
        });
        secrets.keySet().forEach(secret -> audit.add(entry(actor, subject, secret.field(), null, "set")));
        EmailAccount saved = AccountWrites.run(() -> store.insert(account, secrets, audit));
        LOG.log(System.Logger.Level.INFO, "{0} created email account {1} ({2})", actor, saved.name(), saved.id());
        return saved;
    }

    /**
     * Replaces an account's fields. A built-in account only takes a change of Active and debug logging: any other
     * field that differs from what it shows is refused.
     *
     * @throws StaleVersionException if {@code version} is not the current one
     */
    public EmailAccount update(long id, long version, AccountInput input, String actor) {
        EmailAccount existing = stored(id);
        if (existing.version() != version) {
            throw new StaleVersionException(version, existing.version());
        }
        if (existing.isProvisioned()) {
            return updateProvisioned(existing, input, actor);
        }
        EmailAccount account = AccountValidator.check(input, existing);
        List<FieldError> moved = StoredSecretRule.check(existing, account, input);
        if (!moved.isEmpty()) {
            throw new ValidationException(moved);
        }
        Map<AccountSecret, String> secretChanges = new LinkedHashMap<>();
        List<AuditEntry> audit = new ArrayList<>();
        String subject = subject(existing.name());
        Map<String, String> before = fields(existing);
        fields(account).forEach((field, after) -> {
            if (!Objects.equals(before.get(field), after)) {
                audit.add(entry(actor, subject, field, before.get(field), after));
            }
        });
        input.secrets().forEach((secret, value) -> {
            boolean clear = value == null || value.isEmpty();
            boolean wasSet = existing.secretSet(secret);
            if (clear && !wasSet) {
                return;
            }
            secretChanges.put(secret, clear ? null : value);
            audit.add(entry(actor, subject, secret.field(), null, clear ? "cleared" : "changed"));
        });
        if (audit.isEmpty()) {
            return get(id);
        }
        EmailAccount saved = AccountWrites.run(() -> store.update(account, secretChanges, audit));
        LOG.log(System.Logger.Level.INFO, "{0} changed email account {1} ({2}): {3}", actor, saved.name(),
                saved.id(), String.join(", ", audit.stream().map(AuditEntry::field).toList()));
        return saved;
    }

    private EmailAccount updateProvisioned(EmailAccount existing, AccountInput input, String actor) {
        EmailAccount shown = ProvisionedAccounts.resolve(properties.effective(), existing);
        List<String> refused = new ArrayList<>();
        for (AccountField field : AccountField.values()) {
            switch (field) {
                case ACTIVE, DEBUG_LOGGING, MAX_CONNECTIONS, MESSAGES_PER_MINUTE, RECIPIENTS_PER_DAY,
                     FALLBACK_ACCOUNT_ID, ADDRESS_FILTER_ID -> {
                    // Active, debug logging and Connections may change; the address filter is not the built-in
                    // accounts' to have
                }
                case PORT -> compare(refused, field.field(), input.get(field), String.valueOf(shown.effectivePort()));
                default -> compare(refused, field.field(), input.get(field), field.text(shown));
            }
        }
        input.secrets().forEach((secret, value) -> {
            if (value != null && !value.isEmpty()) {
                refused.add(secret.field());
            }
        });
        if (!refused.isEmpty()) {
            throw new AccountRuleException(refused.get(0), "\"" + existing.name() + "\" is a provisioned account: "
                    + "its connection values are the System Properties (change them on System Properties > Email); "
                    + "only Active, Connections and Enable debug logging can be changed here. Refused: " + String.join(", ", refused));
        }
        boolean active = input.flag(AccountField.ACTIVE) == null ? existing.active() : input.flag(AccountField.ACTIVE);
        boolean debugLogging = input.flag(AccountField.DEBUG_LOGGING) == null ? existing.debugLogging()
                : input.flag(AccountField.DEBUG_LOGGING);
        EmailAccount delivery = AccountValidator.checkDeliverySettings(input, existing).build();
        int maxConnections = delivery.maxConnections();
        List<AuditEntry> audit = new ArrayList<>();
        for (AccountField field : List.of(AccountField.MAX_CONNECTIONS, AccountField.MESSAGES_PER_MINUTE,
                AccountField.RECIPIENTS_PER_DAY, AccountField.FALLBACK_ACCOUNT_ID)) {
            if (!Objects.equals(field.value(existing), field.value(delivery))) {
                audit.add(entry(actor, subject(existing.name()), field.field(), field.text(existing), field.text(delivery)));
            }
        }
        if (active != existing.active()) {
            audit.add(entry(actor, subject(existing.name()), "active", String.valueOf(existing.active()),
                    String.valueOf(active)));
        }
        if (debugLogging != existing.debugLogging()) {
            audit.add(entry(actor, subject(existing.name()), "debugLogging", String.valueOf(existing.debugLogging()),
                    String.valueOf(debugLogging)));
        }
        if (audit.isEmpty()) {
            return shown;
        }
        EmailAccount changed = existing.toBuilder().active(active).debugLogging(debugLogging)
                .maxConnections(maxConnections).messagesPerMinute(delivery.messagesPerMinute())
                .recipientsPerDay(delivery.recipientsPerDay()).fallbackAccountId(delivery.fallbackAccountId()).build();
        EmailAccount saved = AccountWrites.run(() -> store.update(changed, Map.of(), audit));
        LOG.log(System.Logger.Level.INFO, "{0} set {1} active={2} debugLogging={3} maxConnections={4}", actor,
                existing.name(), active, debugLogging, maxConnections);
        return ProvisionedAccounts.resolve(properties.effective(), saved);
    }

    /** The active outbound account, SMTP or Microsoft Graph (built-in one resolved), if any. */
    public Optional<EmailAccount> activeSmtp() {
        return list().stream().filter(a -> a.active() && a.type().outbound()).findFirst();
    }

    /**
     * "Make this the active SMTP account": deactivates {@code expectedActiveId} (the account the admin
     * was shown; null when none was active) and activates this one, in one transaction.
     *
     * @param anyActive deactivate whichever SMTP account is active instead of checking {@code expectedActiveId}
     * @throws AccountRuleException  not an SMTP account, or the active one changed since the admin looked
     * @throws StaleVersionException this account was changed meanwhile
     */
    public EmailAccount makeActiveSmtp(long id, long version, Long expectedActiveId, boolean anyActive, String actor) {
        EmailAccount existing = stored(id);
        if (!existing.type().outbound()) {
            throw new AccountRuleException("type", "only an outbound account (SMTP or Microsoft Graph) can be the "
                    + "active outbound account");
        }
        if (existing.version() != version) {
            throw new StaleVersionException(version, existing.version());
        }
        if (existing.active()) {
            return get(id);
        }
        EmailAccount saved = AccountWrites.run(() -> store.activateSmtp(id, version, expectedActiveId, anyActive,
                previous -> {
                    List<AuditEntry> audit = new ArrayList<>();
                    if (previous != null) {
                        audit.add(entry(actor, subject(previous), "active", "true", "false"));
                    }
                    audit.add(entry(actor, subject(existing.name()), "active", "false", "true"));
                    return audit;
                }));
        LOG.log(System.Logger.Level.INFO, "{0} made {1} ({2}) the active SMTP account", actor, saved.name(), saved.id());
        return ProvisionedAccounts.resolve(properties.effective(), saved);
    }

    /** @throws AccountRuleException for a built-in account, which can never be deleted */
    public void delete(long id, long version, String actor) {
        EmailAccount existing = stored(id);
        if (existing.isProvisioned()) {
            throw new AccountRuleException("provisioned", "\"" + existing.name()
                    + "\" is a provisioned account and cannot be deleted; deactivate it instead.");
        }
        if (existing.version() != version) {
            throw new StaleVersionException(version, existing.version());
        }
        List<AuditEntry> audit = List.of(entry(actor, subject(existing.name()), "account", null, "deleted"));
        AccountWrites.run(() -> {
            store.delete(id, version, audit);
            return null;
        });
        LOG.log(System.Logger.Level.INFO, "{0} deleted email account {1} ({2})", actor, existing.name(), id);
    }

    private static void compare(List<String> refused, String field, String given, String shown) {
        if (given == null || given.isBlank()) {
            return;
        }
        if (shown == null || !given.trim().equalsIgnoreCase(shown)) {
            refused.add(field);
        }
    }

    /** The audited, non-secret fields of an account, as text (certificates as their count). */
    private static Map<String, String> fields(EmailAccount a) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (AccountField field : AccountField.values()) {
            String text = field.text(a);
            fields.put(field.field(), field == AccountField.TRUSTED_CERTIFICATES && text != null
                    ? (text.split("BEGIN CERTIFICATE", -1).length - 1) + " certificate(s)" : text);
        }
        return fields;
    }

    private AuditEntry entry(String actor, String subject, String field, String before, String after) {
        return new AuditEntry(clock.instant(), actor, subject, field, before, after);
    }

    static String subject(String name) {
        return "Email account " + name;
    }
}
