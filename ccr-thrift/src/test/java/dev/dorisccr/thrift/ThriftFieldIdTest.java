package dev.dorisccr.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.thrift.gen.TBinlogType;
import dev.dorisccr.thrift.gen.TIngestBinlogStatus;
import dev.dorisccr.thrift.gen.TSnapshotType;
import dev.dorisccr.thrift.gen.TStatusCode;
import dev.dorisccr.thrift.gen.TSubTxnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.thrift.TFieldIdEnum;
import org.apache.thrift.TFieldRequirementType;
import org.apache.thrift.meta_data.FieldMetaData;
import org.apache.thrift.protocol.TType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field id, type and requiredness of the IDL subset, checked against the facts written
 * down from Doris (doris-protocol-facts.md sections 1-5). A wrong id silently breaks a real
 * cluster, so each struct's whole field set is compared, not only the fields we use.
 */
class ThriftFieldIdTest {
    /** Struct -> its fields as "id name type" with an optional " required". Types: thrift names. */
    private static final Map<String, List<String>> FACTS = new TreeMap<>();

    private static void fact(String struct, String... fields) {
        FACTS.put(struct, List.of(fields));
    }

    static {
        fact("TStatus", "1 status_code enum required", "2 error_msgs list");
        fact("TNetworkAddress", "1 hostname string required", "2 port i32 required");
        fact("TUniqueId", "1 hi i64 required", "2 lo i64 required");
        fact("TTabletCommitInfo", "1 tabletId i64 required", "2 backendId i64 required", "3 invalid_dict_cols list");
        fact("TBackend", "1 host string required", "2 be_port i32 required", "3 http_port i32 required",
                "4 brpc_port i32", "5 is_alive bool", "6 id i64");
        fact("TSubTxnInfo", "1 sub_txn_id i64", "2 table_id i64", "3 tablet_commit_infos list", "4 sub_txn_type enum");
        fact("TBinlog", "1 commit_seq i64", "2 timestamp i64", "3 type enum", "4 db_id i64", "5 table_ids list",
                "6 data string", "7 belong i64", "8 table_ref i64", "9 remove_enable_cache bool");
        fact("TGetMasterTokenRequest", "1 cluster string", "2 user string", "3 password string");
        fact("TGetMasterTokenResult", "1 status struct", "2 token string", "3 master_address struct");
        fact("TGetBinlogRequest", "1 cluster string", "2 user string", "3 passwd string", "4 db string",
                "5 table string", "6 table_id i64", "7 user_ip string", "8 token string", "9 prev_commit_seq i64",
                "10 num_acquired i64", "11 allow_follower_read bool");
        fact("TGetBinlogResult", "1 status struct", "2 next_commit_seq i64", "3 binlogs list", "4 fe_version string",
                "5 fe_meta_version i64", "6 master_address struct");
        fact("TGetBinlogLagResult", "1 status struct", "2 lag i64", "3 master_address struct",
                "4 first_commit_seq i64", "5 last_commit_seq i64", "6 first_binlog_timestamp i64",
                "7 last_binlog_timestamp i64", "8 next_commit_seq i64", "9 next_binlog_timestamp i64");
        fact("TLockBinlogRequest", "1 cluster string", "2 user string", "3 passwd string", "4 db string",
                "5 table string", "6 table_id i64", "7 token string", "8 job_unique_id string", "9 lock_commit_seq i64");
        fact("TLockBinlogResult", "1 status struct", "2 locked_commit_seq i64", "3 master_address struct");
        fact("TBeginTxnRequest", "1 cluster string", "2 user string", "3 passwd string", "4 db string",
                "5 table_ids list", "6 user_ip string", "7 label string", "8 auth_code i64", "9 timeout i64",
                "10 request_id struct", "11 token string", "12 backend_id i64", "13 sub_txn_num i64");
        fact("TBeginTxnResult", "1 status struct", "2 txn_id i64", "3 job_status string", "4 db_id i64",
                "5 master_address struct", "6 sub_txn_ids list");
        fact("TCommitTxnRequest", "1 cluster string", "2 user string", "3 passwd string", "4 db string",
                "5 user_ip string", "6 txn_id i64", "7 commit_infos list", "8 auth_code i64",
                "10 thrift_rpc_timeout_ms i64", "11 token string", "12 db_id i64", "13 txn_insert bool",
                "14 sub_txn_infos list", "15 only_commit bool");
        fact("TCommitTxnResult", "1 status struct", "2 master_address struct");
        fact("TRollbackTxnRequest", "1 cluster string", "2 user string", "3 passwd string", "4 db string",
                "5 user_ip string", "6 txn_id i64", "7 reason string", "9 auth_code i64", "11 token string",
                "12 db_id i64");
        fact("TRollbackTxnResult", "1 status struct", "2 master_address struct");
        fact("TGetSnapshotRequest", "1 cluster string", "2 user string", "3 passwd string", "4 db string",
                "5 table string", "6 token string", "7 label_name string", "8 snapshot_name string",
                "9 snapshot_type enum", "10 enable_compress bool");
        fact("TGetSnapshotResult", "1 status struct", "2 meta string", "3 job_info string", "4 master_address struct",
                "5 compressed bool", "6 expiredAt i64", "7 commit_seq i64");
        fact("TTableRef", "1 table string", "3 alias_name string");
        fact("TRestoreSnapshotRequest", "1 cluster string", "2 user string", "3 passwd string", "4 db string",
                "5 table string", "6 token string", "7 label_name string", "8 repo_name string", "9 table_refs list",
                "10 properties map", "11 meta string", "12 job_info string", "13 clean_tables bool",
                "14 clean_partitions bool", "15 atomic_restore bool", "16 compressed bool", "17 force_replace bool");
        fact("TRestoreSnapshotResult", "1 status struct", "2 master_address struct");
        fact("TGetMetaRequest", "1 cluster string", "2 user string", "3 passwd string", "4 user_ip string",
                "5 token string", "6 db struct");
        fact("TGetMetaDB", "1 id i64", "2 name string", "3 only_table_names bool", "4 tables list");
        fact("TGetMetaTable", "1 id i64", "2 name string", "3 in_trash bool", "4 partitions list");
        fact("TGetMetaPartition", "1 id i64", "2 name string", "3 key string", "4 range string", "5 is_temp bool",
                "6 indexes list");
        fact("TGetMetaIndex", "1 id i64", "2 name string", "3 tablets list");
        fact("TGetMetaTablet", "1 id i64", "2 replicas list");
        fact("TGetMetaReplica", "1 id i64");
        fact("TGetMetaResult", "1 status struct required", "2 db_meta struct", "3 master_address struct");
        fact("TGetMetaDBMeta", "1 id i64", "2 name string", "3 tables list", "4 dropped_partitions list",
                "5 dropped_tables list", "6 dropped_indexes list", "7 dropped_partition_map map",
                "8 dropped_table_map map", "9 dropped_index_map map");
        fact("TGetMetaTableMeta", "1 id i64", "2 name string", "3 in_trash bool", "4 partitions list", "5 type string");
        fact("TGetMetaPartitionMeta", "1 id i64", "2 name string", "3 key string", "4 range string",
                "5 visible_version i64", "6 is_temp bool", "7 indexes list");
        fact("TGetMetaIndexMeta", "1 id i64", "2 name string", "3 tablets list");
        fact("TGetMetaTabletMeta", "1 id i64", "2 replicas list");
        fact("TGetMetaReplicaMeta", "1 id i64", "2 backend_id i64", "3 version i64");
        fact("TGetBackendMetaRequest", "1 cluster string", "2 user string", "3 passwd string", "4 user_ip string",
                "5 token string", "6 backend_id i64");
        fact("TGetBackendMetaResult", "1 status struct required", "2 backends list", "3 master_address struct");
        fact("TIngestBinlogRequest", "1 txn_id i64", "2 remote_tablet_id i64", "3 binlog_version i64",
                "4 remote_host string", "5 remote_port string", "6 partition_id i64", "7 local_tablet_id i64",
                "8 load_id struct");
        fact("TIngestBinlogResult", "1 status struct", "2 is_async bool");
        fact("TQueryIngestBinlogRequest", "1 txn_id i64", "2 partition_id i64", "3 tablet_id i64", "4 load_id struct");
        fact("TQueryIngestBinlogResult", "1 status enum", "2 err_msg string");
    }

    static Stream<Arguments> structs() {
        return FACTS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structs")
    void structFieldsMatchDoris(String struct, List<String> expected) throws Exception {
        Class<?> c = Class.forName("dev.dorisccr.thrift.gen." + struct);
        @SuppressWarnings("unchecked")
        Map<? extends TFieldIdEnum, FieldMetaData> meta =
                (Map<? extends TFieldIdEnum, FieldMetaData>) c.getField("metaDataMap").get(null);
        List<String> actual = new ArrayList<>();
        meta.forEach((field, m) -> actual.add(field.getThriftFieldId() + " " + m.fieldName + " "
                + typeName(m.valueMetaData.type, m.valueMetaData.isBinary())
                + (m.requirementType == TFieldRequirementType.REQUIRED ? " required" : "")));
        actual.sort((a, b) -> Integer.compare(Integer.parseInt(a.split(" ")[0]), Integer.parseInt(b.split(" ")[0])));
        assertThat(actual).as(struct).containsExactlyElementsOf(expected);
    }

    private static String typeName(byte type, boolean binary) {
        switch (type) {
            case TType.BOOL: return "bool";
            case TType.I32: return "i32";
            case TType.I64: return "i64";
            case TType.STRING: return "string"; // binary is a string on the wire
            case TType.STRUCT: return "struct";
            case TType.LIST: return "list";
            case TType.MAP: return "map";
            case TType.ENUM: return "enum";
            default: return "type" + type;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    void enumNumbersMatchDoris(String name, int expected, int actual) {
        assertThat(actual).as(name).isEqualTo(expected);
    }

    static Stream<Arguments> enums() {
        List<Arguments> out = new ArrayList<>();
        Object[][] status = {{"OK", 0}, {"CANCELLED", 1}, {"ANALYSIS_ERROR", 2}, {"INTERNAL_ERROR", 6},
            {"THRIFT_RPC_ERROR", 7}, {"TIMEOUT", 8}, {"PUBLISH_TIMEOUT", 14}, {"LABEL_ALREADY_EXISTS", 15},
            {"NOT_FOUND", 31}, {"INVALID_ARGUMENT", 33}, {"NOT_AUTHORIZED", 38}, {"BINLOG_DISABLE", 60},
            {"BINLOG_TOO_OLD_COMMIT_SEQ", 61}, {"BINLOG_TOO_NEW_COMMIT_SEQ", 62}, {"BINLOG_NOT_FOUND_DB", 63},
            {"BINLOG_NOT_FOUND_TABLE", 64}, {"SNAPSHOT_NOT_EXIST", 70}, {"HTTP_ERROR", 71}, {"TABLET_MISSING", 72},
            {"NOT_MASTER", 73}, {"OBTAIN_LOCK_FAILED", 74}, {"SNAPSHOT_EXPIRED", 75}, {"DELETE_BITMAP_LOCK_ERROR", 100}};
        for (Object[] s : status) {
            out.add(Arguments.of("TStatusCode." + s[0], s[1], TStatusCode.valueOf((String) s[0]).getValue()));
        }
        String[] binlogTypes = {"UPSERT", "ADD_PARTITION", "CREATE_TABLE", "DROP_PARTITION", "DROP_TABLE", "ALTER_JOB",
            "MODIFY_TABLE_ADD_OR_DROP_COLUMNS", "DUMMY", "ALTER_DATABASE_PROPERTY", "MODIFY_TABLE_PROPERTY", "BARRIER",
            "MODIFY_PARTITIONS", "REPLACE_PARTITIONS", "TRUNCATE_TABLE", "RENAME_TABLE", "RENAME_COLUMN",
            "MODIFY_COMMENT", "MODIFY_VIEW_DEF", "REPLACE_TABLE", "MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES",
            "INDEX_CHANGE_JOB", "RENAME_ROLLUP", "RENAME_PARTITION", "DROP_ROLLUP", "RECOVER_INFO",
            "MODIFY_DISTRIBUTION_BUCKET_NUM", "MODIFY_DISTRIBUTION_TYPE", "MIN_UNKNOWN"};
        for (int i = 0; i < binlogTypes.length; i++) {
            out.add(Arguments.of("TBinlogType." + binlogTypes[i], i, TBinlogType.valueOf(binlogTypes[i]).getValue()));
        }
        String[] ingest = {"ANALYSIS_ERROR", "UNKNOWN", "NOT_FOUND", "OK", "FAILED", "DOING"};
        for (int i = 0; i < ingest.length; i++) {
            out.add(Arguments.of("TIngestBinlogStatus." + ingest[i], i, TIngestBinlogStatus.valueOf(ingest[i]).getValue()));
        }
        out.add(Arguments.of("TSnapshotType.REMOTE", 0, TSnapshotType.REMOTE.getValue()));
        out.add(Arguments.of("TSnapshotType.LOCAL", 1, TSnapshotType.LOCAL.getValue()));
        out.add(Arguments.of("TSubTxnType.INSERT", 0, TSubTxnType.INSERT.getValue()));
        out.add(Arguments.of("TSubTxnType.DELETE", 1, TSubTxnType.DELETE.getValue()));
        return out.stream();
    }
}
