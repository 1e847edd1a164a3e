package org.mailconsole.model;

import static org.mailconsole.model.PropertyType.BOOLEAN;
import static org.mailconsole.model.PropertyType.CHOICE;
import static org.mailconsole.model.PropertyType.EMAIL;
import static org.mailconsole.model.PropertyType.EMAIL_LIST;
import static org.mailconsole.model.PropertyType.HOST;
import static org.mailconsole.model.PropertyType.PORT;
import static org.mailconsole.model.PropertyType.POSITIVE_INTEGER;
import static org.mailconsole.model.PropertyType.SECONDS_LIST;
import static org.mailconsole.model.PropertyType.SECRET;
import static org.mailconsole.model.PropertyType.SMTP_CODE_LIST;
import static org.mailconsole.model.PropertyType.TEXT;
import static org.mailconsole.model.PropertyType.THROTTLE_CODE_LIST;
import static org.mailconsole.model.PropertyType.TIMEOUT_MS;
import static org.mailconsole.model.Section.INCOMING_SERVER;
import static org.mailconsole.model.Section.OUTBOUND;
import static org.mailconsole.model.Section.OUTGOING_SERVER;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every property of System Properties > Email (email-model.md section 1), in page order.
 * The page, the API and the effective configuration all read this one list.
 */
public final class PropertyCatalog {
    public static final String EMAIL_SERVER = "glide.email.server";
    public static final String SMTP_PORT = "glide.smtp.port";
    public static final String SMTP_ENCRYPTION = "glide.smtp.encryption";
    public static final String SMTP_AUTH = "glide.smtp.auth";
    public static final String EMAIL_USER = "glide.email.user";
    public static final String EMAIL_PASSWORD = "glide.email.user_password";
    public static final String EMAIL_DISPLAY_NAME = "glide.email.username";
    public static final String SMTP_CONNECT_TIMEOUT = "glide.smtp.connection_timeout";
    public static final String SMTP_READ_TIMEOUT = "glide.smtp.timeout";
    public static final String SENDING_ACTIVE = "glide.email.smtp.active";
    public static final String TEST_USER = "glide.email.test.user";
    public static final String DEFER_RETRY_CODES = "glide.smtp.defer_retry_ids";
    public static final String FAIL_CODES = "glide.smtp.fail_message_ids";
    public static final String DEFAULT_RETRY = "glide.smtp.default_retry";
    public static final String THROTTLE_CODES = "glide.smtp.throttle_codes";
    public static final String RETRY_BACKOFF = "glide.smtp.retry_backoff";
    public static final String LOG_RETENTION_DAYS = "glide.email.log.retention_days";
    public static final String MAX_SEND = "glide.email.smtp.max_send";
    public static final String MAX_RECIPIENTS = "glide.email.smtp.max_recipients";
    public static final String PRECEDENCE_BULK = "glide.smtp.precedence_bulk";
    public static final String READING_ACTIVE = "glide.email.read.active";
    public static final String POP3_SERVER = "glide.pop3.server";
    public static final String POP3_PORT = "glide.pop3.port";
    public static final String POP3_USER = "glide.pop3.user";
    public static final String POP3_PASSWORD = "glide.pop3.password";
    public static final String POP3_SECURE = "glide.pop3.secure";

    public static final String ENCRYPTION_NONE = "none";
    public static final String ENCRYPTION_STARTTLS = "starttls";
    public static final String ENCRYPTION_SSL = "ssl";

    private static final List<PropertyDef> ALL = List.of(
            def(EMAIL_SERVER, "Outgoing (SMTP) mail server", OUTGOING_SERVER, HOST, "",
                    "Host name or IP address of the SMTP server. Blank disables outgoing mail; "
                            + "also the incoming server when no POP3 server is set."),
            def(SMTP_PORT, "SMTP port", OUTGOING_SERVER, PORT, "25",
                    "Usually 25, 587 with STARTTLS, 465 with SSL/TLS."),
            new PropertyDef(SMTP_ENCRYPTION, "Connection security", OUTGOING_SERVER, CHOICE,
                    List.of(ENCRYPTION_NONE, ENCRYPTION_STARTTLS, ENCRYPTION_SSL), ENCRYPTION_NONE,
                    "None: plain text; STARTTLS: upgrade required (never falls back to plain text); "
                            + "SSL/TLS: TLS from the first byte."),
            def(SMTP_AUTH, "Authenticate with the SMTP server using the user name and password", OUTGOING_SERVER,
                    BOOLEAN, "false", "Log in with the user and password below."),
            def(EMAIL_USER, "User email used to log in to the SMTP server", OUTGOING_SERVER, EMAIL, "",
                    "For example helpdesk@example.com. Its part before @ is the POP3 account name "
                            + "when none is set."),
            def(EMAIL_PASSWORD, "Outgoing (SMTP) mail server password", OUTGOING_SERVER, SECRET, "",
                    "Also the POP3 password when none is set. Never shown back."),
            def(EMAIL_DISPLAY_NAME, "Outgoing email display name", OUTGOING_SERVER, TEXT, "",
                    "Display name on the From address."),
            def(SMTP_CONNECT_TIMEOUT, "Connect timeout (ms)", OUTGOING_SERVER, TIMEOUT_MS, "10000",
                    "How long to wait for the server to accept the connection."),
            def(SMTP_READ_TIMEOUT, "Read timeout (ms)", OUTGOING_SERVER, TIMEOUT_MS, "30000",
                    "How long to wait for each reply of the server."),

            def(SENDING_ACTIVE, "Email sending enabled", OUTBOUND, BOOLEAN, "true",
                    "Master switch. Off: nothing leaves; each message is logged as skipped."),
            def(TEST_USER, "Send all email to this test email address (non-production testing)", OUTBOUND,
                    EMAIL_LIST, "",
                    "Comma-separated addresses that receive every outbound message instead of its recipients. "
                            + "The test address wins: it is applied before the system address filter, which never "
                            + "blocks it."),
            def(DEFER_RETRY_CODES, "Resend email if the server returns these SMTP codes", OUTBOUND,
                    SMTP_CODE_LIST, "421,450,451,452", "Comma-separated three-digit SMTP reply codes."),
            def(FAIL_CODES, "Do not resend email if the server returns these SMTP codes", OUTBOUND,
                    SMTP_CODE_LIST, "500,501,502,503,504,550,551,552,553,554",
                    "Comma-separated three-digit SMTP reply codes."),
            def(DEFAULT_RETRY, "Resend email when the server returns an unknown SMTP code", OUTBOUND, BOOLEAN,
                    "true", "Codes in neither list above are retried when this is on."),
            def(THROTTLE_CODES, "Pause the account when the server answers with these codes (throttling)",
                    OUTBOUND, THROTTLE_CODE_LIST, "421,454,4.3.2,4.5.3,4.7.0,4.7.1",
                    "Comma-separated basic reply codes (421) or enhanced status codes (4.7.1). Such a reply to MAIL, "
                            + "RCPT or the end of DATA pauses the whole account (1 minute, doubling up to 30) and "
                            + "halves its connections; the message keeps its retry steps."),
            def(RETRY_BACKOFF, "Wait before each retry (seconds)", OUTBOUND, SECONDS_LIST,
                    "60,300,600,1200,2400,3600,7200",
                    "Comma-separated seconds: the n-th retry waits the n-th step; after the last step the message "
                            + "fails. With n steps a message is tried at most n + 1 times."),
            def(LOG_RETENTION_DAYS, "Keep the email log (days)", OUTBOUND, POSITIVE_INTEGER, "30",
                    "Sent, Failed and Skipped entries older than this are deleted; the Outbox never is."),
            def(MAX_SEND, "Emails sent per SMTP connection", OUTBOUND, POSITIVE_INTEGER, "100",
                    "A new connection is opened after this many messages."),
            def(MAX_RECIPIENTS, "Maximum recipients (To+Cc+Bcc) per email", OUTBOUND, POSITIVE_INTEGER, "100",
                    "Above it a message is split into several, each to a subset."),
            def(PRECEDENCE_BULK, "Add \"Precedence: bulk\" header", OUTBOUND, BOOLEAN, "false",
                    "Marks outbound mail as bulk (off by default: apps here send transactional mail)."),

            def(READING_ACTIVE, "Email receiving enabled", INCOMING_SERVER, BOOLEAN, "true",
                    "Master switch for every inbound account."),
            def(POP3_SERVER, "Incoming (POP3) mail server", INCOMING_SERVER, HOST, "",
                    "Blank: the outgoing (SMTP) mail server is used."),
            def(POP3_PORT, "POP3 port", INCOMING_SERVER, PORT, "",
                    "Blank: 110, or 995 with SSL."),
            def(POP3_USER, "POP3 account name", INCOMING_SERVER, TEXT, "",
                    "Blank: the part before @ of the SMTP user email."),
            def(POP3_PASSWORD, "POP3 password", INCOMING_SERVER, SECRET, "",
                    "Blank: the outgoing (SMTP) mail server password. Never shown back."),
            def(POP3_SECURE, "Connect to the POP3 server using SSL", INCOMING_SERVER, BOOLEAN, "false",
                    "Use TLS from the first byte (POP3S)."));

    private static final Map<String, PropertyDef> BY_NAME = index();

    private PropertyCatalog() {
    }

    public static List<PropertyDef> all() {
        return ALL;
    }

    public static Optional<PropertyDef> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static PropertyDef get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown property " + name));
    }

    private static PropertyDef def(String name, String label, Section section, PropertyType type,
                                   String defaultValue, String help) {
        return new PropertyDef(name, label, section, type, List.of(), defaultValue, help);
    }

    private static Map<String, PropertyDef> index() {
        Map<String, PropertyDef> map = new LinkedHashMap<>();
        for (PropertyDef def : ALL) {
            if (map.put(def.name(), def) != null) {
                throw new IllegalStateException("duplicate property " + def.name());
            }
        }
        return Map.copyOf(map);
    }
}
