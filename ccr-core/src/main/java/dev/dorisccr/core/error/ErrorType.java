package dev.dorisccr.core.error;

/** Who is at fault for an error: decides how it is reported and whether a retry can help. */
public enum ErrorType {
    /** Bad input from the operator or the API caller: fix the request; retrying does not help. */
    USER,
    /** A bug or broken invariant in the syncer itself. */
    INTERNAL,
    /** A failure of something outside: a Doris FE/BE, the metadata store, the network. */
    EXTERNAL
}
