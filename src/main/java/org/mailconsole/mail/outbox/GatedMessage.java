package org.mailconsole.mail.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stored message as Angus sends it: the raw MIME as it was queued, whose writing (the DATA
 * section, after which Angus sends the final dot) ends at its {@link DotGate}.
 */
final class GatedMessage extends MimeMessage {
    private final DotGate gate;

    GatedMessage(Session session, byte[] mime, DotGate gate) throws MessagingException {
        super(session, new ByteArrayInputStream(mime));
        this.gate = gate;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        super.writeTo(out, ignoreList);
        gate.await();
    }
}
