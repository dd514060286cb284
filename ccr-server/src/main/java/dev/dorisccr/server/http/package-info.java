/**
 * The HTTP API of the syncer: the Go {@code ccr-syncer}'s operations and JSON, served by Undertow.
 *
 * <pre>{@code
 * JobEndpoints endpoints = new JobEndpoints(jobService, "0.1.0", registry::scrape, ZoneId.systemDefault());
 * try (ApiServer server = ApiServer.start("127.0.0.1", 9190, new ApiHandler(endpoints))) {
 *     ...
 * }
 * }</pre>
 */
package dev.dorisccr.server.http;
