package dev.dorisccr.testkit.mysql;

/** A {@link QueryHandler} that also hears about session life-cycle events. */
public interface SessionAwareHandler extends QueryHandler {
    /** After authentication succeeded, before the first command. */
    default void onConnect(Session session) {
    }

    /** Once, when the connection ends for any reason. */
    default void onDisconnect(Session session) {
    }

    /**
     * A database is being selected (connect, {@code USE}, COM_INIT_DB). Answer an {@link
     * QueryResult.Error} (e.g. 1049) to refuse; anything else accepts.
     */
    default QueryResult onInitDb(Session session, String database) {
        return QueryResult.ok();
    }
}
