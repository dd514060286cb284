/**
 * Time under the test's control: {@link dev.dorisccr.testkit.time.ManualScheduler} is both the
 * engine's {@code Scheduler} and its {@code InstantSource}; tasks run when the test advances time.
 *
 * <pre>{@code
 * ManualScheduler time = new ManualScheduler();
 * runner = new JobRunner(..., time, time);
 * time.runFor(Duration.ofMinutes(1));
 * }</pre>
 */
package dev.dorisccr.testkit.time;
