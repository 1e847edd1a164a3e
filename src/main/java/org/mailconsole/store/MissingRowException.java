package org.mailconsole.store;

/** A write to a row that is not there (deleted meanwhile). Nothing was written. */
public class MissingRowException extends RuntimeException {
    private final long id;

    public MissingRowException(String table, long id) {
        super("no row " + id + " in " + table);
        this.id = id;
    }

    public long id() {
        return id;
    }
}
