package org.mailconsole.mail.outbox;

import java.io.IOException;

/**
 * What a message's final dot waits for. Once the server has the dot it owns the message; before it,
 * a dropped connection makes the server discard it. The sender's gate is the previous message's
 * outcome reaching the database, so a kill can leave at most one delivered message unrecorded.
 */
@FunctionalInterface
interface DotGate {
    DotGate OPEN = () -> { };

    /** Returns when the dot may go; throws (and the connection is dropped before the dot) when it must not. */
    void await() throws IOException;
}
