package org.mailconsole.console;

/** No account has this id (it may have been deleted). */
public class AccountNotFoundException extends RuntimeException {
    public AccountNotFoundException(long id) {
        super("there is no email account with id " + id);
    }
}
