-- email_count (a row per state) changes with every message, three times. In an HSQLDB CACHED table
-- each change rewrites the row in the .data file and leaves a small free block behind; every
-- larger row written later then makes HSQLDB compact and re-sort its free-block list (with 256 KB of
-- fresh arrays each time), which was most of what the Outbox allocated. A MEMORY table is kept in
-- memory and, like every table, in the log: as durable, and off the data file. PostgreSQL: nothing.
${email_count_in_memory};
