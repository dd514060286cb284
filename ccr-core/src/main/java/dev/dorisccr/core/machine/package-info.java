/**
 * The job machine and its runner (implementation, not exported: docs/embedding.md, section 8).
 * {@link dev.dorisccr.core.machine.JobMachine} is a pure function (state, event, now) to (state,
 * checkpoint?, command), with no I/O; {@link dev.dorisccr.core.machine.JobRunner} drives one
 * machine on the shared scheduler: checkpoint, then command, then the next event; a {@link
 * dev.dorisccr.core.machine.CommandExecutor} carries the commands out.
 *
 * <pre>{@code
 * JobMachine.Transition t = machine.on(state, event, nowSeconds); // t.checkpoint(): persist t.state() first
 * JobRunner runner = new JobRunner(name, machine, progress, executor, ...);
 * }</pre>
 */
package dev.dorisccr.core.machine;
