package org.mailconsole.store;

/**
 * A write that the accounts table cannot take beside the rows it holds, found inside the write's
 * transaction. Nothing was written. The console says what this means to an admin.
 */
public class AccountConflictException extends RuntimeException {
    /** What collides. */
    public enum Conflict {
        /** Another SMTP account is active. */
        ACTIVE_SMTP,
        /** Another account has the name (letter case ignored). */
        NAME
    }

    private final Conflict conflict;
    private final String otherAccount;

    /** @param otherAccount the name of the account it collides with, when known */
    public AccountConflictException(Conflict conflict, String otherAccount) {
        super(conflict + (otherAccount == null ? "" : " with \"" + otherAccount + "\""));
        this.conflict = conflict;
        this.otherAccount = otherAccount;
    }

    public Conflict conflict() {
        return conflict;
    }

    public String otherAccount() {
        return otherAccount;
    }
}
