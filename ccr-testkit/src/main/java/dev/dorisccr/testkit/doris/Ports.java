package dev.dorisccr.testkit.doris;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for simulated processes that restart. A process that comes back must get its
 * port again, so ports are taken below the kernel's ephemeral range: an outgoing connection of
 * anybody on the machine can take an ephemeral port the moment its server lets it go.
 */
final class Ports {
    private static final int LOWEST = 10_000;

    private Ports() {}

    /** A port free right now, below the ephemeral range (or any free port when there is no room). */
    static int pick() {
        int top = ephemeralLow();
        for (int attempt = 0; attempt < 200 && top > LOWEST + 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, top);
            if (free(port)) {
                return port;
            }
        }
        return 0;
    }

    /** Opens a server on a picked port, picking again if somebody took the port in between. */
    static <T> T open(java.util.function.IntFunction<T> server) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return server.apply(pick());
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The low end of the ephemeral range. Read line by line: on some kernels (sandboxes) procfs
     * reports a size that makes {@code Files.readString} return a truncated value.
     */
    static int ephemeralLow() {
        try (BufferedReader r = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String line = r.readLine();
            int low = Integer.parseInt(line.trim().split("\\s+")[0]);
            return low >= 1024 && low <= 65_535 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768; // the Linux default
        }
    }
}
