package org.mailconsole.mail.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The engine's running workers, grown or shrunk to the connections allowed. A worker asked to
 * stop finishes its message and records its outcome first, so a smaller pool drops nothing; its
 * thread is kept until it has ended, for {@link #stopAll}.
 */
final class WorkerPool {
    private record Running(DeliveryWorker worker, Thread thread) {
    }

    private final IntFunction<DeliveryWorker> workers;
    private final BiFunction<DeliveryWorker, Integer, Thread> threads;
    private final List<Running> active = new ArrayList<>();
    private final List<Thread> stopping = new ArrayList<>();
    private int started;

    /**
     * @param workers a new worker for a number never used before in this pool (it names its lease owner)
     * @param threads a thread, not yet started, that runs the worker of that number
     */
    WorkerPool(IntFunction<DeliveryWorker> workers, BiFunction<DeliveryWorker, Integer, Thread> threads) {
        this.workers = workers;
        this.threads = threads;
    }

    /** Starts or stops workers until {@code target} are active; the newest stop first. */
    synchronized void resize(int target) {
        active.removeIf(r -> !r.thread().isAlive());
        stopping.removeIf(t -> !t.isAlive());
        while (active.size() < target) {
            int number = started++;
            DeliveryWorker worker = workers.apply(number);
            Thread thread = threads.apply(worker, number);
            active.add(new Running(worker, thread));
            thread.start();
        }
        while (active.size() > target) {
            retire(active.get(active.size() - 1));
        }
    }

    /** Stops this worker if more than {@code target} are active; whether it was stopped. */
    synchronized boolean shrinkBy(DeliveryWorker worker, int target) {
        if (active.size() <= target) {
            return false;
        }
        for (Running running : active) {
            if (running.worker() == worker) {
                retire(running);
                return true;
            }
        }
        return false;
    }

    synchronized int size() {
        return active.size();
    }

    /** Whether every active worker's thread is alive (and there is one). */
    synchronized boolean running() {
        return !active.isEmpty() && active.stream().allMatch(r -> r.thread().isAlive());
    }

    /** Asks every worker to stop; the threads to wait for (stopped earlier ones that are still finishing too). */
    synchronized List<Thread> stopAll() {
        List<Thread> all = new ArrayList<>(stopping);
        for (Running running : active) {
            running.worker().stop();
            all.add(running.thread());
        }
        active.clear();
        stopping.clear();
        return all;
    }

    private void retire(Running running) {
        running.worker().stop();
        active.remove(running);
        stopping.add(running.thread());
    }
}
