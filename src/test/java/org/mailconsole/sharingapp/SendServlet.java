package org.mailconsole.sharingapp;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A plain webapp of the container (NOT part of Mail Console: it only knows jakarta.mail and JNDI).
 * It looks the shared session up once, at start, keeps it, and sends one message per request:
 * GET /send?to=...&subject=...
 */
public class SendServlet extends HttpServlet {
    private Session session;

    @Override
    public void init() throws ServletException {
        try {
            session = (Session) new InitialContext().lookup("java:comp/env/mail/Session");
        } catch (NamingException e) {
            throw new ServletException("no java:comp/env/mail/Session", e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("app@example.com"));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(request.getParameter("to")));
            message.setSubject(request.getParameter("subject"));
            message.setText("sent by the sharing test app");
            Transport.send(message);
            response.getWriter().println("sent");
        } catch (MessagingException e) {
            response.setStatus(500);
            response.getWriter().println("failed: " + e);
        }
    }
}
