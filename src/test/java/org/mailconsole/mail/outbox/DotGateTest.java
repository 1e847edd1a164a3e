package org.mailconsole.mail.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailconsole.mail.connect.ConnectionSettings;
import org.mailconsole.mail.live.AccountConnection;
import org.mailconsole.mail.live.ConfigSnapshot;
import org.mailconsole.mail.live.InboundConfig;
import org.mailconsole.mail.live.LiveConfigSource;
import org.mailconsole.mail.live.OutboundConfig;
import org.mailconsole.model.Authentication;
import org.mailconsole.model.ConnectionSecurity;
import org.mailconsole.model.Protocol;

/**
 * A message's final dot waits for its gate (the previous outcome's commit), against a real SMTP
 * server: until the gate opens the server has not taken the message; a gate that refuses drops the
 * connection before the dot, and the server discards what it had.
 */
class DotGateTest {
    GreenMail server;
    LiveConfigSource source;
    ConfigSnapshot snapshot;

    @BeforeEach
    void start() {
        server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        ConnectionSettings settings = new ConnectionSettings(Protocol.SMTP, "127.0.0.1", server.getSmtp().getPort(),
                ConnectionSecurity.NONE, Authentication.NONE, null, null, 5000, 5000, List.of());
        source = new LiveConfigSource() {
            @Override
            public long version() {
                return 1;
            }

            @Override
            public OutboundConfig outbound() {
                return new OutboundConfig(null, "Default SMTP", AccountConnection.of(settings), "app@example.com", "App",
                        List.of(), 100, 100, false);
            }

            @Override
            public InboundConfig inbound() {
                return InboundConfig.refused("no inbound here");
            }
        };
        snapshot = new ConfigSnapshot(source.version(), source.outbound(), source.inbound());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static byte[] mime(String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("app@example.com");
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("to@example.com"));
        message.setSubject(subject);
        message.setText("body of " + subject);
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toByteArray();
    }

    @Test
    void theServerTakesTheMessageOnlyOnceTheGateOpens() throws Exception {
        CountDownLatch gateReached = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(1);
        DotGate gate = () -> {
            gateReached.countDown();
            try {
                open.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (SmtpDelivery delivery = new SmtpDelivery(source)) {
            CompletableFuture<Delivery> done = CompletableFuture.supplyAsync(
                    () -> delivery.deliver(snapshot, uncheckedMime("gated"), List.of("to@example.com"), gate));
            assertTrue(gateReached.await(30, TimeUnit.SECONDS), "the whole message was written up to the gate");
            Thread.sleep(500);
            assertEquals(0, server.getReceivedMessages().length, "no dot yet: the server has not taken it");
            assertFalse(done.isDone());
            open.countDown();
            Delivery delivered = done.get(30, TimeUnit.SECONDS);
            assertTrue(delivered.accepted(), delivered.reply());
            assertEquals(250, delivered.replyCode());
        }
        assertEquals(1, server.getReceivedMessages().length);
        assertEquals("gated", server.getReceivedMessages()[0].getSubject());
    }

    @Test
    void aRefusingGateDropsTheConnectionBeforeTheDotAndTheNextMessageGoesOnANewOne() throws Exception {
        try (SmtpDelivery delivery = new SmtpDelivery(source)) {
            Delivery refused = delivery.deliver(snapshot, mime("never"), List.of("to@example.com"), () -> {
                throw new OutcomeNotRecordedException("the outcome of the message before could not be recorded: "
                        + "disk full", null);
            });
            assertFalse(refused.accepted());
            assertEquals(null, refused.replyCode());
            assertEquals("not handed over: the outcome of the message before could not be recorded: disk full",
                    refused.reply());
            Delivery next = delivery.deliver(snapshot, mime("next"), List.of("to@example.com"), DotGate.OPEN);
            assertTrue(next.accepted(), next.reply());
        }
        assertTrue(server.waitForIncomingEmail(5000, 1));
        Thread.sleep(300);
        assertEquals(List.of("next"), java.util.Arrays.stream(server.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList(), "the server discarded the message whose dot never came");
    }

    private static byte[] uncheckedMime(String subject) {
        try {
            return mime(subject);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
