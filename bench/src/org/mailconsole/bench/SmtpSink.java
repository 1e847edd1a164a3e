package org.mailconsole.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server on loopback that accepts and discards every message (ESMTP: EHLO, MAIL,
 * RCPT, DATA, RSET, NOOP, QUIT). It counts messages; it stops when closed.
 */
final class SmtpSink implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong messages = new AtomicLong();
    /** How long the sink waits before its final reply to each message (a slow server). */
    volatile long delayMillis;

    SmtpSink() throws IOException {
        this(0);
    }

    /** On this port (0: any free one). */
    SmtpSink(int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        threads.execute(this::accept);
    }

    /** A free loopback port, for a sink started later. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    long messages() {
        return messages.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = client.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            for (String line; (line = in.readLine()) != null; ) {
                String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 PIPELINING");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                            // discarded
                        }
                        if (delayMillis > 0) {
                            try {
                                Thread.sleep(delayMillis);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        messages.incrementAndGet();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
