/**
 * The syncer as an operating-system process: its pid file and {@code --daemon} start.
 *
 * <pre>{@code
 * try (PidFile pid = PidFile.claim(dir.resolve("127.0.0.1_9190.pid"))) {  // refuses a live owner
 *     pid.write();
 *     ... // serve until stopped; close() removes the file
 * }
 * }</pre>
 */
package dev.dorisccr.server.process;
