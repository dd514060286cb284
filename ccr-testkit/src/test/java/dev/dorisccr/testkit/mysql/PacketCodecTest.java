package dev.dorisccr.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketCodecTest {

    @Test
    void lengthEncodedIntegersRoundTripAtEveryBoundary() {
        long[] values = {0, 1, 250, 251, 65_535, 65_536, 16_777_215, 16_777_216,
            Long.MAX_VALUE, -1};
        int[] sizes = {1, 1, 1, 3, 3, 4, 4, 9, 9, 9};
        for (int i = 0; i < values.length; i++) {
            byte[] encoded = new PayloadWriter().lenencInt(values[i]).toByteArray();
            assertThat(encoded).as("size of %d", values[i]).hasSize(sizes[i]);
            assertThat(new PayloadReader(encoded).lenencInt()).isEqualTo(values[i]);
        }
    }

    @Test
    void stringsAndNullMarker() {
        byte[] encoded = new PayloadWriter().lenencString("héllo").lenencString(null)
                .nulString("abc").int2(0xBEEF).int4(0xDEADBEEFL).toByteArray();
        PayloadReader r = new PayloadReader(encoded);
        assertThat(r.lenencString()).isEqualTo("héllo");
        assertThat(r.int1()).isEqualTo(0xFB);
        assertThat(r.nulString()).isEqualTo("abc");
        assertThat(r.int2()).isEqualTo(0xBEEF);
        assertThat(r.int4()).isEqualTo(0xDEADBEEFL);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void readingPastTheEndIsAMalformedPacket() {
        assertThatThrownBy(() -> new PayloadReader(new byte[] {1}).int2())
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> new PayloadReader(new byte[] {5, 'a'}).lenencString())
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> new PayloadReader(new byte[] {'a', 'b'}).nulString())
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> new PayloadReader(new byte[] {(byte) 0xFF}).lenencInt())
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void smallPacketsCarryHeaderAndSequence() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketChannel channel = new PacketChannel(new ByteArrayInputStream(new byte[0]), out,
                1 << 20);
        channel.write(new byte[] {7, 8});
        channel.write(new byte[0]);
        assertThat(out.toByteArray()).containsExactly(2, 0, 0, 0, 7, 8, 0, 0, 0, 1);
    }

    @Test
    void payloadOfExactlyOneFullChunkEndsWithAnEmptyPacket() throws IOException {
        byte[] wire = roundTrip(PacketChannel.MAX_CHUNK);
        assertThat(wire).hasSize(PacketChannel.MAX_CHUNK + 2 * 4);
        assertThat(wire[3]).isEqualTo((byte) 0);
        assertThat(Arrays.copyOfRange(wire, wire.length - 4, wire.length))
                .containsExactly(0, 0, 0, 1);
    }

    @Test
    void payloadOverOneChunkIsSplitInTwo() throws IOException {
        byte[] wire = roundTrip(PacketChannel.MAX_CHUNK + 5);
        assertThat(wire).hasSize(PacketChannel.MAX_CHUNK + 5 + 2 * 4);
        assertThat(Arrays.copyOfRange(wire, PacketChannel.MAX_CHUNK + 4,
                PacketChannel.MAX_CHUNK + 8)).containsExactly(5, 0, 0, 1);
    }

    /** Writes a payload of {@code size} bytes, checks it reads back equal, returns the wire. */
    private static byte[] roundTrip(int size) throws IOException {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 31);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
        new PacketChannel(new ByteArrayInputStream(new byte[0]), out, Integer.MAX_VALUE)
                .write(payload);
        byte[] wire = out.toByteArray();
        PacketChannel reader = new PacketChannel(new ByteArrayInputStream(wire),
                new ByteArrayOutputStream(), Integer.MAX_VALUE);
        assertThat(reader.read()).isEqualTo(payload);
        return wire;
    }

    @Test
    void oversizedAndTruncatedPacketsAreRejected() {
        byte[] big = {1, 4, 0, 0}; // 1025 bytes announced, 1024 allowed
        assertThatThrownBy(() -> new PacketChannel(new ByteArrayInputStream(big),
                new ByteArrayOutputStream(), 1024).read())
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("max_allowed_packet");
        byte[] truncated = {5, 0, 0, 0, 1, 2};
        assertThatThrownBy(() -> new PacketChannel(new ByteArrayInputStream(truncated),
                new ByteArrayOutputStream(), 1024).read())
                .isInstanceOf(EOFException.class);
    }
}
