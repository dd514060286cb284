// The subset of Doris gensrc/thrift/Status.thrift that the CCR syncer reads.
// Written for this project from the team's protocol facts (doris-protocol-facts.md section 2);
// the numbers are Doris's and must never change. Codes not listed here decode as unknown.

namespace java dev.dorisccr.thrift.gen

enum TStatusCode {
    OK = 0,
    CANCELLED = 1,
    ANALYSIS_ERROR = 2,
    NOT_IMPLEMENTED_ERROR = 3,
    RUNTIME_ERROR = 4,
    MEM_LIMIT_EXCEEDED = 5,
    INTERNAL_ERROR = 6,
    THRIFT_RPC_ERROR = 7,
    TIMEOUT = 8,
    KUDU_NOT_ENABLED = 9,
    PUBLISH_TIMEOUT = 14,
    LABEL_ALREADY_EXISTS = 15,
    TOO_MANY_TASKS = 16,
    END_OF_FILE = 30,
    NOT_FOUND = 31,
    CORRUPTION = 32,
    INVALID_ARGUMENT = 33,
    IO_ERROR = 34,
    ALREADY_EXIST = 35,
    NETWORK_ERROR = 36,
    ILLEGAL_STATE = 37,
    NOT_AUTHORIZED = 38,
    ABORTED = 39,
    REMOTE_ERROR = 40,
    UNINITIALIZED = 42,
    CONFIGURATION_ERROR = 43,
    INCOMPLETE = 44,
    OLAP_ERR_VERSION_ALREADY_MERGED = 45,
    DATA_QUALITY_ERROR = 46,
    INVALID_JSON_PATH = 47,
    BINLOG_DISABLE = 60,
    BINLOG_TOO_OLD_COMMIT_SEQ = 61,
    BINLOG_TOO_NEW_COMMIT_SEQ = 62,
    BINLOG_NOT_FOUND_DB = 63,
    BINLOG_NOT_FOUND_TABLE = 64,
    SNAPSHOT_NOT_EXIST = 70,
    HTTP_ERROR = 71,
    TABLET_MISSING = 72,
    NOT_MASTER = 73,
    OBTAIN_LOCK_FAILED = 74,
    SNAPSHOT_EXPIRED = 75,
    DELETE_BITMAP_LOCK_ERROR = 100
}

struct TStatus {
    1: required TStatusCode status_code
    2: optional list<string> error_msgs
}
