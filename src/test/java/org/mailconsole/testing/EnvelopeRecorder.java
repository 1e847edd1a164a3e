package org.mailconsole.testing;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server (SubEthaSMTP) on 127.0.0.1 that records each message's envelope recipients
 * (RCPT TO), by subject, so a test sees exactly whom the client asked the server to deliver to.
 */
public final class EnvelopeRecorder implements AutoCloseable {
    private final Map<String, List<String>> recipientsBySubject = new ConcurrentHashMap<>();
    private final SMTPServer server;

    public EnvelopeRecorder(int port) {
        server = SMTPServer.port(port)
                .bindAddress(Optional.of(loopback()))
                .hostName("localhost")
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) {
                        String subject;
                        try {
                            subject = new MimeMessage(Session.getInstance(new Properties()), data).getSubject();
                        } catch (Exception e) {
                            subject = "(unreadable: " + e + ")";
                        }
                        recipientsBySubject.computeIfAbsent(String.valueOf(subject),
                                k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(recipient);
                    }
                })
                .build();
        server.start();
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** The envelope recipients of the messages with this subject, in the order the server got them; empty if none. */
    public List<String> recipients(String subject) {
        List<String> got = recipientsBySubject.get(subject);
        return got == null ? List.of() : List.copyOf(got);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
