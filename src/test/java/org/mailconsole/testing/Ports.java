package org.mailconsole.testing;

/**
 * Fixed test ports, moved by {@code -Dit.port.offset=N} so that two checkouts can run their
 * suites side by side on one machine (the Tomcat ports are Maven properties of their own).
 */
public final class Ports {
    public static final int OFFSET = Integer.getInteger("it.port.offset", 0);

    private Ports() {
    }

    public static int of(int base) {
        return base + OFFSET;
    }
}
