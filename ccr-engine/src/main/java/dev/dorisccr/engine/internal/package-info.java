/**
 * Internal: how {@link dev.dorisccr.engine.CcrEngine} is put together (the scheduler over a
 * {@code ScheduledExecutorService}, the listener that watches the jobs for health and
 * {@code awaitCaughtUp}). Public only for {@code ccr-server}; not API, may change in any release.
 */
package dev.dorisccr.engine.internal;
