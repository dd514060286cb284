/**
 * Internal: the Micrometer binding of the engine (per-job meters fed by a {@code JobListener}, a
 * timed metadata store). Public only so that {@code ccr-server} can reuse it; not API, may change
 * in any release. Embedders pass a {@code MeterRegistry} to
 * {@link dev.dorisccr.engine.CcrEngine.Builder#meterRegistry(io.micrometer.core.instrument.MeterRegistry)} instead.
 */
package dev.dorisccr.engine.internal.metrics;
