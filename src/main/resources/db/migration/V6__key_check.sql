-- The key file must be the same on every node (and every start) of one database. At the first start
-- a known text sealed with the key file is stored here; every later start opens it with its own key
-- file and refuses to start if it cannot (KeyCheck). Portable SQL: HSQLDB 2.7 and PostgreSQL 12+.
CREATE TABLE key_check (
    id         INTEGER       NOT NULL PRIMARY KEY,
    sealed     VARCHAR(500)  NOT NULL,
    created_at TIMESTAMP     NOT NULL
);
