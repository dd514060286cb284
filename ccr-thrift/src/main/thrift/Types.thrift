// The subset of Doris gensrc/thrift/Types.thrift that the CCR syncer sends or reads
// (doris-protocol-facts.md section 1). Field ids, types and requiredness as in Doris.

namespace java dev.dorisccr.thrift.gen

typedef i32 TPort

struct TNetworkAddress {
    1: required string hostname
    2: required i32 port
}

struct TUniqueId {
    1: required i64 hi
    2: required i64 lo
}

struct TTabletCommitInfo {
    1: required i64 tabletId
    2: required i64 backendId
    3: optional list<string> invalid_dict_cols
}

struct TBackend {
    1: required string host
    2: required TPort be_port
    3: required TPort http_port
    4: optional TPort brpc_port
    5: optional bool is_alive
    6: optional i64 id
}

enum TSubTxnType {
    INSERT = 0,
    DELETE = 1
}

struct TSubTxnInfo {
    1: optional i64 sub_txn_id
    2: optional i64 table_id
    3: optional list<TTabletCommitInfo> tablet_commit_infos
    4: optional TSubTxnType sub_txn_type
}
