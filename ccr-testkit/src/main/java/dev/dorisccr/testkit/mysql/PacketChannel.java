package dev.dorisccr.testkit.mysql;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * MySQL packet framing over a byte stream: a 3-byte little-endian length, a 1-byte sequence id,
 * then the payload. Payloads of 2^24-1 bytes or more are split into several packets (and joined
 * on read), as the protocol requires.
 */
final class PacketChannel {
    static final int MAX_CHUNK = 0xFFFFFF;

    private final InputStream in;
    private final OutputStream out;
    private final int maxPayload;
    private int sequence;

    PacketChannel(InputStream in, OutputStream out, int maxPayload) {
        this.in = in;
        this.out = out;
        this.maxPayload = maxPayload;
    }

    /** Starts a new command: the next packet read must carry sequence id 0. */
    void resetSequence() {
        sequence = 0;
    }

    /**
     * Reads one logical payload, joining split packets.
     *
     * @throws EOFException if the peer closed the stream before a packet header
     */
    byte[] read() throws IOException {
        byte[] payload = new byte[0];
        while (true) {
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                throw new EOFException("connection closed by peer");
            }
            int length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            sequence = ((header[3] & 0xFF) + 1) & 0xFF;
            if ((long) payload.length + length > maxPayload) {
                throw new MalformedPacketException("packet larger than max_allowed_packet ("
                        + maxPayload + " bytes)");
            }
            byte[] chunk = in.readNBytes(length);
            if (chunk.length < length) {
                throw new EOFException("connection closed inside a packet");
            }
            int old = payload.length;
            payload = Arrays.copyOf(payload, old + length);
            System.arraycopy(chunk, 0, payload, old, length);
            if (length < MAX_CHUNK) {
                return payload;
            }
        }
    }

    /** Writes one logical payload (split if needed) with the next sequence ids; does not flush. */
    void write(byte[] payload) throws IOException {
        int offset = 0;
        while (true) {
            int length = Math.min(MAX_CHUNK, payload.length - offset);
            out.write(length & 0xFF);
            out.write((length >>> 8) & 0xFF);
            out.write((length >>> 16) & 0xFF);
            out.write(sequence);
            sequence = (sequence + 1) & 0xFF;
            out.write(payload, offset, length);
            offset += length;
            if (length < MAX_CHUNK) {
                return;
            }
        }
    }

    void flush() throws IOException {
        out.flush();
    }
}
