/**
 * The replication core: the job model and its state machine, the binlog decoder, DDL rewriting,
 * the sync phases and the ports ({@code spi}) that adapters implement.
 *
 * <p>Embedders use the exported packages, which hold only the public API: {@code spi} (the ports:
 * clusters, metadata store, scheduler), {@code job} (job specs, options, progress, listener),
 * {@code syncer} (the job service and its results), {@code error} and {@code verify}; the job
 * machine and runner ({@code machine}), the job service ({@code service}) and the JSON forms
 * ({@code json}) are implementation. The engine's front door is
 * {@code dev.dorisccr.engine.CcrEngine} (module {@code dev.dorisccr.engine}). The other packages
 * are the implementation, exported only to the project's own modules: they may change in any
 * release. docs/embedding.md lists both; {@code ModuleDescriptorTest} checks this file against it.
 */
module dev.dorisccr.core {
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    exports dev.dorisccr.core.error;
    exports dev.dorisccr.core.job;
    exports dev.dorisccr.core.spi;
    exports dev.dorisccr.core.syncer;
    exports dev.dorisccr.core.verify;

    // the implementation: for the project's own modules only
    exports dev.dorisccr.core to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.binlog to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.ddl to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.ddl.lex to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.ddl.render to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.ddl.rewrite to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.ha to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.json to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.machine to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.mapping to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.meta to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.migrate to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.service to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.snapshot to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
    exports dev.dorisccr.core.sync to
            dev.dorisccr.engine, dev.dorisccr.server, dev.dorisccr.thrift, dev.dorisccr.store,
            dev.dorisccr.testkit, dev.dorisccr.bench;
}
