-- Issue 21. Portable SQL: HSQLDB 2.7 and PostgreSQL 12+.

-- Fallback account (fallbackAccountId, email-model.md section 7.3): the outbound account a message
-- goes through when this one cannot take it; NULL is none. The foreign key keeps an account that
-- another names from being deleted, even by a delete that races the naming account's save.
ALTER TABLE email_account ADD COLUMN fallback_account_id BIGINT;
ALTER TABLE email_account ADD CONSTRAINT email_account_fallback
    FOREIGN KEY (fallback_account_id) REFERENCES email_account (id);
