package org.mailconsole.model.emaillog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the log's records refuse, and the states that follow from what they hold. */
class RecordsByNameTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void anAttemptsStateFollowsFromItsOutcome() {
        assertEquals(EmailState.SENT, attempt(Outcome.PARTIAL).build().state());
        assertEquals(EmailState.SEND_FAILED, attempt(Outcome.FAILED).build().state());
        assertEquals(EmailState.SEND_IGNORED, attempt(Outcome.SKIPPED).build().state());
        assertEquals(EmailState.SEND_READY, attempt(Outcome.DEFERRED).nextAttemptAt(AT.plusSeconds(60)).build().state());
    }

    @Test
    void aDeferredAttemptNamesItsNextAttemptAndNoOtherDoes() {
        // a deferred message without a next time would stay in the Outbox and never be due
        assertThrows(IllegalArgumentException.class, () -> attempt(Outcome.DEFERRED).build());
        assertThrows(IllegalArgumentException.class, () -> attempt(Outcome.SENT).nextAttemptAt(AT).build());
        assertThrows(NullPointerException.class, () -> AttemptResult.builder().at(AT).build());
    }

    @Test
    void toBuilderKeepsEveryField() {
        AttemptResult result = attempt(Outcome.PARTIAL).reply(250, "250 ok").reason("1 refused")
                .recipients(List.of("a@x.example", "b@x.example"))
                .refused(List.of(new RecipientNote("b@x.example", "550 no"))).account(7L, "Relay").transcriptId(9L)
                .build();
        assertEquals(result, result.toBuilder().build());
    }

    @Test
    void aNewEmailWithItsMimeIsInTheOutboxAndOneWithoutIsSkippedWithItsReason() {
        NewEmail.Builder email = NewEmail.builder().createdAt(AT).subject("s").recipients(List.of("a@x.example"));
        assertEquals(EmailState.SEND_READY, email.mime(new byte[] {1}).build().state());
        assertEquals(EmailState.SEND_IGNORED, email.mime(null).reason("sending off").build().state());
        assertThrows(IllegalArgumentException.class, () -> email.mime(null).reason(null).build());
        assertThrows(IllegalArgumentException.class, () -> NewEmail.builder().mime(new byte[] {1}).build());
    }

    private static AttemptResult.Builder attempt(Outcome outcome) {
        return AttemptResult.builder().at(AT).outcome(outcome);
    }
}
