package org.mailconsole.mail.live;

import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import java.util.List;
import java.util.Properties;

/**
 * Builds live sessions: a jakarta.mail {@link Session} whose smtp/smtps transports are
 * {@link LiveTransport} and whose pop3/imap stores are {@link LiveStore}, both reading the
 * configuration from one {@link CachedConfig}. Apps keep the Session they looked up; every send
 * still uses the configuration of its moment.
 */
public final class LiveSessionBuilder {
    /** The protocol of {@code session.getStore()}: the first active inbound account, whatever its protocol. */
    public static final String DEFAULT_STORE = "mailconsole";
    private static final String VENDOR = "Mail Console";

    private LiveSessionBuilder() {
    }

    /** A live session whose transports hand every message to {@code queue} (the Outbox). */
    public static Session create(CachedConfig config, MessageQueue queue) {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.store.protocol", DEFAULT_STORE);
        properties.put(LiveState.KEY, new LiveState(config, queue));
        Session session = Session.getInstance(properties);
        try {
            for (String protocol : List.of("smtp", "smtps")) {
                register(session, new Provider(Provider.Type.TRANSPORT, protocol, LiveTransport.class.getName(),
                        VENDOR, "1"));
            }
            for (String protocol : List.of(DEFAULT_STORE, "pop3", "pop3s", "imap", "imaps")) {
                register(session, new Provider(Provider.Type.STORE, protocol, LiveStore.class.getName(),
                        VENDOR, "1"));
            }
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("cannot register the Mail Console providers", e);
        }
        return session;
    }

    /** The last store connect of each inbound account through {@code session}, a live session (in memory). */
    public static InboundResults inboundResults(Session session) {
        return LiveState.of(session).inboundResults();
    }

    private static void register(Session session, Provider provider) throws NoSuchProviderException {
        session.addProvider(provider);
        session.setProvider(provider);
    }
}
