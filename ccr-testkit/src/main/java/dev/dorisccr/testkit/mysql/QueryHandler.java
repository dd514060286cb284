package dev.dorisccr.testkit.mysql;

/**
 * Answers one statement. Called on the connection's thread, one statement at a time per session,
 * but concurrently across sessions. The statement has leading comments, surrounding whitespace
 * and a trailing {@code ;} removed. Throwing a runtime exception answers ERR 1105.
 */
@FunctionalInterface
public interface QueryHandler {
    QueryResult handle(Session session, String sql);
}
