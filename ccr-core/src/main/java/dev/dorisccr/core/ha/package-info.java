/**
 * High availability without a coordinator: syncers share one metadata store, heartbeat into it and
 * hold one lease per job with a fencing token. Pure logic over the store ports and an injected
 * clock.
 *
 * <pre>{@code
 * HaSettings ha = HaSettings.defaults();
 * SyncerMembership me = new SyncerMembership(store.leases(), "10.0.0.5:9190", clock, ha);
 * JobLeaseManager manager = new JobLeaseManager(store.jobs(), store.leases(), me, localJobs, clock, ha);
 * scheduler.scheduleAtFixedRate(manager::tick, ha.tickInterval());
 * }</pre>
 */
package dev.dorisccr.core.ha;
