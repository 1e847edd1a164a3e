-- Issue 20. Portable SQL: HSQLDB 2.7 and PostgreSQL 12+.

-- Connections (maxConnections, email-model.md section 7): how many connections the delivery engine
-- keeps to an outbound account's relay at once. Every account gets the default, the built-in
-- Default SMTP included (a delivery setting, not a connection value: it is kept in its own row).
ALTER TABLE email_account ADD COLUMN max_connections INTEGER DEFAULT 4 NOT NULL;
