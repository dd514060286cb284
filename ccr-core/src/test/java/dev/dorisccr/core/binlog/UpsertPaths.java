package dev.dorisccr.core.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

/**
 * Runs one UPSERT payload through every path (the scanner, the streaming reader, the tree path and
 * the decoders that chain them) and asserts they agree with the tree path, which defines the
 * result and the error: a fast path that accepts a payload builds the tree path's record, and each
 * decoder answers exactly as the tree path does.
 */
final class UpsertPaths {
    /** Which path decided a payload. */
    enum Path {
        SCANNER,
        STREAMING,
        TREE
    }

    private static final BinlogDecoder DECODER = new BinlogDecoder();
    private static final BinlogDecoder WITHOUT_SCANNER = BinlogDecoder.withoutUpsertScanner();
    private static final BinlogDecoder TREE_ONLY = BinlogDecoder.treeOnly();

    private UpsertPaths() {}

    /** Asserts every path answers as the tree path does; the first path that decoded it itself. */
    static Path check(String json, String what) {
        DecodeResult tree = TREE_ONLY.decode(BinlogType.UPSERT, json);
        assertThat(DECODER.decode(BinlogType.UPSERT, json)).as("%s, the decoder: %s", what, json).isEqualTo(tree);
        assertThat(WITHOUT_SCANNER.decode(BinlogType.UPSERT, json))
                .as("%s, the decoder without the scanner: %s", what, json)
                .isEqualTo(tree);
        UpsertRecord scanned = UpsertScanner.scan(json);
        if (scanned != null) {
            assertThat(new DecodeResult.Decoded(scanned, json))
                    .as("%s: the scanner accepted it, so it must build the tree path's record: %s", what, json)
                    .isEqualTo(tree);
        }
        Optional<UpsertRecord> streamed = UpsertStreamReader.read(json);
        if (streamed.isPresent()) {
            assertThat(new DecodeResult.Decoded(streamed.get(), json))
                    .as("%s: the streaming reader accepted it, so it must build the tree path's record: %s", what,
                            json)
                    .isEqualTo(tree);
        }
        Path decided = scanned != null ? Path.SCANNER : streamed.isPresent() ? Path.STREAMING : Path.TREE;
        assertThat(takenBy(DECODER, json)).as("%s: the decoder tries the scanner first, then the streaming reader,"
                + " then the tree path: %s", what, json).isEqualTo(decided.name());
        assertThat(takenBy(WITHOUT_SCANNER, json)).as("%s: the decoder without the scanner: %s", what, json)
                .isEqualTo(streamed.isPresent() ? "STREAMING" : "TREE");
        assertThat(takenBy(TREE_ONLY, json)).isEqualTo("TREE");
        return decided;
    }

    /** The path {@code decoder} decoded the payload with. */
    private static String takenBy(BinlogDecoder decoder, String json) {
        java.util.List<BinlogDecoder.UpsertPath> took = new java.util.ArrayList<>();
        decoder.fastUpsert(json, took::add);
        assertThat(took).hasSize(1);
        return took.get(0).name();
    }

    /**
     * {@code base} with 1 to {@code maxMutations} random edits: a token inserted, a few characters
     * deleted, or a value after a colon replaced by a token.
     */
    static String mutate(java.util.Random r, String base, String[] tokens, int maxMutations) {
        StringBuilder json = new StringBuilder(base);
        for (int m = 1 + r.nextInt(maxMutations); m > 0; m--) {
            int at = r.nextInt(json.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> json.insert(at, tokens[r.nextInt(tokens.length)]);
                case 1 -> json.delete(at, Math.min(json.length(), at + 1 + r.nextInt(4)));
                default -> {
                    int colon = json.indexOf(":", at);
                    if (colon >= 0) {
                        int end = colon + 1;
                        while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
                            end++;
                        }
                        json.replace(colon + 1, end, tokens[r.nextInt(tokens.length)]);
                    }
                }
            }
        }
        return json.toString();
    }
}
