/**
 * Logging of the syncer process: the Go syncer's line format, rotation and escaping.
 *
 * <pre>{@code
 * LogSetup.configure(config);   // file (rotated) or stdout, from -log_filename / -log_level
 * try (var ignored = org.slf4j.MDC.putCloseable(JobHooksConverter.JOB_KEY, "ccr_test")) {
 *     log.info("full sync done");   // [2024-01-02 15:04:05.000] INFO full sync done ccrName=ccr_test
 * }
 * }</pre>
 */
package dev.dorisccr.server.logging;
