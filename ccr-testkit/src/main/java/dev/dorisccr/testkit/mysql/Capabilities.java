package dev.dorisccr.testkit.mysql;

/** Capability flags of the MySQL client/server protocol that this server looks at. */
final class Capabilities {
    static final int LONG_PASSWORD = 0x1;
    static final int FOUND_ROWS = 0x2;
    static final int LONG_FLAG = 0x4;
    static final int CONNECT_WITH_DB = 0x8;
    static final int PROTOCOL_41 = 0x200;
    static final int SSL = 0x800;
    static final int TRANSACTIONS = 0x2000;
    static final int SECURE_CONNECTION = 0x8000;
    static final int MULTI_RESULTS = 0x20000;
    static final int PLUGIN_AUTH = 0x80000;
    static final int CONNECT_ATTRS = 0x100000;
    static final int PLUGIN_AUTH_LENENC_CLIENT_DATA = 0x200000;
    static final int DEPRECATE_EOF = 0x1000000;

    /** What the server offers. SSL and multi-statements are deliberately absent. */
    static final int SERVER = LONG_PASSWORD | FOUND_ROWS | LONG_FLAG | CONNECT_WITH_DB
            | PROTOCOL_41 | TRANSACTIONS | SECURE_CONNECTION | MULTI_RESULTS | PLUGIN_AUTH
            | CONNECT_ATTRS | PLUGIN_AUTH_LENENC_CLIENT_DATA | DEPRECATE_EOF;

    static final int STATUS_AUTOCOMMIT = 0x0002;

    private Capabilities() {
    }
}
