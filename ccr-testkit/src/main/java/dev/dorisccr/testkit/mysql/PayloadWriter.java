package dev.dorisccr.testkit.mysql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds one packet payload: little-endian fixed ints, length-encoded ints and strings. */
final class PayloadWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    PayloadWriter int1(int value) {
        out.write(value & 0xFF);
        return this;
    }

    PayloadWriter int2(int value) {
        return int1(value).int1(value >>> 8);
    }

    PayloadWriter int3(int value) {
        return int2(value).int1(value >>> 16);
    }

    PayloadWriter int4(long value) {
        return int2((int) value).int2((int) (value >>> 16));
    }

    PayloadWriter int8(long value) {
        return int4(value).int4(value >>> 32);
    }

    /** A length-encoded integer; {@code value} is treated as unsigned. */
    PayloadWriter lenencInt(long value) {
        if (value >= 0 && value < 251) {
            return int1((int) value);
        }
        if (value >= 0 && value < (1 << 16)) {
            return int1(0xFC).int2((int) value);
        }
        if (value >= 0 && value < (1 << 24)) {
            return int1(0xFD).int3((int) value);
        }
        return int1(0xFE).int8(value);
    }

    PayloadWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    PayloadWriter zeros(int count) {
        for (int i = 0; i < count; i++) {
            out.write(0);
        }
        return this;
    }

    PayloadWriter nulString(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8)).int1(0);
    }

    /** A length-encoded string; {@code null} is written as the text-protocol NULL marker 0xFB. */
    PayloadWriter lenencString(String value) {
        if (value == null) {
            return int1(0xFB);
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        return lenencInt(b.length).bytes(b);
    }

    PayloadWriter eofString(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
