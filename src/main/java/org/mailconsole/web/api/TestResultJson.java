package org.mailconsole.web.api;

import org.mailconsole.console.AccountConnections;

/** The answer of POST /accounts/{id}/test; transcriptId links the kept transcript (debug logging on). */
public record TestResultJson(boolean ok, String message, long elapsedMs, String transcript, Long transcriptId) {
    static TestResultJson of(AccountConnections.TestOutcome outcome) {
        return new TestResultJson(outcome.result().ok(), outcome.result().message(), outcome.result().elapsedMs(),
                outcome.result().transcript(), outcome.transcriptId());
    }
}
