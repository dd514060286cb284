package dev.dorisccr.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
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
 * Binlog decode against a bare Jackson tree parse and a bare streaming pass of the same payload,
 * and the decoder (scanner, then streaming reader) against the decoder without the scanner and its
 * tree path, on one thread: a small
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

    /** The input, read from a field that is not final so the JIT cannot fold it as a constant. */
    private String payload = SMALL_UPSERT;

    private final BinlogDecoder decoder = new BinlogDecoder();
    private final BinlogDecoder withoutScanner = BinlogDecoder.withoutUpsertScanner();
    private final BinlogDecoder treeOnly = BinlogDecoder.treeOnly();
    private final ObjectMapper jackson = new ObjectMapper();
    private final JsonFactory streaming = new JsonFactory();

    /** The decoder as the fetch step runs it (the UPSERT scanner, which decodes the FE's form). */
    @Benchmark
    public DecodeResult decodeUpsert() {
        return decoder.decode(BinlogType.UPSERT, payload);
    }

    /** The decoder without the scanner (the streaming fast path): the decoder before the scanner. */
    @Benchmark
    public DecodeResult decodeUpsertStreamingPath() {
        return withoutScanner.decode(BinlogType.UPSERT, payload);
    }

    /** The decoder's tree path alone: the decoder before the fast path, the "before" figure. */
    @Benchmark
    public DecodeResult decodeUpsertTreePath() {
        return treeOnly.decode(BinlogType.UPSERT, payload);
    }

    /** A bare streaming pass over the same text: every token read, nothing built. */
    @Benchmark
    public long bareJacksonStreaming() throws Exception {
        long n = 0;
        try (JsonParser p = streaming.createParser(payload)) {
            while (p.nextToken() != null) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public JsonNode bareJacksonTree() throws Exception {
        return jackson.readTree(payload);
    }
}
