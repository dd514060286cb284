package dev.dorisccr.testkit.doris;

/**
 * The 64-bit MurmurHash3 variant behind Doris's {@code murmur_hash3_64}: the x64 mixing of 8-byte
 * little-endian blocks with one 64-bit state, the length folded in and the standard 64-bit
 * finaliser. Doris documents {@code murmur_hash3_64('hello') = -3215607508166160593} and
 * {@code murmur_hash3_64('hello', 'world') = 3583109472027628045} (the second argument hashed with
 * the first's hash as seed); {@code SqlFunctionsTest} checks both.
 */
final class MurmurHash3 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private MurmurHash3() {}

    static long x64Hash64(byte[] data, long seed) {
        long h = seed;
        int blocks = data.length / 8;
        for (int i = 0; i < blocks; i++) {
            long k = 0;
            for (int b = 7; b >= 0; b--) {
                k = (k << 8) | (data[i * 8 + b] & 0xffL);
            }
            h ^= mixK(k);
            h = Long.rotateLeft(h, 27) * 5 + 0x52dce729;
        }
        int rest = data.length & 7;
        if (rest > 0) {
            long k = 0;
            for (int b = rest - 1; b >= 0; b--) {
                k = (k << 8) | (data[blocks * 8 + b] & 0xffL);
            }
            h ^= mixK(k);
        }
        h ^= data.length;
        return finalMix(h);
    }

    private static long mixK(long k) {
        return Long.rotateLeft(k * C1, 31) * C2;
    }

    private static long finalMix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
