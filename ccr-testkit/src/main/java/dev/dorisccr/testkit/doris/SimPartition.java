package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.DistributionDesc;
import dev.dorisccr.testkit.schema.PartitionValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A partition: bounds, visible version, and per index the tablets. Guarded by the cluster lock. */
final class SimPartition {
    final long id;
    String name;
    final PartitionValues values;
    final boolean temp;
    long visibleVersion = 1;
    long visibleVersionTime;
    DistributionDesc distribution;
    /** Properties set by ALTER TABLE ... MODIFY PARTITION ... SET (storage_medium, in_memory...). */
    final Map<String, String> properties = new LinkedHashMap<>();
    final Map<Long, List<SimTablet>> tablets = new LinkedHashMap<>();

    SimPartition(long id, String name, PartitionValues values, boolean temp, DistributionDesc distribution) {
        this.id = id;
        this.name = name;
        this.values = values;
        this.temp = temp;
        this.distribution = distribution;
    }

    List<SimTablet> allTablets() {
        List<SimTablet> out = new ArrayList<>();
        tablets.values().forEach(out::addAll);
        return out;
    }
}
