package dev.dorisccr.testkit.mysql;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client connection: handshake, authentication, then the command loop. */
final class ClientConnection implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private static final int COM_QUIT = 0x01;
    private static final int COM_INIT_DB = 0x02;
    private static final int COM_QUERY = 0x03;
    private static final int COM_FIELD_LIST = 0x04;
    private static final int COM_PING = 0x0E;
    private static final int COM_RESET_CONNECTION = 0x1F;
    private static final int HEADER_OK = 0x00;
    private static final int HEADER_EOF = 0xFE;
    private static final int HEADER_ERR = 0xFF;

    private final MysqlProtocolServer server;
    private final Socket socket;
    private final long id;
    private final byte[] salt;
    private PacketChannel channel;
    private int clientFlags;
    private Session session;

    ClientConnection(MysqlProtocolServer server, Socket socket, long id, byte[] salt) {
        this.server = server;
        this.socket = socket;
        this.id = id;
        this.salt = salt.clone();
    }

    /** Closes the socket; the connection's thread then ends. Safe from any thread. */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("connection {}: closing the socket failed: {}", id, e.toString());
        }
    }

    @Override
    public void run() {
        try (Socket s = socket) {
            s.setTcpNoDelay(true);
            channel = new PacketChannel(new BufferedInputStream(s.getInputStream()),
                    new BufferedOutputStream(s.getOutputStream()), server.maxPacketSize());
            serve();
        } catch (EOFException e) {
            log.debug("connection {}: client went away ({})", id, e.getMessage());
        } catch (SocketException e) {
            log.debug("connection {}: socket closed ({})", id, e.getMessage());
        } catch (IOException e) {
            log.info("connection {}: I/O error ends the session: {}", id, e.toString());
        } finally {
            if (session != null) {
                server.handler().ifPresent(h -> h.onDisconnect(session));
            }
            server.unregister(this);
        }
    }

    /** Runs the session; a protocol violation is answered with an ERR before hanging up. */
    private void serve() throws IOException {
        try {
            if (handshake()) {
                server.handler().ifPresent(h -> h.onConnect(session));
                commandLoop();
            }
        } catch (MalformedPacketException e) {
            log.info("connection {}: protocol violation ends the session: {}", id,
                    e.getMessage());
            writeError(QueryResult.error(1835, "08S01", "Malformed packet: " + e.getMessage()));
        }
    }

    private boolean handshake() throws IOException {
        PayloadWriter hello = new PayloadWriter()
                .int1(10)
                .nulString(server.serverVersion())
                .int4(id)
                .bytes(Arrays.copyOf(salt, 8))
                .int1(0)
                .int2(Capabilities.SERVER & 0xFFFF)
                .int1(ColumnType.CHARSET_UTF8MB4)
                .int2(Capabilities.STATUS_AUTOCOMMIT)
                .int2(Capabilities.SERVER >>> 16)
                .int1(NativePassword.SALT_LENGTH + 1)
                .zeros(10)
                .bytes(Arrays.copyOfRange(salt, 8, NativePassword.SALT_LENGTH))
                .int1(0)
                .nulString(NativePassword.PLUGIN);
        channel.write(hello.toByteArray());
        channel.flush();

        PayloadReader in = new PayloadReader(channel.read());
        clientFlags = (int) in.int4();
        if ((clientFlags & Capabilities.PROTOCOL_41) == 0) {
            writeError(QueryResult.error(1251, "08004",
                    "Client does not support protocol 4.1; upgrade MySQL client"));
            return false;
        }
        if ((clientFlags & Capabilities.SSL) != 0) {
            writeError(QueryResult.error(1251, "08004", "SSL is not offered by this server"));
            return false;
        }
        in.int4(); // max packet size
        in.int1(); // character set
        in.skip(23);
        String user = in.nulString();
        byte[] authResponse = readAuthResponse(in);
        String database = null;
        if ((clientFlags & Capabilities.CONNECT_WITH_DB) != 0 && in.hasRemaining()) {
            database = in.nulString();
        }
        String plugin = NativePassword.PLUGIN;
        if ((clientFlags & Capabilities.PLUGIN_AUTH) != 0 && in.hasRemaining()) {
            plugin = in.nulString();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if ((clientFlags & Capabilities.CONNECT_ATTRS) != 0 && in.hasRemaining()) {
            PayloadReader attrs = new PayloadReader(in.lenencBytes());
            while (attrs.hasRemaining()) {
                attributes.put(attrs.lenencString(), attrs.lenencString());
            }
        }
        if (!NativePassword.PLUGIN.equals(plugin)) {
            log.debug("connection {}: client asked for {}, switching to {}", id, plugin,
                    NativePassword.PLUGIN);
            channel.write(new PayloadWriter().int1(HEADER_EOF).nulString(NativePassword.PLUGIN)
                    .bytes(salt).int1(0).toByteArray());
            channel.flush();
            authResponse = channel.read();
        }
        if (!server.users().verify(user, salt, authResponse)) {
            log.info("connection {}: access denied for user '{}'", id, user);
            writeError(QueryResult.error(QueryResult.Error.ER_ACCESS_DENIED, "28000",
                    "Access denied for user '" + user + "'@'" + remoteHost()
                            + "' (using password: " + (authResponse.length > 0 ? "YES" : "NO")
                            + ")"));
            return false;
        }
        session = new Session(id, user, remoteHost(), attributes, server.sessionDefaults());
        if (database != null && !database.isEmpty()) {
            QueryResult selected = server.selectDatabase(session, database);
            if (selected instanceof QueryResult.Error) {
                writeError((QueryResult.Error) selected);
                session = null;
                return false;
            }
        }
        writeOk(QueryResult.ok(), HEADER_OK);
        channel.flush();
        log.debug("connection {}: user '{}' authenticated", id, user);
        return true;
    }

    private byte[] readAuthResponse(PayloadReader in) {
        if ((clientFlags & Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            return in.lenencBytes();
        }
        if ((clientFlags & Capabilities.SECURE_CONNECTION) != 0) {
            return in.bytes(in.int1());
        }
        return in.nulBytes();
    }

    private void commandLoop() throws IOException {
        while (true) {
            channel.resetSequence();
            byte[] packet = channel.read();
            if (packet.length == 0) {
                throw new MalformedPacketException("empty command packet");
            }
            PayloadReader in = new PayloadReader(packet);
            int command = in.int1();
            switch (command) {
                case COM_QUIT:
                    return;
                case COM_PING:
                    writeOk(QueryResult.ok(), HEADER_OK);
                    break;
                case COM_INIT_DB:
                    writeResult(server.selectDatabase(session, in.restString()));
                    break;
                case COM_QUERY:
                    if (!writeResult(server.execute(session, in.restString()))) {
                        return;
                    }
                    break;
                case COM_FIELD_LIST:
                    // Minimal: no column definitions, just the terminator.
                    writeEndOfRows();
                    break;
                case COM_RESET_CONNECTION:
                    session.resetVariables(server.sessionDefaults());
                    writeOk(QueryResult.ok(), HEADER_OK);
                    break;
                default:
                    log.debug("connection {}: unknown command 0x{}", id,
                            Integer.toHexString(command));
                    writeError(QueryResult.error(QueryResult.Error.ER_UNKNOWN_COM, "08S01",
                            "Unknown command 0x" + Integer.toHexString(command)));
                    break;
            }
            channel.flush();
        }
    }

    /** Writes a result; false if the result asks to drop the connection. */
    private boolean writeResult(QueryResult result) throws IOException {
        if (result instanceof QueryResult.Ok) {
            writeOk((QueryResult.Ok) result, HEADER_OK);
        } else if (result instanceof QueryResult.Error) {
            writeError((QueryResult.Error) result);
        } else if (result instanceof QueryResult.ResultSet) {
            writeResultSet((QueryResult.ResultSet) result);
        } else if (result instanceof QueryResult.Disconnect) {
            log.debug("connection {}: handler asked to drop the connection", id);
            return false;
        } else {
            throw new IllegalStateException("unknown QueryResult kind: " + result);
        }
        return true;
    }

    private void writeResultSet(QueryResult.ResultSet rs) throws IOException {
        channel.write(new PayloadWriter().lenencInt(rs.columns().size()).toByteArray());
        String schema = session.database().orElse("");
        for (Column column : rs.columns()) {
            ColumnType type = column.type();
            channel.write(new PayloadWriter()
                    .lenencString("def")
                    .lenencString(schema)
                    .lenencString("")
                    .lenencString("")
                    .lenencString(column.name())
                    .lenencString(column.name())
                    .lenencInt(0x0C)
                    .int2(type.charset())
                    .int4(type.wireLength())
                    .int1(type.wireType())
                    .int2(type.flags())
                    .int1(column.wireDecimals())
                    .zeros(2)
                    .toByteArray());
        }
        if (!deprecateEof()) {
            writeEof();
        }
        for (var row : rs.rows()) {
            PayloadWriter w = new PayloadWriter();
            for (String cell : row) {
                w.lenencString(cell);
            }
            channel.write(w.toByteArray());
        }
        writeEndOfRows();
    }

    private void writeEndOfRows() throws IOException {
        if (deprecateEof()) {
            writeOk(QueryResult.ok(), HEADER_EOF);
        } else {
            writeEof();
        }
    }

    private void writeEof() throws IOException {
        channel.write(new PayloadWriter().int1(HEADER_EOF).int2(0).int2(status()).toByteArray());
    }

    private void writeOk(QueryResult.Ok ok, int header) throws IOException {
        channel.write(new PayloadWriter()
                .int1(header)
                .lenencInt(ok.affectedRows())
                .lenencInt(ok.lastInsertId())
                .int2(status())
                .int2(0)
                .eofString(ok.info())
                .toByteArray());
    }

    private void writeError(QueryResult.Error error) throws IOException {
        channel.write(new PayloadWriter()
                .int1(HEADER_ERR)
                .int2(error.code())
                .eofString("#")
                .eofString(error.sqlState())
                .eofString(error.message())
                .toByteArray());
        channel.flush();
    }

    private int status() {
        String autocommit = Optional.ofNullable(session).map(s -> s.variable("autocommit"))
                .orElse("1");
        return "0".equals(autocommit) || "OFF".equalsIgnoreCase(autocommit) ? 0
                : Capabilities.STATUS_AUTOCOMMIT;
    }

    private boolean deprecateEof() {
        return (clientFlags & Capabilities.DEPRECATE_EOF) != 0;
    }

    private String remoteHost() {
        return socket.getInetAddress() == null ? "unknown"
                : socket.getInetAddress().getHostAddress();
    }
}
