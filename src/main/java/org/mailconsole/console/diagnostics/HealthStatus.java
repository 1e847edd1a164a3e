package org.mailconsole.console.diagnostics;

/** The state of one health check, and of them all. */
public enum HealthStatus { UP, DOWN }
