package dev.dorisccr.testkit.doris;

import java.util.List;

/** A tablet of one index of one partition, and its replicas (replica id, backend id). */
record SimTablet(long id, long indexId, List<Replica> replicas) {
    SimTablet {
        replicas = List.copyOf(replicas);
    }

    record Replica(long id, long backendId) {}
}
