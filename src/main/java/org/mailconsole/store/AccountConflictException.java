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
        /** The active SMTP account is no longer the one the admin confirmed replacing. */
        ACTIVE_SMTP_CHANGED,
        /** Another account has the name (letter case ignored). */
        NAME,
        /** The named system address filter does not exist or is of the other direction. */
        ADDRESS_FILTER,
        /** The named fallback account is this one, does not exist, or is not outbound (the message says which). */
        FALLBACK,
        /** Another account names this one as its fallback ({@code otherAccount}): it stays, and stays outbound. */
        FALLBACK_NAMED
    }

    private final Conflict conflict;
    private final String otherAccount;

    /** @param otherAccount the name of the account it collides with, when known */
    public AccountConflictException(Conflict conflict, String otherAccount) {
        super(conflict + (otherAccount == null ? "" : " with \"" + otherAccount + "\""));
        this.conflict = conflict;
        this.otherAccount = otherAccount;
    }

    /** An {@link Conflict#ADDRESS_FILTER} conflict, its message saying what is wrong with the filter named. */
    public static AccountConflictException addressFilter(String message) {
        return new AccountConflictException(Conflict.ADDRESS_FILTER, message, true);
    }

    /** A {@link Conflict#FALLBACK} conflict, its message saying what is wrong with the account named. */
    public static AccountConflictException fallback(String message) {
        return new AccountConflictException(Conflict.FALLBACK, message, true);
    }

    private AccountConflictException(Conflict conflict, String message, boolean detailed) {
        super(message);
        this.conflict = conflict;
        this.otherAccount = null;
    }

    public Conflict conflict() {
        return conflict;
    }

    public String otherAccount() {
        return otherAccount;
    }
}
