package dev.dorisccr.testkit.doris;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * BITMAP and HLL values. A BITMAP is stored as its sorted unsigned 64-bit members joined by commas
 * ({@code ""} is the empty bitmap), an HLL as the sorted hex hashes of its members ({@code ""} is
 * empty), so both sides of a replication store the same text and a union is a set union. HLL
 * counts are exact here (Doris's HLL is exact only while small, an estimate after).
 */
final class BitmapHll {
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private BitmapHll() {}

    /** {@code to_bitmap(x)}: a bitmap of one member, or NULL when x is not an unsigned 64-bit integer. */
    static String toBitmap(Object v) {
        try {
            BigInteger i = new BigDecimal(v instanceof String s ? s.trim() : SqlValues.format(v, null)).toBigIntegerExact();
            if (i.signum() < 0 || i.compareTo(MAX_U64) > 0) {
                return null;
            }
            return i.toString();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** {@code bitmap_from_string('1,2,3')}: NULL when a member is not an unsigned 64-bit integer. */
    static String fromString(String s) {
        List<String> parts = new ArrayList<>();
        for (String p : s.split(",", -1)) {
            if (p.isBlank() && s.isBlank()) {
                continue;
            }
            String one = toBitmap(p);
            if (one == null) {
                return null;
            }
            parts.add(one);
        }
        return union(List.of(String.join(",", parts)));
    }

    /** {@code hll_hash(x)}: an HLL of one member (x's text hashed). */
    static String hllHash(Object v) {
        String text = v instanceof String s ? s : SqlValues.format(v, null);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /** The union of bitmaps (or of HLLs: both are sorted member lists); NULL inputs are skipped. */
    static String union(List<String> values) {
        TreeSet<String> hll = new TreeSet<>();
        TreeSet<BigInteger> bits = new TreeSet<>();
        boolean numeric = true;
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                continue;
            }
            for (String m : v.split(",")) {
                hll.add(m);
                if (numeric) {
                    try {
                        bits.add(new BigInteger(m));
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                }
            }
        }
        if (numeric) {
            List<String> out = new ArrayList<>();
            bits.forEach(b -> out.add(b.toString()));
            return String.join(",", out);
        }
        return String.join(",", hll);
    }

    /** {@code bitmap_count} / {@code hll_cardinality}: the number of members. */
    static long count(String v) {
        return v == null || v.isEmpty() ? 0 : v.split(",").length;
    }
}
