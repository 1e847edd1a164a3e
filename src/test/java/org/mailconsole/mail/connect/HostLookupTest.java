package org.mailconsole.mail.connect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HostLookupTest {
    @Test
    void aKnownNameResolves() {
        assertDoesNotThrow(() -> HostLookup.resolve("localhost", 2000));
        assertDoesNotThrow(() -> HostLookup.resolve("127.0.0.1", 2000));
    }

    @Test
    void aNameTheResolverRefusesIsUnknown() {
        // .invalid never resolves (RFC 2606): the resolver refuses it
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> HostLookup.resolve("no-such-host.invalid", 2000));
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }

    /**
     * A DNS server that never answers cannot be put behind the JDK's resolver on this machine, so the
     * lookup here blocks until the test ends: HostLookup can only return by giving up at its limit.
     */
    @Test
    void aLookupWithoutAnswerIsCutAtTheLimit() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        HostLookup.Resolver silent = host -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        };
        try {
            UnknownHostException e = assertThrows(UnknownHostException.class,
                    () -> HostLookup.resolve("slow.example", 200, silent));
            assertEquals("slow.example (no answer from DNS within 200 ms)", e.getMessage());
            assertEquals(1, released.getCount(), "gave up while the lookup was still waiting");
        } finally {
            released.countDown();
        }
    }
}
