package org.mailconsole.console;

/** No system address filter has this id. */
public final class AddressFilterNotFoundException extends RuntimeException {
    public AddressFilterNotFoundException(long id) {
        super("no system address filter with id " + id);
    }
}
