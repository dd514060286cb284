package dev.dorisccr.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every method of the three stores, default methods included, is forwarded: a decorator that
 * inherited a port's default instead (the journal's {@code keepsJournal() == false}) would hide
 * what the real store does behind it, silently.
 */
class ForwardingMetadataStoreTest {
    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            throw new AssertionError("not called: " + m);
        }));
    }

    private static final class Plain extends ForwardingMetadataStore {
        Plain(MetadataStore d) {
            super(d);
        }

        @Override
        protected <T> T around(Operation op, String subject, Supplier<T> call) {
            return call.get();
        }
    }

    @Test
    void everyMethodOfTheThreeStoresIsForwarded() {
        JobStore jobs = unused(JobStore.class);
        ProgressStore progress = unused(ProgressStore.class);
        LeaseStore leases = unused(LeaseStore.class);
        MetadataStore delegate = new MetadataStore() {
            @Override
            public JobStore jobs() {
                return jobs;
            }

            @Override
            public ProgressStore progress() {
                return progress;
            }

            @Override
            public LeaseStore leases() {
                return leases;
            }

            @Override
            public void close() {}
        };
        Plain store = new Plain(delegate);
        List<String> missing = new ArrayList<>();
        missing.addAll(notOverridden(JobStore.class, store.jobs().getClass()));
        missing.addAll(notOverridden(ProgressStore.class, store.progress().getClass()));
        missing.addAll(notOverridden(LeaseStore.class, store.leases().getClass()));
        assertThat(missing).as("port methods a ForwardingMetadataStore does not forward").isEmpty();
    }

    private static List<String> notOverridden(Class<?> port, Class<?> impl) {
        List<String> out = new ArrayList<>();
        for (Method m : port.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                Method found = impl.getMethod(m.getName(), m.getParameterTypes());
                if (found.getDeclaringClass() != impl) {
                    out.add(port.getSimpleName() + "." + m.getName());
                }
            } catch (NoSuchMethodException e) {
                out.add(port.getSimpleName() + "." + m.getName());
            }
        }
        return out;
    }
}
