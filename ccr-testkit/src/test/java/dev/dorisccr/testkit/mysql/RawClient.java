package dev.dorisccr.testkit.mysql;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** A minimal hand-driven MySQL client for protocol corners Connector/J does not reach. */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final PacketChannel channel;
    private byte[] salt;
    private String serverPlugin;

    RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        channel = new PacketChannel(socket.getInputStream(), socket.getOutputStream(), 1 << 26);
    }

    /** Reads the handshake and answers it; returns the server's final auth reply payload. */
    byte[] login(String user, String password, String plugin, int extraFlags) throws IOException {
        PayloadReader hello = new PayloadReader(channel.read());
        if (hello.int1() != 10) {
            throw new IllegalStateException("not a v10 handshake");
        }
        hello.nulString();
        hello.int4();
        byte[] part1 = hello.bytes(8);
        hello.int1();
        hello.int2();
        hello.int1();
        hello.int2();
        hello.int2();
        hello.int1();
        hello.skip(10);
        byte[] part2 = hello.bytes(12);
        hello.int1();
        serverPlugin = hello.nulString();
        salt = Arrays.copyOf(part1, 20);
        System.arraycopy(part2, 0, salt, 8, 12);

        int flags = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
                | Capabilities.PLUGIN_AUTH | extraFlags;
        byte[] auth = "mysql_native_password".equals(plugin)
                ? NativePassword.scramble(password, salt) : new byte[32];
        channel.write(new PayloadWriter().int4(flags).int4(1 << 24).int1(45).zeros(23)
                .nulString(user).int1(auth.length).bytes(auth).nulString(plugin).toByteArray());
        channel.flush();
        byte[] reply = channel.read();
        if ((reply[0] & 0xFF) == 0xFE) {
            PayloadReader sw = new PayloadReader(reply);
            sw.int1();
            String switchedTo = sw.nulString();
            byte[] newSalt = Arrays.copyOf(sw.restBytes(), 20);
            if (!"mysql_native_password".equals(switchedTo)) {
                throw new IllegalStateException("unexpected switch to " + switchedTo);
            }
            channel.write(NativePassword.scramble(password, newSalt));
            channel.flush();
            reply = channel.read();
        }
        return reply;
    }

    String serverPlugin() {
        return serverPlugin;
    }

    /** Sends one command packet and returns the first reply payload. */
    byte[] command(int code, String argument) throws IOException {
        channel.resetSequence();
        channel.write(new PayloadWriter().int1(code).eofString(argument).toByteArray());
        channel.flush();
        return channel.read();
    }

    /** Sends a raw command payload and returns the first reply payload. */
    byte[] commandBytes(byte[] payload) throws IOException {
        channel.resetSequence();
        channel.write(payload);
        channel.flush();
        return channel.read();
    }

    byte[] read() throws IOException {
        return channel.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
