package org.mailconsole.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Real mail servers for the account tests, on 127.0.0.1 and ports 32xxx: GreenMail's SMTP, SMTPS,
 * POP3, POP3S, IMAP and IMAPS (the SSL ones present the {@link TestTls} certificate), and
 * SubEthaSMTP with STARTTLS required and AUTH (GreenMail has no STARTTLS).
 */
public final class MailServers implements AutoCloseable {
    public static final String USER = "alice@example.com";
    public static final String PASSWORD = "alice-pw-canary-4471";
    public static final String STARTTLS_USER = "bob";
    public static final String STARTTLS_PASSWORD = "bob-pw-canary-9923";
    public static final String HOST = "127.0.0.1";
    public static final int SMTP = Ports.of(32025);
    public static final int SMTPS = Ports.of(32465);
    public static final int POP3 = Ports.of(32110);
    public static final int POP3S = Ports.of(32995);
    public static final int IMAP = Ports.of(32143);
    public static final int IMAPS = Ports.of(32993);
    public static final int SMTP_STARTTLS = Ports.of(32587);

    public final GreenMail greenMail;
    public final SMTPServer startTlsSmtp;

    private MailServers(GreenMail greenMail, SMTPServer startTlsSmtp) {
        this.greenMail = greenMail;
        this.startTlsSmtp = startTlsSmtp;
    }

    public static MailServers start() {
        System.setProperty("greenmail.tls.keystore.file", TestTls.keyStore().toString());
        System.setProperty("greenmail.tls.keystore.password", TestTls.PASSWORD);
        System.setProperty("greenmail.tls.key.password", TestTls.PASSWORD);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(SMTP, HOST, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(SMTPS, HOST, ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(POP3, HOST, ServerSetup.PROTOCOL_POP3),
                new ServerSetup(POP3S, HOST, ServerSetup.PROTOCOL_POP3S),
                new ServerSetup(IMAP, HOST, ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(IMAPS, HOST, ServerSetup.PROTOCOL_IMAPS)});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, USER, PASSWORD));
        greenMail.start();
        SMTPServer smtp = SMTPServer.port(SMTP_STARTTLS)
                .bindAddress(java.util.Optional.of(loopback()))
                .hostName("localhost")
                .enableTLS()
                .requireTLS()
                .startTlsSocketFactory(TestTls.serverContext())
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!STARTTLS_USER.equals(user) || !STARTTLS_PASSWORD.equals(password)) {
                        throw new org.subethamail.smtp.auth.LoginFailedException("Authentication credentials invalid");
                    }
                }))
                .simpleMessageListener(new org.subethamail.smtp.helper.SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, java.io.InputStream data) {
                    }
                })
                .build();
        smtp.start();
        return new MailServers(greenMail, smtp);
    }

    private static java.net.InetAddress loopback() {
        try {
            return java.net.InetAddress.getByName(HOST);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        startTlsSmtp.stop();
        greenMail.stop();
    }
}
