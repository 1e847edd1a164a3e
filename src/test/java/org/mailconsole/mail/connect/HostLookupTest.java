package org.mailconsole.mail.connect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class HostLookupTest {
    @Test
    void aKnownNameResolves() {
        assertDoesNotThrow(() -> HostLookup.resolve("localhost", 2000));
        assertDoesNotThrow(() -> HostLookup.resolve("127.0.0.1", 2000));
    }

    @Test
    void aNameThatDoesNotResolveInTimeIsUnknown() {
        // .invalid never resolves (RFC 2606): refused by the resolver, or cut at the time limit
        assertThrows(UnknownHostException.class, () -> HostLookup.resolve("no-such-host.invalid", 2000));
    }
}
