package dev.dorisccr.testkit.replication;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.time.InstantSource;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension giving a test a started source and target {@link FakeDorisCluster} (real
 * Thrift, MySQL-protocol and BE HTTP servers on loopback, free ports) with ready {@link
 * ClusterSpec}s, closed after the test. On an instance field each test gets a new pair; on a static
 * field the test class shares one.
 *
 * <pre>{@code
 * @RegisterExtension
 * final DorisClusterPair clusters = DorisClusterPair.builder().backends(2).build();
 *
 * @Test
 * void replicates() {
 *     clusters.source().sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
 *     ... run the engine with clusters.sourceSpec() and clusters.targetSpec() ...
 *     clusters.assertDatabaseReplicated("shop", "shop");
 * }
 * }</pre>
 */
public final class DorisClusterPair implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final Builder settings;
    private FakeDorisCluster source;
    private FakeDorisCluster target;
    private boolean perClass;

    private DorisClusterPair(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The source cluster ("src"); only between the test's start and its end. */
    public FakeDorisCluster source() {
        return started(source);
    }

    /** The target cluster ("dst"). */
    public FakeDorisCluster target() {
        return started(target);
    }

    /** How a job reaches the source: its FE's MySQL and Thrift ports and credentials. */
    public ClusterSpec sourceSpec() {
        return spec(source());
    }

    /** How a job reaches the target. */
    public ClusterSpec targetSpec() {
        return spec(target());
    }

    /** The {@code /create_ccr} body of a job named {@code job} ({@code ""} tables for database jobs). */
    public String createCcrBody(String job, String srcDb, String srcTable, String dstDb, String dstTable) {
        return "{\"name\": \"" + job + "\", \"src\": " + source().createCcrEndpoint(srcDb, srcTable) + ", \"dest\": "
                + target().createCcrEndpoint(dstDb, dstTable) + "}";
    }

    /** {@link ReplicationAssertions#assertDatabaseReplicated} from source to target. */
    public void assertDatabaseReplicated(String srcDb, String dstDb) {
        ReplicationAssertions.assertDatabaseReplicated(source(), srcDb, target(), dstDb);
    }

    /** {@link ReplicationAssertions#assertTableReplicated} from source to target. */
    public void assertTableReplicated(String srcDb, String srcTable, String dstDb, String dstTable) {
        ReplicationAssertions.assertTableReplicated(source(), srcDb, srcTable, target(), dstDb, dstTable);
    }

    private static ClusterSpec spec(FakeDorisCluster c) {
        return ClusterSpec.of(c.host(), c.mysqlPort(), c.masterThriftPort(), c.user(), c.password());
    }

    private static FakeDorisCluster started(FakeDorisCluster c) {
        if (c == null) {
            throw new IllegalStateException("the cluster pair runs only during a test: register it with"
                    + " @RegisterExtension and use it from a test or a @BeforeEach method");
        }
        return c;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass) {
            stop();
        }
    }

    private void start() {
        FakeDorisCluster s = settings.configure(FakeDorisCluster.builder().name("src"), settings.source)
                .build().start();
        try {
            target = settings.configure(FakeDorisCluster.builder().name("dst"), settings.target).build().start();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        source = s;
    }

    private void stop() {
        FakeDorisCluster s = source;
        FakeDorisCluster t = target;
        source = null;
        target = null;
        try {
            if (t != null) {
                t.close();
            }
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }

    /** Settings of both clusters; each cluster's own settings apply last. */
    public static final class Builder {
        private int backends = 1;
        private InstantSource clock;
        private UnaryOperator<FakeDorisCluster.Builder> source = b -> b;
        private UnaryOperator<FakeDorisCluster.Builder> target = b -> b;

        private Builder() {}

        /** Backends per cluster (default 1). */
        public Builder backends(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("backends must be >= 1: " + n);
            }
            this.backends = n;
            return this;
        }

        /** The clock both clusters follow (publish delays, binlog TTLs); default the system clock. */
        public Builder clock(InstantSource c) {
            this.clock = requireNonNull(c, "clock is null");
            return this;
        }

        /** More settings of the source cluster (version, follower, faults seed, ...). */
        public Builder source(UnaryOperator<FakeDorisCluster.Builder> s) {
            this.source = requireNonNull(s, "source is null");
            return this;
        }

        /** More settings of the target cluster. */
        public Builder target(UnaryOperator<FakeDorisCluster.Builder> t) {
            this.target = requireNonNull(t, "target is null");
            return this;
        }

        public DorisClusterPair build() {
            return new DorisClusterPair(this);
        }

        private FakeDorisCluster.Builder configure(FakeDorisCluster.Builder b,
                UnaryOperator<FakeDorisCluster.Builder> own) {
            b.backends(backends);
            if (clock != null) {
                b.clock(clock);
            }
            return requireNonNull(own.apply(b), "a cluster setting returned null");
        }
    }
}
