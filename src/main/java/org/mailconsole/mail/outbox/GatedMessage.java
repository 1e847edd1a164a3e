package org.mailconsole.mail.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.LineInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /**
     * The header lines as {@code InternetHeaders.load} reads them, through the session's stream
     * provider: {@code load} looks the provider up again (a ServiceLoader scan of the class path)
     * for every message it reads (jakartaee/mail-api#861), which was the largest part of the
     * sender's own work.
     */
    @Override
    protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
        boolean utf8 = Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"));
        LineInputStream lines = session.getStreamProvider().inputLineStream(in, utf8);
        InternetHeaders headers = new InternetHeaders();
        try {
            for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                headers.addHeaderLine(line); // a folded line's continuation joins the header before it
            }
        } catch (IOException e) {
            throw new MessagingException("Error in input stream", e);
        }
        return headers;
    }
}
