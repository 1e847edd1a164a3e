package org.mailconsole.console;

import java.util.List;
import java.util.function.Supplier;
import org.mailconsole.model.AccountField;
import org.mailconsole.model.FieldError;
import org.mailconsole.store.AccountConflictException;
import org.mailconsole.store.MissingRowException;
import org.mailconsole.store.VersionConflictException;

/** Runs a write of the accounts table and says what its conflicts mean to an admin. */
final class AccountWrites {
    private AccountWrites() {
    }

    /**
     * @throws AccountRuleException     a second active SMTP account, a duplicate name, or an account another
     *                                  names as its fallback deleted or made inbound
     * @throws ValidationException      a fallback account that is this one, unknown or not outbound
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
                case FALLBACK -> new ValidationException(List.of(new FieldError(
                        AccountField.FALLBACK_ACCOUNT_ID.field(), e.getMessage())));
                case FALLBACK_NAMED -> new AccountRuleException(AccountField.FALLBACK_ACCOUNT_ID.field(),
                        "\"" + e.otherAccount() + "\" names this account as its fallback: choose another fallback "
                        + "there first.");
            };
        } catch (VersionConflictException e) {
            throw new StaleVersionException(e.expectedVersion(), e.currentVersion());
        } catch (MissingRowException e) {
            throw new AccountNotFoundException(e.id());
        }
    }
}
