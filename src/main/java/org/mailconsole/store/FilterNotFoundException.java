package org.mailconsole.store;

/** No system address filter has this id. */
public final class FilterNotFoundException extends RuntimeException {
    private final long id;

    public FilterNotFoundException(long id) {
        super("no system address filter with id " + id);
        this.id = id;
    }

    public long id() {
        return id;
    }
}
