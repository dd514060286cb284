package dev.dorisccr.testkit.mysql;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One fault for {@link FaultInjectingHandler}: statements matching {@code statement} (searched,
 * case-insensitive unless the pattern says otherwise) get {@code fault} with {@code probability}.
 */
public record FaultRule(Pattern statement, double probability, Fault fault) {
    public FaultRule {
        requireNonNull(statement, "statement is null");
        requireNonNull(fault, "fault is null");
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
        }
    }

    /** Delays matching statements by {@code delay}, then lets them run. */
    public static FaultRule latency(String regex, double probability, Duration delay) {
        return new FaultRule(compile(regex), probability, new Latency(delay));
    }

    /** Answers matching statements with an ERR instead of running them. */
    public static FaultRule error(String regex, double probability, int code, String sqlState,
            String message) {
        return new FaultRule(compile(regex), probability,
                new Failure(QueryResult.error(code, sqlState, message)));
    }

    /** Drops the connection instead of answering. */
    public static FaultRule dropConnection(String regex, double probability) {
        return new FaultRule(compile(regex), probability, new Drop());
    }

    boolean matches(String sql) {
        return statement.matcher(sql).find();
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(requireNonNull(regex, "regex is null"), Pattern.CASE_INSENSITIVE);
    }

    /** What happens to a statement a rule picked. */
    public sealed interface Fault permits Latency, Failure, Drop {
    }

    /** Wait, then run the statement normally (later rules may still fail it). */
    public record Latency(Duration delay) implements Fault {
        public Latency {
            requireNonNull(delay, "delay is null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay is negative: " + delay);
            }
        }
    }

    /** Answer this error instead of running the statement. */
    public record Failure(QueryResult.Error error) implements Fault {
        public Failure {
            requireNonNull(error, "error is null");
        }
    }

    /** Close the connection without answering. */
    public record Drop() implements Fault {
    }
}
