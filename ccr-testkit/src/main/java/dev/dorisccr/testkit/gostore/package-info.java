/**
 * Go-syncer-shaped metadata stores for migration tests: {@link
 * dev.dorisccr.testkit.gostore.GoStoreFixture} writes the tables and rows, {@link
 * dev.dorisccr.testkit.gostore.GoJobJson} and {@link dev.dorisccr.testkit.gostore.GoProgressJson}
 * the Go job and progress JSON.
 */
package dev.dorisccr.testkit.gostore;
