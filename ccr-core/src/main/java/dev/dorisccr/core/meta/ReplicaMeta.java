package dev.dorisccr.core.meta;

/** A replica of a tablet: on which BE, at which visible version. */
public record ReplicaMeta(long id, long backendId, long version) {}
