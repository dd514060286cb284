package dev.dorisccr.server.ctl;

import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.InMemoryJobService;
import dev.dorisccr.server.http.JobEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.ZoneOffset;

/** Loopback servers for the ctl tests: a real ApiServer over an InMemoryJobService, and dead ports. */
final class CtlServers {
    private CtlServers() {}

    static ApiServer api(InMemoryJobService jobs) {
        JobEndpoints endpoints = new JobEndpoints(jobs, "0.1.0-test", () -> "", ZoneOffset.UTC);
        return ApiServer.start("127.0.0.1", 0, new ApiHandler(endpoints));
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
