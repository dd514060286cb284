package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.PartitionBy;
import dev.dorisccr.testkit.schema.PartitionDef;
import dev.dorisccr.testkit.schema.PartitionValues;
import dev.dorisccr.testkit.schema.TableDef;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code AUTO PARTITION BY RANGE (date_trunc(col, unit))} and {@code AUTO PARTITION BY LIST (cols)}
 * as Doris runs them: the create-time checks of {@code PartitionDesc.analyze}, and for a loaded
 * row that fits no partition the partition Doris's {@code PartitionExprUtil} makes for it: a range
 * {@code [trunc(v), trunc(v) + 1 unit)} named {@code p} + {@code yyyyMMddHHmmss} of its start, or
 * a one-item list partition named {@code p} + each value followed by its length (non-alphanumeric
 * characters as their hex code point, NULL as {@code X}, names over 50 characters of a string
 * column cut and suffixed with {@code _} + the hex hash).
 */
final class AutoPartitions {
    private static final int MAX_PARTITION_NAME_LENGTH = 50;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private AutoPartitions() {}

    /** CREATE TABLE checks of an auto partitioned table; throws Doris's error. */
    static void check(TableDef def) {
        PartitionBy pb = def.partitionBy();
        if (!pb.auto()) {
            return;
        }
        for (String col : pb.columns()) {
            ColumnDef c = def.columns().stream().filter(x -> x.name().equals(col)).findFirst()
                    .orElseThrow(() -> SimException.analysis("Partition column[" + col
                            + "] does not exist in column list."));
            if (pb.kind() == PartitionBy.Kind.RANGE) {
                if (c.nullable()) {
                    throw SimException.analysis("AUTO RANGE PARTITION doesn't support NULL column");
                }
                if (!isDateType(c)) {
                    throw SimException.analysis("Auto range partition needs Date/DateV2/Datetime/DatetimeV2 column as"
                            + " partition column but got" + expr(pb));
                }
            } else {
                String t = SimState.rangeType(c);
                if (!List.of("TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT", "DATEV2", "DATETIMEV2", "VARCHAR",
                        "BOOLEAN").contains(t) || c.type().toUpperCase(Locale.ROOT).startsWith("STRING")) {
                    throw SimException.analysis("Column[" + c.name() + "] type[" + c.type()
                            + "] cannot be a list partition key.");
                }
            }
        }
    }

    /** The partition expression as Doris prints it: {@code date_trunc(`k`, 'day')} or {@code `k`, `j`}. */
    static String expr(PartitionBy pb) {
        if (pb.kind() == PartitionBy.Kind.RANGE) {
            return "date_trunc(" + DorisText.q(pb.columns().get(0)) + ", '" + pb.timeUnit() + "')";
        }
        return DorisText.names(pb.columns());
    }

    private static boolean isDateType(ColumnDef c) {
        String t = SimState.rangeType(c);
        return t.equals("DATEV2") || t.equals("DATETIMEV2");
    }

    /** The partition Doris creates for a row of an auto partitioned table that no partition holds. */
    static PartitionDef partitionFor(SimTable t, Map<String, String> row) {
        PartitionBy pb = t.def.partitionBy();
        if (pb.kind() == PartitionBy.Kind.RANGE) {
            String col = pb.columns().get(0);
            ColumnDef c = t.column(col).orElseThrow();
            String v = valueOf(row, col);
            if (v == null) {
                throw SimException.analysis("Can't create partition for NULL Range");
            }
            LocalDateTime begin = trunc(parse(v), pb.timeUnit());
            LocalDateTime end = plus(begin, pb.timeUnit());
            boolean date = SimState.rangeType(c).equals("DATEV2");
            String lower = (date ? DATE : DATETIME).format(begin);
            String upper = end.getYear() > 9999 ? "MAXVALUE" : (date ? DATE : DATETIME).format(end);
            return new PartitionDef("p" + NAME.format(begin),
                    new PartitionValues.Fixed(List.of(lower), List.of(upper)), false, Map.of());
        }
        List<String> values = new ArrayList<>();
        StringBuilder filter = new StringBuilder();
        boolean hasString = false;
        for (String col : pb.columns()) {
            ColumnDef c = t.column(col).orElseThrow();
            hasString |= SimState.rangeType(c).equals("VARCHAR");
            String v = valueOf(row, col);
            if (v == null) {
                throw new SimException("ANALYSIS_ERROR", 1105, "errCode = 2, detailMessage = "
                        + "the simulator does not model NULL values in AUTO LIST partitions (column " + col + ")");
            }
            values.add(v);
            filter.append(v).append(v.length());
        }
        String name = "p" + formatValue(filter.toString());
        if (hasString && name.length() > MAX_PARTITION_NAME_LENGTH) {
            name = name.substring(0, MAX_PARTITION_NAME_LENGTH) + "_" + Integer.toHexString(name.hashCode());
        }
        return new PartitionDef(name, new PartitionValues.In(List.of(values)), false, Map.of());
    }

    /** Keeps ASCII letters and digits, writes any other character as its hex code point. */
    private static String formatValue(String value) {
        StringBuilder sb = new StringBuilder();
        if (!value.isEmpty() && value.charAt(0) == '-') {
            sb.append('_');
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            boolean alnum = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
            sb.append(alnum ? String.valueOf(ch) : Integer.toHexString(value.codePointAt(i)));
        }
        return sb.toString();
    }

    private static LocalDateTime parse(String v) {
        String s = v.trim();
        try {
            if (s.length() <= 10) {
                return LocalDate.parse(s, DATE).atStartOfDay();
            }
            return LocalDateTime.parse(s.substring(0, 19), DATETIME);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw SimException.analysis("Invalid date value: " + v);
        }
    }

    private static LocalDateTime trunc(LocalDateTime v, String unit) {
        return switch (unit) {
            case "year" -> v.toLocalDate().withDayOfYear(1).atStartOfDay();
            case "quarter" -> v.toLocalDate().withMonth((v.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1)
                    .atStartOfDay();
            case "month" -> v.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case "week" -> v.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            case "day" -> v.toLocalDate().atStartOfDay();
            case "hour" -> v.withMinute(0).withSecond(0).withNano(0);
            case "minute" -> v.withSecond(0).withNano(0);
            default -> v.withNano(0);
        };
    }

    private static LocalDateTime plus(LocalDateTime v, String unit) {
        return switch (unit) {
            case "year" -> v.plusYears(1);
            case "quarter" -> v.plusMonths(3);
            case "month" -> v.plusMonths(1);
            case "week" -> v.plusDays(7);
            case "day" -> v.plusDays(1);
            case "hour" -> v.plusHours(1);
            case "minute" -> v.plusMinutes(1);
            default -> v.plusSeconds(1);
        };
    }

    private static String valueOf(Map<String, String> row, String column) {
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        return null;
    }
}
