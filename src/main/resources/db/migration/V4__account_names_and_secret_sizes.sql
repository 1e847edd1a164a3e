-- Issue 8. Portable SQL: HSQLDB 2.7 and PostgreSQL 12+.

-- Sealed secrets: a secret of up to 2,000 characters (at most 3 UTF-8 bytes each) seals to at most
-- 8,043 characters ("v1:" + base64 of nonce, ciphertext and tag). Tokens from a token endpoint get more room.
ALTER TABLE email_account ALTER COLUMN password SET DATA TYPE VARCHAR(8192);
ALTER TABLE email_account ALTER COLUMN oauth_client_secret SET DATA TYPE VARCHAR(8192);
ALTER TABLE email_account ALTER COLUMN oauth_refresh_token SET DATA TYPE VARCHAR(32000);
ALTER TABLE email_account ALTER COLUMN oauth_access_token SET DATA TYPE VARCHAR(32000);
ALTER TABLE email_property ALTER COLUMN prop_value SET DATA TYPE VARCHAR(8192);

-- Account names are unique regardless of letter case. name_key holds LOWER(name); AccountStore sets it
-- in the same transaction as every insert and rename. Names that already clash (saved by concurrent
-- writers before this version) keep their first holder; the others get " (id)" appended.
UPDATE email_account SET name = SUBSTRING(name FROM 1 FOR 80) || ' (' || CAST(id AS VARCHAR(20)) || ')'
WHERE EXISTS (SELECT 1 FROM email_account earlier
              WHERE LOWER(earlier.name) = LOWER(email_account.name) AND earlier.id < email_account.id);
ALTER TABLE email_account ADD COLUMN name_key VARCHAR(100);
UPDATE email_account SET name_key = LOWER(name);
ALTER TABLE email_account ADD CONSTRAINT email_account_name_key_unique UNIQUE (name_key);
