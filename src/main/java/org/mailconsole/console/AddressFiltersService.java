package org.mailconsole.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mailconsole.mail.filter.AddressMatcher;
import org.mailconsole.mail.filter.FilterChoice;
import org.mailconsole.mail.filter.Verdict;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.EmailAccount;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.AddressList;
import org.mailconsole.model.filter.FilterDirection;
import org.mailconsole.store.AccountStore;
import org.mailconsole.store.AddressFilterStore;
import org.mailconsole.store.VersionConflictException;
import org.mailconsole.store.FilterNotFoundException;
import org.mailconsole.store.FilterRuleException;

/**
 * System address filters (email-model.md section 3): list, create, change, delete with their
 * rules, an audit entry for every change, and "try an address" against a filter or the one in effect.
 */
public final class AddressFiltersService {
    private static final System.Logger LOG = System.getLogger(AddressFiltersService.class.getName());

    private final AddressFilterStore store;
    private final AccountStore accounts;
    private final Clock clock;

    /** The answer of "try an address". {@code filter} is null when no filter applies. */
    public record CheckResult(boolean allowed, AddressFilter filter, Integer listIndex, String reason) {
    }

    public AddressFiltersService(AddressFilterStore store, AccountStore accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    public List<AddressFilter> list() {
        return store.list();
    }

    public AddressFilter get(long id) {
        return store.find(id).orElseThrow(() -> new AddressFilterNotFoundException(id));
    }

    /** The names of the accounts that name this filter. */
    public List<String> namedBy(long id) {
        return store.accountsNaming(id);
    }

    /**
     * @throws ValidationException bad fields; nothing saved
     * @throws AddressFilterRuleException a second default or a duplicate name; nothing saved
     */
    public AddressFilter create(AddressFilterInput input, String actor) {
        AddressFilter filter = AddressFilterValidator.check(input, null, 0);
        List<AuditEntry> audit = new ArrayList<>();
        String subject = subject(filter.name());
        audit.add(entry(actor, subject, "filter", null, "created"));
        fields(filter).forEach((field, value) -> audit.add(entry(actor, subject, field, null, value)));
        AddressFilter saved = written(() -> store.insert(filter, audit));
        LOG.log(System.Logger.Level.INFO, "{0} created system address filter {1} ({2})", actor, saved.name(), saved.id());
        return saved;
    }

    /** Replaces a filter; validation runs before the version check (a bad and stale request gets the 400). */
    public AddressFilter update(long id, long version, AddressFilterInput input, String actor) {
        AddressFilter existing = get(id);
        AddressFilter filter = AddressFilterValidator.check(input, existing, version);
        if (existing.version() != version) {
            throw new StaleVersionException(version, existing.version());
        }
        List<AuditEntry> audit = new ArrayList<>();
        String subject = subject(existing.name());
        Map<String, String> before = fields(existing);
        fields(filter).forEach((field, after) -> {
            if (!Objects.equals(before.get(field), after)) {
                audit.add(entry(actor, subject, field, before.get(field), after));
            }
        });
        if (audit.isEmpty()) {
            return existing;
        }
        AddressFilter saved = written(() -> store.update(filter, audit));
        LOG.log(System.Logger.Level.INFO, "{0} changed system address filter {1} ({2})", actor, saved.name(), saved.id());
        return saved;
    }

    /** @throws AddressFilterRuleException while an account names it */
    public void delete(long id, long version, String actor) {
        AddressFilter existing = get(id);
        written(() -> {
            store.delete(id, version, List.of(entry(actor, subject(existing.name()), "filter", null, "deleted")));
            return null;
        });
        LOG.log(System.Logger.Level.INFO, "{0} deleted system address filter {1} ({2})", actor, existing.name(), id);
    }

    /**
     * Whether {@code address} passes: the filter {@code filterId} when given (active or not), else
     * the filter in effect for the direction (the active SMTP account's, else the active default).
     */
    public CheckResult check(String address, FilterDirection direction, Long filterId) {
        Optional<AddressFilter> filter;
        if (filterId != null) {
            filter = Optional.of(get(filterId));
        } else {
            filter = FilterChoice.inEffect(namedByAccountInEffect(direction), direction, store.list());
        }
        if (filter.isEmpty()) {
            return new CheckResult(true, null, null, "no " + direction.code()
                    + " filter is in effect (no account names an active one and no active default): nothing is blocked");
        }
        Verdict verdict = AddressMatcher.check(filter.get(), address);
        return new CheckResult(verdict.allowed(), filter.get(), verdict.listIndex(), verdict.reason());
    }

    /** The filter the active SMTP account names (outbound); inbound: none (the default applies). */
    private Long namedByAccountInEffect(FilterDirection direction) {
        if (direction != FilterDirection.OUTBOUND) {
            return null;
        }
        return accounts.list().stream().filter(a -> a.active() && a.type().outbound()).findFirst()
                .map(EmailAccount::addressFilterId).orElse(null);
    }

    private static Map<String, String> fields(AddressFilter f) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", f.name());
        fields.put("direction", f.direction().code());
        fields.put("active", String.valueOf(f.active()));
        fields.put("isDefault", String.valueOf(f.isDefault()));
        String lists = String.join("; ", f.lists().stream().map(AddressList::describe).toList());
        fields.put("lists", lists.length() > 3000 ? lists.substring(0, 3000) + "..." : lists);
        return fields;
    }

    private AuditEntry entry(String actor, String subject, String field, String before, String after) {
        return new AuditEntry(clock.instant(), actor, subject, field, before, after);
    }

    static String subject(String name) {
        return "System address filter " + name;
    }

    /** A write to the store, its refusals in the console's words. */
    private static <T> T written(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (VersionConflictException e) {
            throw new StaleVersionException(e.expectedVersion(), e.currentVersion());
        } catch (FilterRuleException e) {
            throw new AddressFilterRuleException(e.field(), e.getMessage());
        } catch (FilterNotFoundException e) {
            throw new AddressFilterNotFoundException(e.id());
        }
    }
}
