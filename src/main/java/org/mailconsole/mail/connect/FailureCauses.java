package org.mailconsole.mail.connect;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Names the cause of a failed mail connection in words an admin can act on. */
public final class FailureCauses {
    private static final Pattern STARTTLS_MISSING = Pattern.compile(
            "(?i).*(STARTTLS|STLS).*(required but|not support).*");
    private static final Pattern TIMED_OUT = Pattern.compile("(?i)(read|connect) timed out");
    private static final Pattern IDENTITY = Pattern.compile("(?i).*(verify identity|identity does not match"
            + "|server is not trusted|no subject alternative|no name matching).*");

    private FailureCauses() {
    }

    /**
     * @param server what the TLS handshake saw of the server's certificate (nothing when it did not get that far)
     */
    public static String describe(Throwable failure, ConnectionSettings settings, ServerCertificateRecorder server) {
        X509Certificate certificate = server == null ? null : server.certificate();
        List<Throwable> chain = chain(failure);
        String where = settings.host() + ":" + settings.port();
        for (Throwable t : chain) {
            if (t.getMessage() != null && STARTTLS_MISSING.matcher(t.getMessage()).matches()) {
                return "STARTTLS not offered by " + where + ": this account requires it, so the connection was "
                        + "refused instead of continuing in plain text";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SocketTimeoutException || (t.getMessage() != null && TIMED_OUT.matcher(t.getMessage()).matches())) {
                boolean connecting = t.getMessage() != null && t.getMessage().toLowerCase().contains("connect");
                return connecting
                        ? "Timed out connecting to " + where + " after " + settings.connectTimeoutMs() + " ms (connect timeout)"
                        : "Timed out waiting for " + where + " to answer after " + settings.readTimeoutMs() + " ms (read timeout)";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AuthenticationFailedException) {
                String reply = t.getMessage() == null || t.getMessage().isBlank() ? "(no reply text)" : t.getMessage().trim();
                return "Authentication rejected by " + where + ": " + reply;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException) {
                return unknownHost(settings.host());
            }
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return refused(where);
            }
        }
        String subject = certificate == null ? "" : " (server certificate: " + certificate.getSubjectX500Principal().getName() + ")";
        for (Throwable t : chain) {
            if (t.getMessage() != null && IDENTITY.matcher(t.getMessage()).matches()) {
                return "TLS certificate check failed: the certificate does not match the host name "
                        + settings.host() + subject;
            }
        }
        boolean tlsFailure = chain.stream().anyMatch(t -> t instanceof SSLException || t instanceof CertificateException);
        if (tlsFailure && certificate != null && server.wasTrusted()) {
            return "TLS certificate check failed: the certificate does not match the host name "
                    + settings.host() + subject;
        }
        for (Throwable t : chain) {
            if (t instanceof CertificateException) {
                return "TLS certificate check failed: the server's certificate is not trusted (" + t.getMessage()
                        + ")" + subject + ". For a private server, add its certificate to the account.";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SSLException) {
                return "TLS handshake failed with " + where + ": " + t.getMessage() + subject;
            }
        }
        return "Connection to " + where + " failed: " + failure.getMessage();
    }

    /**
     * A failed HTTPS request (the OAuth 2.0 token endpoint) in the same words as a mail connection.
     *
     * @param timeoutMs the request's timeout
     */
    public static String describeHttp(Throwable failure, String host, int port, long timeoutMs) {
        String where = host + ":" + port;
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof SocketTimeoutException) {
                return "Timed out waiting for " + where + " after " + timeoutMs + " ms";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return unknownHost(host);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return refused(where);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof CertificateException) {
                return "TLS certificate check failed: the certificate of " + where + " is not trusted";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed with " + where + (t.getMessage() == null ? "" : ": " + t.getMessage());
            }
        }
        String message = chain.stream().map(Throwable::getMessage).filter(m -> m != null && !m.isBlank())
                .findFirst().orElse("the connection was closed without an answer");
        return "Connection to " + where + " failed: " + message;
    }

    private static String unknownHost(String host) {
        return "Unknown host: " + host + " (the name does not resolve)";
    }

    private static String refused(String where) {
        return "Connection refused by " + where + " (nothing listens there, or a firewall refuses)";
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Throwable t = failure;
        while (t != null && !chain.contains(t) && chain.size() < 20) {
            chain.add(t);
            Throwable next = t.getCause();
            if (next == null && t instanceof MessagingException m) {
                next = m.getNextException();
            }
            t = next;
        }
        return chain;
    }
}
