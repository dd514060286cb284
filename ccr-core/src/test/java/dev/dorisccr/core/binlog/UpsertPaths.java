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
        return scanned != null ? Path.SCANNER : streamed.isPresent() ? Path.STREAMING : Path.TREE;
    }
}
