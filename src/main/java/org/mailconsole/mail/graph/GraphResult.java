package org.mailconsole.mail.graph;

import java.time.Duration;

/**
 * What Graph made of one sendMail, before the engine's rules decide what follows (email-model.md
 * section 8).
 *
 * @param kind       the class of the answer
 * @param status     the HTTP status; null when no answer came (connection failure)
 * @param reply      Graph's error code and message ("202 Accepted" when sent), or the failure named
 * @param retryAfter how long Graph asked to wait (429, 503 with Retry-After); null otherwise
 * @param transcriptId the kept debug transcript of the exchanges, when the account records one; else null
 */
public record GraphResult(Kind kind, Integer status, String reply, Duration retryAfter, Long transcriptId) {

    public GraphResult(Kind kind, Integer status, String reply, Duration retryAfter) {
        this(kind, status, reply, retryAfter, null);
    }

    GraphResult withTranscript(Long id) {
        return new GraphResult(kind, status, reply, retryAfter, id);
    }

    public enum Kind {
        /** 202: Graph took the message. */
        SENT,
        /** 429, or 503 with Retry-After: wait what Graph says, then again. */
        THROTTLED,
        /** 401 after a fresh token, 403, no token: the account cannot send (deferred; fallback-eligible). */
        ACCOUNT_FAILURE,
        /** 5xx or no answer: deferred by the back-off. */
        DEFERRED,
        /** Any other 4xx, or a message Graph cannot take (over 3 MB): failed for good. */
        FAILED
    }
}
