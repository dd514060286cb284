/**
 * Full-sync snapshot documents: the backup's {@code job_info} and the {@code extra_info} the target
 * needs to pull files from the source BEs.
 *
 * <pre>{@code
 * JobInfo info = JobInfo.parse(result.jobInfo(), result.compressed());
 * byte[] send = info.withExtraInfo(sourceBackends, hostMapping, masterToken).toBytes(true);
 * }</pre>
 */
package dev.dorisccr.core.snapshot;
