package org.mailconsole.mail.connect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves a host name within a time limit. The JDK's lookup has no timeout of its own, so a slow
 * or unreachable DNS server would hold a Test Connection past its connect timeout; the answer (or
 * the failure) is cached by the JDK, so the connection that follows does not wait again.
 */
final class HostLookup {
    private HostLookup() {
    }

    /** A name service lookup: the JDK's, or in a test one that does not answer. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Returns when {@code host} resolved; throws UnknownHostException when it does not resolve in time. */
    static void resolve(String host, long timeoutMs) throws UnknownHostException {
        resolve(host, timeoutMs, InetAddress::getAllByName);
    }

    static void resolve(String host, long timeoutMs, Resolver resolver) throws UnknownHostException {
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            lookup.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UnknownHostException(host + " (no answer from DNS within " + timeoutMs + " ms)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UnknownHostException unknown ? unknown : new UnknownHostException(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + " (interrupted)");
        }
    }
}
