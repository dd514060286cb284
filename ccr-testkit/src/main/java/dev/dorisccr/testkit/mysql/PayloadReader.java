package dev.dorisccr.testkit.mysql;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads one packet payload; running past the end throws {@link MalformedPacketException}. */
final class PayloadReader {
    private final byte[] data;
    private int pos;

    PayloadReader(byte[] data) {
        this.data = data;
    }

    boolean hasRemaining() {
        return pos < data.length;
    }

    int remaining() {
        return data.length - pos;
    }

    int int1() {
        need(1);
        return data[pos++] & 0xFF;
    }

    int int2() {
        return int1() | (int1() << 8);
    }

    int int3() {
        return int2() | (int1() << 16);
    }

    long int4() {
        return (int2() & 0xFFFFL) | ((long) int2() << 16);
    }

    long int8() {
        return int4() | (int4() << 32);
    }

    long lenencInt() {
        int first = int1();
        if (first < 0xFB) {
            return first;
        }
        switch (first) {
            case 0xFC:
                return int2();
            case 0xFD:
                return int3();
            case 0xFE:
                return int8();
            default:
                throw new MalformedPacketException("bad length-encoded integer prefix 0x"
                        + Integer.toHexString(first) + " at " + (pos - 1));
        }
    }

    byte[] bytes(int count) {
        need(count);
        byte[] result = Arrays.copyOfRange(data, pos, pos + count);
        pos += count;
        return result;
    }

    void skip(int count) {
        need(count);
        pos += count;
    }

    byte[] nulBytes() {
        int end = pos;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        if (end == data.length) {
            throw new MalformedPacketException("unterminated string at " + pos);
        }
        byte[] result = Arrays.copyOfRange(data, pos, end);
        pos = end + 1;
        return result;
    }

    String nulString() {
        return new String(nulBytes(), StandardCharsets.UTF_8);
    }

    byte[] lenencBytes() {
        long length = lenencInt();
        if (length > remaining()) {
            throw new MalformedPacketException("length " + length + " exceeds the " + remaining()
                    + " bytes left");
        }
        return bytes((int) length);
    }

    String lenencString() {
        return new String(lenencBytes(), StandardCharsets.UTF_8);
    }

    byte[] restBytes() {
        return bytes(remaining());
    }

    String restString() {
        return new String(restBytes(), StandardCharsets.UTF_8);
    }

    private void need(int count) {
        if (count < 0 || count > remaining()) {
            throw new MalformedPacketException("need " + count + " bytes at " + pos + ", have "
                    + remaining());
        }
    }
}
