package org.mailconsole.mail.connect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the protocol lines of a transcript, in order, and says where a message's content starts, so
 * that its body is counted instead of kept: SMTP after DATA and its 354 (until the lone dot), POP3
 * after RETR or TOP and its +OK (until the lone dot), and IMAP literals (a line ending in {n}: the
 * next n bytes) of FETCH answers and APPEND commands. Nothing else of the exchange is touched.
 */
final class MessageSpans {
    /** What the bytes after a line are. */
    enum Kind {
        /** Protocol lines as usual. */
        LINES,
        /** A message ended by a lone dot: its headers, then its body. */
        DOT_MESSAGE,
        /** A literal holding a whole message (or its first part): its headers, then its body. */
        LITERAL_MESSAGE,
        /** A literal holding only body (a part, the text, a later piece of a partial fetch). */
        LITERAL_BODY,
        /** Any other literal (header fields, a quoted value): kept, read as lines. */
        LITERAL_TEXT
    }

    /** What follows a line; {@code bytes} is a literal's length. */
    record Next(Kind kind, long bytes) {
        static final Next LINES = new Next(Kind.LINES, 0);
    }

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d{1,18})(\\+?)}$");
    private static final Pattern POP3_RETRIEVE = Pattern.compile("(?i)^(RETR|TOP) +\\d+.*");
    private static final Pattern REPLY = Pattern.compile("^\\d{3}[ -].*");
    /** The FETCH item a literal belongs to: BODY[section]<origin>, BINARY[...]<origin> or RFC822(.HEADER|.TEXT). */
    private static final Pattern FETCH_ITEM = Pattern.compile(
            "(?i)(?:(?:BODY|BINARY)(?:\\.PEEK)?\\[([^\\]]*)](?:<(\\d+)(?:\\.\\d+)?>)?|RFC822(\\.HEADER|\\.TEXT)?) *$");

    private enum Waiting { NOTHING, SMTP_354, POP3_OK, CONTINUATION }

    private Waiting waiting = Waiting.NOTHING;
    private Next afterContinuation = Next.LINES;
    /** Of the last literal: whether the server sent it, within a FETCH answer. */
    private boolean serverLiteral;
    private boolean fetchLiteral;

    /**
     * The line just written (without its line break) and what its following bytes are.
     *
     * @param afterLiteral the line is the rest of a line whose literal just ended (an answer may hold several)
     */
    Next after(String line, boolean afterLiteral) {
        switch (waiting) {
            case SMTP_354 -> {
                if (REPLY.matcher(line).matches()) {
                    waiting = Waiting.NOTHING;
                    return line.startsWith("354") ? new Next(Kind.DOT_MESSAGE, 0) : Next.LINES;
                }
                return Next.LINES; // a debug line between the command and its reply
            }
            case POP3_OK -> {
                if (line.startsWith("+OK") || line.startsWith("-ERR")) {
                    waiting = Waiting.NOTHING;
                    return line.startsWith("+OK") ? new Next(Kind.DOT_MESSAGE, 0) : Next.LINES;
                }
                return Next.LINES;
            }
            case CONTINUATION -> {
                // a client literal goes after the server's "+" (go ahead); anything else refused it
                if (line.startsWith("+")) {
                    waiting = Waiting.NOTHING;
                    return afterContinuation;
                }
                if (!line.startsWith("*")) {
                    waiting = Waiting.NOTHING;
                }
                return Next.LINES;
            }
            default -> {
                // reading the command below
            }
        }
        String command = line.trim();
        if (command.equalsIgnoreCase("DATA")) {
            waiting = Waiting.SMTP_354;
            return Next.LINES;
        }
        if (POP3_RETRIEVE.matcher(command).matches()) {
            waiting = Waiting.POP3_OK;
            return Next.LINES;
        }
        Matcher literal = LITERAL.matcher(line);
        if (!literal.find()) {
            return Next.LINES;
        }
        long bytes = Long.parseLong(literal.group(1));
        boolean server = afterLiteral ? serverLiteral : line.startsWith("* ");
        boolean fetch = afterLiteral ? fetchLiteral : line.toUpperCase(Locale.ROOT).contains(" FETCH ");
        serverLiteral = server;
        fetchLiteral = fetch;
        Next next = new Next(!server ? clientKind(line) : fetch ? fetchKind(line.substring(0, literal.start()))
                : Kind.LITERAL_TEXT, bytes);
        if (server || !literal.group(2).isEmpty()) { // a server's literal, or a client's LITERAL+ one, follows at once
            return next;
        }
        waiting = Waiting.CONTINUATION;
        afterContinuation = next;
        return Next.LINES;
    }

    private static Kind fetchKind(String before) {
        Matcher item = FETCH_ITEM.matcher(before);
        if (!item.find()) {
            return Kind.LITERAL_TEXT;
        }
        String rfc822 = item.group(3);
        if (item.group(0).toUpperCase(Locale.ROOT).startsWith("RFC822")) {
            return rfc822 == null ? Kind.LITERAL_MESSAGE
                    : rfc822.equalsIgnoreCase(".HEADER") ? Kind.LITERAL_TEXT : Kind.LITERAL_BODY;
        }
        String section = item.group(1).toUpperCase(Locale.ROOT);
        if (section.endsWith("HEADER") || section.contains("HEADER.FIELDS") || section.endsWith("MIME")) {
            return Kind.LITERAL_TEXT;
        }
        boolean fromStart = item.group(2) == null || Long.parseLong(item.group(2)) == 0;
        // a later piece of a partial fetch (Angus fetches 16 KB at a time) is past the headers
        return section.isEmpty() && fromStart ? Kind.LITERAL_MESSAGE : Kind.LITERAL_BODY;
    }

    private static Kind clientKind(String line) {
        return line.toUpperCase(Locale.ROOT).matches("^\\S+ +APPEND .*") ? Kind.LITERAL_MESSAGE : Kind.LITERAL_TEXT;
    }
}
