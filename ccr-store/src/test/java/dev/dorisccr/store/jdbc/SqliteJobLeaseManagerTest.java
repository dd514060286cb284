package dev.dorisccr.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobLeaseManagerTest extends AbstractJdbcJobLeaseManagerContractTest {
    @TempDir
    Path dir;

    @Override
    TestBackend newBackend() {
        return TestBackend.sqlite(dir);
    }
}
