package dev.dorisccr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.binlog.BinlogDecoder;
import dev.dorisccr.core.binlog.BinlogType;
import dev.dorisccr.core.binlog.DecodeResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Binlog decode against a bare Jackson tree parse of the same payload, on one thread: a small
 * UPSERT (one table, one partition, one index), the shape the simulator and Doris 2.1 write.
 * Run with {@code scripts/bench.sh decode} (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DecodeBenchmark {
    /** A small UPSERT payload as the FE writes it (field names and order of Doris's UpsertRecord). */
    static final String SMALL_UPSERT = "{\"commitSeq\":12345,\"txnId\":67890,\"timeStamp\":1764590000000,"
            + "\"label\":\"insert_8f2c1e0b7a6d4c3b_9e8d7c6b5a493827\",\"dbId\":10001,\"tableRecords\":{\"10002\":"
            + "{\"partitionRecords\":[{\"partitionId\":10003,\"range\":\"[types: [INT]; keys: [-2147483648]; ..types:"
            + " [INT]; keys: [100]; )\",\"version\":42,\"isTempPartition\":false,\"stid\":-1}],\"indexIds\":[10004]}},"
            + "\"stids\":[]}";

    private final BinlogDecoder decoder = new BinlogDecoder();
    private final ObjectMapper jackson = new ObjectMapper();

    @Benchmark
    public DecodeResult decodeUpsert() {
        return decoder.decode(BinlogType.UPSERT, SMALL_UPSERT);
    }

    @Benchmark
    public JsonNode bareJacksonTree() throws Exception {
        return jackson.readTree(SMALL_UPSERT);
    }
}
