package org.mailconsole.mail.outbox;

import java.time.Duration;
import org.mailconsole.model.emaillog.AttemptResult;

/** What a {@link DeliveryWorker} tells its engine about its deliveries. */
interface WorkerFeedback {
    /**
     * The relay refused this worker's connection in its greeting and the message went back to the
     * Outbox unattempted; how long the worker waits before it connects again if it is not stopped.
     */
    Duration greetingRefused(DeliveryWorker worker, String greeting);

    /** An outcome was recorded under the worker's lease. */
    void recorded(AttemptResult result);
}
