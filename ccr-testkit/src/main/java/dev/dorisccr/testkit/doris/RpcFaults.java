package dev.dorisccr.testkit.doris;

import dev.dorisccr.thrift.gen.TStatus;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.thrift.transport.TTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault rules for the simulated Thrift services: by method name (regex), with a seeded
 * probability and an optional count, answer an error status, drop the connection without an
 * answer, or hold the answer for a while (a client with a shorter read timeout times out).
 */
public final class RpcFaults {
    private static final Logger log = LoggerFactory.getLogger(RpcFaults.class);
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Random random;

    /** What a matching call gets. */
    public sealed interface Fault {
        /** An error status in the result. */
        record Status(TStatusCode code, String message) implements Fault {}

        /** The connection is closed without an answer. */
        record Drop() implements Fault {}

        /** The answer comes after {@code delay}. */
        record Delay(Duration delay) implements Fault {}
    }

    private record Rule(Pattern method, double probability, AtomicInteger remaining, Fault fault) {}

    private record After(Pattern method, Runnable hook) {}

    private final List<After> afters = new CopyOnWriteArrayList<>();

    RpcFaults(long seed) {
        this.random = new Random(seed);
    }

    /** Adds a rule: calls of methods matching {@code methodRegex}, at most {@code times} (-1: no limit). */
    public RpcFaults add(String methodRegex, double probability, int times, Fault fault) {
        rules.add(new Rule(Pattern.compile(methodRegex), probability, new AtomicInteger(times), fault));
        return this;
    }

    /**
     * Runs {@code hook} after every call of a method matching {@code methodRegex} was carried out,
     * before its answer goes back (faulted calls excluded): a test's moment "right after the
     * cluster did it", such as killing the syncer right after a commit.
     */
    public RpcFaults after(String methodRegex, Runnable hook) {
        afters.add(new After(Pattern.compile(methodRegex), hook));
        return this;
    }

    /** Calls of {@code method} that reached these services so far (faulted ones included). */
    public long calls(String method) {
        AtomicLong n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    public void clear() {
        rules.clear();
        afters.clear();
    }

    private Fault pick(String method) {
        for (Rule r : rules) {
            if (!r.method().matcher(method).matches()) {
                continue;
            }
            boolean hit;
            synchronized (random) {
                hit = random.nextDouble() < r.probability();
            }
            if (hit && (r.remaining().get() < 0 || r.remaining().getAndUpdate(n -> n > 0 ? n - 1 : n) > 0)) {
                return r.fault();
            }
        }
        return null;
    }

    /** Wraps a Thrift Iface so that every call passes through the rules. */
    @SuppressWarnings("unchecked")
    <T> T wrap(Class<T> iface, T target) {
        InvocationHandler h = (proxy, method, args) -> {
            calls.computeIfAbsent(method.getName(), k -> new AtomicLong()).incrementAndGet();
            Fault f = pick(method.getName());
            if (f instanceof Fault.Drop) {
                log.debug("fault: dropping {}", method.getName());
                throw new TTransportException("simulated dropped connection in " + method.getName());
            }
            if (f instanceof Fault.Delay d) {
                new CountDownLatch(1).await(d.delay().toMillis(), TimeUnit.MILLISECONDS);
            }
            if (f instanceof Fault.Status st) {
                return errorResult(method, st);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            for (After a : afters) {
                if (a.method().matcher(method.getName()).matches()) {
                    a.hook().run();
                }
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, h);
    }

    private static Object errorResult(Method method, Fault.Status st) throws ReflectiveOperationException {
        Object result = method.getReturnType().getDeclaredConstructor().newInstance();
        TStatus status = new TStatus(st.code());
        status.addToErrorMsgs(st.message());
        try {
            result.getClass().getMethod("setStatus", TStatus.class).invoke(result, status);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(method.getName() + " has no status to fail with", e);
        }
        return result;
    }
}
