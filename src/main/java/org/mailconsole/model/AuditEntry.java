package org.mailconsole.model;

import java.time.Instant;

/** One recorded change: who changed what, when, from which value to which (secrets as "changed"). */
public record AuditEntry(Instant at, String actor, String subject, String field, String oldValue, String newValue) {
}
