package dev.dorisccr.testkit.doris;

import java.util.function.Supplier;

/**
 * The simulated cluster's state and its operations under one lock. Every entry point (RPC, SQL,
 * inspection) goes through {@link #locked}, which also publishes txns whose publish delay is over.
 */
final class ClusterCore {
    final SimState s;
    final CatalogOps catalog;
    final Txns txns;
    final DataOps data;
    final Backups backups;
    final Restores restores;
    final AlterJobs alterJobs;

    ClusterCore(SimState s, CatalogOps.SchemaText text) {
        this.s = s;
        this.catalog = new CatalogOps(s, text);
        this.txns = new Txns(s);
        this.data = new DataOps(s, txns, catalog);
        this.backups = new Backups(s);
        this.restores = new Restores(s);
        this.alterJobs = new AlterJobs(s, txns);
    }

    <T> T locked(Supplier<T> action) {
        synchronized (s) {
            txns.publishDue();
            alterJobs.advanceDue();
            return action.get();
        }
    }

    void run(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }
}
