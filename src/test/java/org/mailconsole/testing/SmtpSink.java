package org.mailconsole.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * An SMTP server on a fixed loopback port that can go down and come back on the same port (GreenMail
 * underneath, a new instance per {@link #up()}), counting every message it accepted across its lives:
 * for "the mail server was down" scenarios and "each message delivered once" checks.
 */
public final class SmtpSink implements AutoCloseable {
    private final int port;
    private final List<String> earlierSubjects = new ArrayList<>();
    private GreenMail server;

    public SmtpSink(int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }

    public synchronized SmtpSink up() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return this;
    }

    /** Stops accepting connections (the port refuses), keeping what was received so far. */
    public synchronized SmtpSink down() {
        if (server != null) {
            earlierSubjects.addAll(subjectsOf(server));
            server.stop();
            server = null;
        }
        return this;
    }

    /** The subject of every message accepted, in order, once per delivery (a duplicate shows twice). */
    public synchronized List<String> subjects() {
        List<String> all = new ArrayList<>(earlierSubjects);
        if (server != null) {
            all.addAll(subjectsOf(server));
        }
        return all;
    }

    public long deliveries(String subject) {
        return subjects().stream().filter(subject::equals).count();
    }

    private static List<String> subjectsOf(GreenMail server) {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                subjects.add(message.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    @Override
    public void close() {
        down();
    }
}
