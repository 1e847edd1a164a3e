package org.mailconsole.mail.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.Certificates;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.Protocol;
import org.mailconsole.testing.TestTls;

/**
 * Each named cause, from exception chains shaped like those Angus Mail and the JDK throw, and the
 * order in which causes win when a chain holds several.
 */
class FailureCausesTest {
    static final ConnectionSettings SETTINGS = ConnectionSettings.builder().protocol(Protocol.SMTP)
            .host("mail.example.com").port(587).security(ConnectionSecurity.STARTTLS)
            .authentication(Authentication.PASSWORD).user("me").secret("pw").connectTimeoutMs(4000).readTimeoutMs(6000)
            .build();

    static String describe(Throwable failure) {
        return FailureCauses.describe(failure, SETTINGS, null);
    }

    static MessagingException couldNotConnect(Exception cause) {
        return new MessagingException("Could not connect to SMTP host: mail.example.com, port: 587", cause);
    }

    static X509Certificate testCertificate() throws Exception {
        return Certificates.parsePem(TestTls.certificatePem()).get(0);
    }

    @Test
    void starttlsNotOfferedByEachProtocol() {
        String expected = "STARTTLS not offered by mail.example.com:587: this account requires it, so the connection "
                + "was refused instead of continuing in plain text";
        assertEquals(expected, describe(new MessagingException("STARTTLS is required but host does not support STARTTLS")));
        assertEquals(expected, describe(new MessagingException("STLS is required but server doesn't support STLS")));
        assertEquals(expected, describe(new MessagingException("STARTTLS is required but not supported")));
    }

    @Test
    void connectAndReadTimeoutsNameTheirLimit() {
        assertEquals("Timed out connecting to mail.example.com:587 after 4000 ms (connect timeout)",
                describe(couldNotConnect(new SocketTimeoutException("Connect timed out"))));
        assertEquals("Timed out waiting for mail.example.com:587 to answer after 6000 ms (read timeout)",
                describe(new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void authenticationRejectedShowsTheServersReply() {
        assertEquals("Authentication rejected by mail.example.com:587: 535 5.7.8 Authentication credentials invalid",
                describe(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid\n")));
        assertEquals("Authentication rejected by mail.example.com:587: (no reply text)",
                describe(new AuthenticationFailedException()));
    }

    @Test
    void unknownHostAndRefusedConnection() {
        assertEquals("Unknown host: mail.example.com (the name does not resolve)",
                describe(couldNotConnect(new UnknownHostException("mail.example.com"))));
        String refused = "Connection refused by mail.example.com:587 (nothing listens there, or a firewall refuses)";
        assertEquals(refused, describe(couldNotConnect(new ConnectException("Connection refused"))));
        assertEquals(refused, describe(couldNotConnect(new NoRouteToHostException("No route to host"))));
    }

    @Test
    void aHostNameMismatchByTheJdksOrAngussWords() throws Exception {
        ServerCertificateRecorder server = new ServerCertificateRecorder();
        server.presented(testCertificate());
        String expected = "TLS certificate check failed: the certificate does not match the host name mail.example.com"
                + " (server certificate: O=Mail Console Tests,CN=localhost)";
        assertEquals(expected, FailureCauses.describe(couldNotConnect(new SSLHandshakeException(
                "No subject alternative DNS name matching mail.example.com found.")), SETTINGS, server));
        assertEquals(expected, FailureCauses.describe(couldNotConnect(new java.io.IOException(
                "Can't verify identity of server: mail.example.com")), SETTINGS, server));
    }

    @Test
    void aTrustedCertificateThatStillFailsTheHandshakeIsTheName() throws Exception {
        ServerCertificateRecorder server = new ServerCertificateRecorder();
        server.presented(testCertificate());
        server.trusted(); // the trust managers accepted it: what failed after that is the host name check
        assertEquals("TLS certificate check failed: the certificate does not match the host name mail.example.com"
                        + " (server certificate: O=Mail Console Tests,CN=localhost)",
                FailureCauses.describe(couldNotConnect(new SSLHandshakeException("PKIX path building failed")),
                        SETTINGS, server));
    }

    @Test
    void anUntrustedCertificateSaysHowToTrustIt() throws Exception {
        ServerCertificateRecorder server = new ServerCertificateRecorder();
        server.presented(testCertificate());
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("unable to find valid certification path to requested target"));
        assertEquals("TLS certificate check failed: the server's certificate is not trusted (unable to find valid "
                        + "certification path to requested target) (server certificate: O=Mail Console Tests,"
                        + "CN=localhost). For a private server, add its certificate to the account.",
                FailureCauses.describe(couldNotConnect(handshake), SETTINGS, server));
    }

    @Test
    void otherTlsFailuresAndTheRest() {
        assertEquals("TLS handshake failed with mail.example.com:587: Received fatal alert: protocol_version",
                describe(couldNotConnect(new SSLException("Received fatal alert: protocol_version"))));
        assertEquals("Connection to mail.example.com:587 failed: 554 5.7.1 Service unavailable",
                describe(new MessagingException("554 5.7.1 Service unavailable")));
    }

    @Test
    void theNextExceptionOfAMessagingExceptionIsFollowed() {
        MessagingException outer = new MessagingException("Could not connect to SMTP host");
        outer.setNextException(new ConnectException("Connection refused"));
        assertEquals("Connection refused by mail.example.com:587 (nothing listens there, or a firewall refuses)",
                describe(outer));
    }

    @Test
    void starttlsWinsOverATimeoutInTheSameChain() {
        MessagingException both = new MessagingException("STARTTLS is required but host does not support STARTTLS",
                new SocketTimeoutException("Read timed out"));
        assertEquals("STARTTLS not offered by mail.example.com:587: this account requires it, so the connection "
                + "was refused instead of continuing in plain text", describe(both));
    }
}
