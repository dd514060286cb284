/**
 * Errors: one root {@link dev.dorisccr.core.error.CcrException} with a required {@link
 * dev.dorisccr.core.error.ErrorCode}; retries are decided by {@link
 * dev.dorisccr.core.error.ErrorClassifier} only.
 *
 * <pre>{@code
 * throw new CcrException(ErrorCode.MALFORMED_BINLOG, "missing key tableId").with("commitSeq", 42);
 * }</pre>
 */
package dev.dorisccr.core.error;
