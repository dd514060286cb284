// The CCR part of Doris gensrc/thrift/BackendService.thrift (doris-protocol-facts.md
// section 5): ingest_binlog and query_ingest_binlog. Ids 1-8 of TIngestBinlogRequest are
// optional in Doris. TIngestBinlogStatus has no explicit numbers in Doris, so its implicit
// ordinals (0..5) are written out here.

namespace java dev.dorisccr.thrift.gen

include "Status.thrift"
include "Types.thrift"

struct TIngestBinlogRequest {
    1: optional i64 txn_id
    2: optional i64 remote_tablet_id
    3: optional i64 binlog_version
    4: optional string remote_host
    5: optional string remote_port
    6: optional i64 partition_id
    7: optional i64 local_tablet_id
    8: optional Types.TUniqueId load_id
}

struct TIngestBinlogResult {
    1: optional Status.TStatus status
    2: optional bool is_async
}

struct TQueryIngestBinlogRequest {
    1: optional i64 txn_id
    2: optional i64 partition_id
    3: optional i64 tablet_id
    4: optional Types.TUniqueId load_id
}

enum TIngestBinlogStatus {
    ANALYSIS_ERROR = 0,
    UNKNOWN = 1,
    NOT_FOUND = 2,
    OK = 3,
    FAILED = 4,
    DOING = 5
}

struct TQueryIngestBinlogResult {
    1: optional TIngestBinlogStatus status
    2: optional string err_msg
}

service BackendService {
    TIngestBinlogResult ingest_binlog(1: TIngestBinlogRequest ingest_binlog_request)
    TQueryIngestBinlogResult query_ingest_binlog(1: TQueryIngestBinlogRequest query_ingest_binlog_request)
}
