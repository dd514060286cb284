/**
 * A command-level simulated world for the job engine: it answers {@link
 * dev.dorisccr.core.machine.JobCommand}s directly, to prove the state machine, the runner and the
 * facade against crashes and faults quickly and with many seeds.
 *
 * <pre>{@code
 * SimulatedWorld world = new SimulatedWorld(seed, 0.1);
 * world.append(0); // an upsert on the source
 * JobEvent answer = world.execute(command);
 * }</pre>
 */
package dev.dorisccr.testkit.engine;
