package org.mailconsole.console;

import java.util.function.Supplier;
import org.mailconsole.store.AccountConflictException;
import org.mailconsole.store.MissingRowException;
import org.mailconsole.store.VersionConflictException;

/** Runs a write of the accounts table and says what its conflicts mean to an admin. */
final class AccountWrites {
    private AccountWrites() {
    }

    /**
     * @throws AccountRuleException     a second active SMTP account or a duplicate name
     * @throws StaleVersionException    the account was changed meanwhile
     * @throws AccountNotFoundException the account was deleted meanwhile
     */
    static <T> T run(Supplier<T> write) {
        try {
            return write.get();
        } catch (AccountConflictException e) {
            throw switch (e.conflict()) {
                case ACTIVE_SMTP -> new AccountRuleException("active", "Only one outbound account (SMTP or Microsoft "
                        + "Graph) may be active: \""
                        + e.otherAccount() + "\" is active. Deactivate it first.");
                case ACTIVE_SMTP_CHANGED -> new AccountRuleException("active", e.otherAccount() == null
                        ? "No SMTP account is active any more: look again before switching."
                        : "The active SMTP account is now \"" + e.otherAccount() + "\": look again before switching.");
                case NAME -> new AccountRuleException("name", "is already the name of another account");
                case ADDRESS_FILTER -> new AccountRuleException("addressFilterId", e.getMessage());
            };
        } catch (VersionConflictException e) {
            throw new StaleVersionException(e.expectedVersion(), e.currentVersion());
        } catch (MissingRowException e) {
            throw new AccountNotFoundException(e.id());
        }
    }
}
