package org.mailconsole.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small SMTP server of our own for exact replies: each RCPT TO is answered by {@link #rcptReply},
 * the end of DATA by {@link #dataReply} after {@link #dataDelayMillis}. Accepted messages (final reply
 * 2xx) are kept with their accepted recipients. It can be stopped and started again on the same port
 * (a mail server that is down, then back). With {@link #offerAuth} it offers AUTH PLAIN and LOGIN, accepts
 * any login and keeps every line a client sent during AUTH ({@link #authLines()}): a stand-in for a server
 * that collects passwords. With {@link #maxSessions} set, a connection beyond that many at once is
 * refused in the greeting ("421 4.7.0 too many connections", as Postfix's
 * smtpd_client_connection_count_limit) and closed.
 */
public final class ScriptedSmtp implements AutoCloseable {
    public record Received(List<String> recipients, String data) {
    }

    public volatile Function<String, String> rcptReply = address -> "250 2.1.5 OK";
    public volatile String dataReply = "250 2.0.0 queued";
    /** The end of DATA's reply for each message; {@link #dataReply} unless a test sets its own (a relay with a limit). */
    public volatile java.util.function.Supplier<String> dataReplies = () -> dataReply;
    public volatile long dataDelayMillis;
    public volatile boolean offerAuth;
    /** Sessions served at once; more are refused in the greeting. 0: no limit. */
    public volatile int maxSessions;

    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger peakServed = new AtomicInteger();
    private final AtomicInteger refusedInGreeting = new AtomicInteger();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger dataCommands = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> authLines = new CopyOnWriteArrayList<>();
    private volatile int port;
    private volatile ServerSocket server;
    private final java.util.Set<Socket> sessions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ScriptedSmtp(int port) {
        this.port = port;
    }

    /** Started on a free loopback port. */
    public static ScriptedSmtp start() throws IOException {
        ScriptedSmtp smtp = new ScriptedSmtp(0);
        smtp.listen();
        return smtp;
    }

    /** A server that is down (not listening) on a free port, until {@link #up()}. */
    public static ScriptedSmtp down() throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        return new ScriptedSmtp(free);
    }

    public int port() {
        return server != null ? server.getLocalPort() : port;
    }

    /** Starts listening (again) on the same port. */
    public synchronized void up() throws IOException {
        if (server == null) {
            listen();
        }
    }

    /** Goes down: new connections are refused, and the open ones are closed (a client keeping one finds it dead). */
    public synchronized void stopListening() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        dropConnections();
    }

    /** Closes the open connections (as a server timing out idle clients), still listening. */
    public void dropConnections() throws IOException {
        for (Socket session : sessions) {
            session.close();
        }
        sessions.clear();
    }

    private void listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = socket.getLocalPort(); // up() after stopListening() comes back on this same port
        server = socket;
        Thread accept = new Thread(() -> acceptLoop(socket), "scripted-smtp");
        accept.setDaemon(true);
        accept.start();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                sessions.add(client);
                Thread session = new Thread(() -> serve(client), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        int now = served.incrementAndGet();
        int limit = maxSessions;
        if (limit > 0 && now > limit) {
            served.decrementAndGet();
            refusedInGreeting.incrementAndGet();
            try (client; OutputStream out = client.getOutputStream()) {
                reply(out, "421 4.7.0 scripted.example too many connections, try again later");
            } catch (IOException e) {
                // the client went away
            } finally {
                sessions.remove(client);
            }
            return;
        }
        peakServed.accumulateAndGet(now, Math::max);
        try {
            converse(client);
        } finally {
            served.decrementAndGet();
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.ISO_8859_1)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 scripted.example ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-scripted.example\r\n250-8BITMIME\r\n" + (offerAuth ? "250-AUTH PLAIN LOGIN\r\n" : "")
                            + "250 SIZE 100000000");
                } else if (offerAuth && command.startsWith("AUTH")) {
                    authLines.add(line);
                    if (command.startsWith("AUTH LOGIN")) {
                        reply(out, "334 VXNlcm5hbWU6");
                        authLines.add(in.readLine());
                        reply(out, "334 UGFzc3dvcmQ6");
                        authLines.add(in.readLine());
                    } else if (command.trim().equals("AUTH PLAIN")) {
                        reply(out, "334 ");
                        authLines.add(in.readLine());
                    }
                    reply(out, "235 2.7.0 Authentication successful");
                } else if (command.startsWith("HELO")) {
                    reply(out, "250 scripted.example");
                } else if (command.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(out, "250 2.1.0 OK");
                } else if (command.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    String answer = rcptReply.apply(address);
                    if (answer.startsWith("2")) {
                        recipients.add(address);
                    }
                    reply(out, answer);
                } else if (command.equals("DATA")) {
                    reply(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line).append("\n");
                    }
                    if (line == null) {
                        return; // the client went away before the final dot: as a real server, keep nothing
                    }
                    dataCommands.incrementAndGet();
                    if (dataDelayMillis > 0) {
                        Thread.sleep(dataDelayMillis);
                    }
                    String answer = dataReplies.get();
                    if (answer.startsWith("2")) {
                        received.add(new Received(List.copyOf(recipients), data.toString()));
                    }
                    reply(out, answer);
                } else if (command.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else if (command.equals("RSET") || command.equals("NOOP")) {
                    reply(out, "250 OK");
                } else {
                    reply(out, "502 5.5.1 not implemented");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        } finally {
            sessions.remove(client);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Messages accepted (final reply 2xx). */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every line a client sent during AUTH (the command and its responses), in order. */
    public List<String> authLines() {
        return List.copyOf(authLines);
    }

    /** How many connections were accepted. */
    public int connections() {
        return connections.get();
    }

    /** The most sessions served at once (refused ones aside). */
    public int peakSessions() {
        return peakServed.get();
    }

    /** Connections refused in the greeting because {@link #maxSessions} were being served. */
    public int refusedInGreeting() {
        return refusedInGreeting.get();
    }

    /** How many times a message was transferred (DATA ended), whatever the reply. */
    public int dataCommands() {
        return dataCommands.get();
    }

    @Override
    public void close() throws IOException {
        stopListening();
    }
}
