package dev.dorisccr.core.binlog;

import java.util.List;
import java.util.Map;

/**
 * A Doris {@code Index} (inverted, bloom filter, ngram...) inside a payload. Keys: {@code
 * indexId/indexName/columns/indexType/properties/comment/columnUniqueIds} (old) or {@code
 * i/in/c/it/pt/ct/cui} (Doris 2.1+/3.x).
 *
 * @param indexId the index id, -1 when absent
 * @param indexName the index name
 * @param columns the indexed column names
 * @param indexType e.g. INVERTED, "" when absent
 * @param properties index properties
 * @param comment "" when absent
 * @param columnUniqueIds the column unique ids, empty when absent
 */
public record IndexDef(
        long indexId,
        String indexName,
        List<String> columns,
        String indexType,
        Map<String, String> properties,
        String comment,
        List<Long> columnUniqueIds) {
    public IndexDef {
        Checks.id(indexId, "indexId");
        Checks.text(indexName, "indexName");
        columns = Checks.list(columns, "columns");
        Checks.text(indexType, "indexType");
        properties = Checks.map(properties, "properties");
        Checks.text(comment, "comment");
        columnUniqueIds = Checks.list(columnUniqueIds, "columnUniqueIds");
    }
}
