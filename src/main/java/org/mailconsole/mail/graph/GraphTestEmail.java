package org.mailconsole.mail.graph;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import org.mailconsole.mail.connect.TestEmailMessage;
import org.mailconsole.model.GraphClient;

/**
 * Send test email through a Microsoft Graph account, active or not (as for SMTP, straight to it, not
 * through the Outbox): the one thing that shows whether the app may send as the mailbox.
 */
public final class GraphTestEmail {
    private final GraphTransport transport;

    public GraphTestEmail(GraphTransport transport) {
        this.transport = transport;
    }

    /** What came of it, and the kept transcript's id (debug logging on), or null. */
    public record Result(boolean ok, String message, String reply, Long transcriptId) {
    }

    public Result send(long accountId, GraphClient client, String from, String displayName, String to, boolean record) {
        byte[] mime;
        try {
            MimeMessage mail = TestEmailMessage.build(Session.getInstance(new Properties()), from, displayName, to);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mail.writeTo(out);
            mime = out.toByteArray();
        } catch (MessagingException | IOException e) {
            return new Result(false, "The test email could not be built: " + e.getMessage(), null, null);
        }
        GraphResult result = transport.send(accountId, client, mime, List.of(to), record);
        if (result.kind() == GraphResult.Kind.SENT) {
            return new Result(true, "Sent to " + to + " through Microsoft Graph as " + client.mailbox(),
                    result.reply(), result.transcriptId());
        }
        return new Result(false, "Graph did not take the message: " + result.reply(), result.reply(),
                result.transcriptId());
    }
}
