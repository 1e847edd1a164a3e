package org.mailconsole.mail.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The shared core's meters (email-model.md section 10), in one registry that feeds both the
 * Prometheus text of {@code /metrics} and standard MBeans under {@link #JMX_DOMAIN} on the platform
 * MBean server. It lives as long as its {@code SharedEngine}: {@link #close()} unregisters the MBeans,
 * so a console redeployed in place leaves none behind. It starts no thread.
 */
public final class MailMetrics implements AutoCloseable {
    public static final String JMX_DOMAIN = "org.mailconsole";
    /** The content type of the Prometheus text exposition format this registry writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JmxMeterRegistry jmx = new JmxMeterRegistry(new JmxConfig() {
        @Override
        public String get(String key) {
            return null; // every other setting at its default
        }

        @Override
        public String domain() {
            return JMX_DOMAIN;
        }
    }, Clock.SYSTEM);
    private final CompositeMeterRegistry registry = new CompositeMeterRegistry(Clock.SYSTEM, List.of(prometheus, jmx));
    private volatile Runnable beforeScrape = () -> { };

    /** Where the core's meters are registered. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Runs before each scrape (the gauges name their per-account rows anew). */
    public void beforeScrape(Runnable task) {
        this.beforeScrape = task;
    }

    /** Every meter in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        beforeScrape.run();
        return prometheus.scrape();
    }

    @Override
    public void close() {
        registry.close();
        jmx.close(); // stops its reporter: every MBean it registered is unregistered
        prometheus.close();
    }
}
