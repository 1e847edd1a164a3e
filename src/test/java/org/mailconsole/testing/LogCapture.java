package org.mailconsole.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records everything this JVM logs while open: java.util.logging (where System.Logger goes)
 * at every level, and System.out/err, still passing it through. The embedded Jetty that hosts the
 * console in tests also logs through JUL (slf4j-jdk14); its DEBUG output is the container's wire
 * trace (request bytes included), which no admin runs in production, so it is kept at INFO.
 */
public final class LogCapture implements AutoCloseable {
    private final StringBuilder text = new StringBuilder();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final Logger root = Logger.getLogger("");
    private final Level originalLevel = root.getLevel();
    private final Logger container = Logger.getLogger("org.eclipse.jetty");
    private final Level originalContainerLevel = container.getLevel();
    private final Handler handler = new Handler() {
        private final Formatter formatter = new Formatter() {
            // The level, logger, message and stack trace, where a secret could show. Not
            // SimpleFormatter's date and calling class and method (found by walking the stack):
            // at Level.ALL they were most of what logging cost HostileInputIT (JFR), and they are
            // a clock and code names.
            @Override
            public String format(LogRecord record) {
                StringWriter line = new StringWriter();
                line.append(record.getLevel().getName()).append(' ').append(record.getLoggerName()).append(": ")
                        .append(formatMessage(record)).append('\n');
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(new PrintWriter(line));
                }
                return line.toString();
            }
        };

        @Override
        public void publish(LogRecord record) {
            String line = formatter.format(record);
            synchronized (text) {
                text.append(line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        container.setLevel(Level.INFO);
        System.setOut(tee(originalOut));
        System.setErr(tee(originalErr));
    }

    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(originalLevel);
        container.setLevel(originalContainerLevel);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                original.write(b);
                synchronized (text) {
                    line.write(b);
                    if (b == '\n') {
                        text.append(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    }
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
