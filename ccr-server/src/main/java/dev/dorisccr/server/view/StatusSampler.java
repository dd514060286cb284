package dev.dorisccr.server.view;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.PeriodicRound;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalQuery;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.syncer.JobDetail;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.core.syncer.JobService;
import dev.dorisccr.core.syncer.JobStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every job at a fixed interval for the status page: its status, progress and spec, and
 * one lag read per job per round (a request never makes one). The lag read is the job's shared
 * sample ({@code LagSampler}): the page, {@code /get_lag}, {@code caught_up} and the lag gauges
 * together cause at most one source FE call per job per 10 s. Each job keeps a ring of its last lag readings and a log of its last events, found by
 * comparing successive samples ({@link HistoryEvents}); both are bounded, and a job that leaves
 * the store leaves the sampler. Rounds run one at a time on the given scheduler, the next one
 * {@code interval} after the previous one ends, so a slow source FE delays rounds, never piles
 * them up. Readers get an immutable {@link StatusSnapshot}.
 *
 * <p>The history is in memory: it starts empty when the syncer starts, and each syncer sampling
 * the same store builds its own.
 */
public final class StatusSampler implements AutoCloseable {
    /** Time between two rounds in the server. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Lag readings kept per job: 30 minutes at the default interval. */
    public static final int DEFAULT_LAG_POINTS = 180;
    /** Events kept per job. */
    public static final int DEFAULT_EVENTS = 100;

    private static final Logger log = LoggerFactory.getLogger(StatusSampler.class);
    /** Journal entries shown per job. */
    static final int JOURNAL_ENTRIES = 10;

    private final JobService jobs;
    private final InstantSource clock;
    private final Duration interval;
    private final int lagPoints;
    private final int maxEvents;
    /** The commit seqs of the job {@link #sample} read last (sampling runs on one thread at a time). */
    private String sampledSeqs = "";
    /** Per job, touched only by a round (rounds never overlap: {@link #sampleOnce()} is synchronized). */
    private final TreeMap<String, Track> tracks = new TreeMap<>();
    private final PeriodicRound rounds;
    private boolean listFailing;
    private volatile StatusSnapshot latest;

    /** With the default interval and bounds. */
    public StatusSampler(JobService jobs, Scheduler scheduler, InstantSource clock) {
        this(jobs, scheduler, clock, DEFAULT_INTERVAL, DEFAULT_LAG_POINTS, DEFAULT_EVENTS);
    }

    public StatusSampler(JobService jobs, Scheduler scheduler, InstantSource clock, Duration interval, int lagPoints,
            int maxEvents) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        if (lagPoints < 1 || maxEvents < 1) {
            throw new IllegalArgumentException("lagPoints and maxEvents must be at least 1");
        }
        this.lagPoints = lagPoints;
        this.maxEvents = maxEvents;
        this.latest = StatusSnapshot.empty(interval);
        this.rounds = new PeriodicRound("status page sampling round", this::round, scheduler, interval);
    }

    /** Runs the first round now, then one every interval until {@link #close()}. */
    public void start() {
        rounds.startNow();
    }

    /** What the last round saw. */
    public StatusSnapshot snapshot() {
        return latest;
    }

    public Duration interval() {
        return interval;
    }

    private void round() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            // Not one of the JobService's coded failures: keep the last snapshot and try next round.
            log.warn("status page sampling round failed; the page shows the previous round", e);
        }
    }

    /** One round: samples every job in the store and publishes a new snapshot. */
    synchronized void sampleOnce() {
        List<String> names;
        try {
            names = jobs.list();
        } catch (CcrException e) {
            if (!listFailing) {
                log.warn("status page: cannot list jobs ({}: {}); showing the last round until it can",
                        e.code(), e.getMessage());
            }
            listFailing = true;
            return;
        }
        if (listFailing) {
            log.info("status page: listing jobs works again");
            listFailing = false;
        }
        TreeMap<String, Track> kept = new TreeMap<>();
        for (String name : names) {
            Track track = tracks.get(name);
            Optional<JobSample> sample = sample(name, track);
            if (sample.isEmpty()) {
                continue; // gone between list and read
            }
            if (track == null) {
                track = new Track();
            }
            track.add(sample.get());
            track.seqs = sampledSeqs;
            journal(name, track);
            kept.put(name, track);
        }
        tracks.clear();
        tracks.putAll(kept);
        List<JobHistory> histories = new ArrayList<>(tracks.size());
        tracks.values().forEach(t -> histories.add(t.history()));
        latest = new StatusSnapshot(clock.millis(), interval, histories);
    }

    /**
     * The job now; empty when it is gone. When its status cannot be read (store trouble), the last
     * sample again, without a new lag reading (the page shows how old it is).
     */
    private Optional<JobSample> sample(String name, Track track) {
        JobDetail detail;
        JobStatus status;
        SyncProgress progress;
        try {
            detail = jobs.detail(name);
            status = jobs.status(name);
            progress = jobs.progress(name);
        } catch (CcrException e) {
            if (e.code() == ErrorCode.JOB_NOT_FOUND) {
                return Optional.empty();
            }
            log.debug("status page: cannot read job {} ({}: {})", name, e.code(), e.getMessage());
            return track == null ? Optional.empty() : Optional.of(track.latest);
        }
        sampledSeqs = progress.prevCommitSeq() + "/" + progress.commitSeq();
        long now = clock.millis();
        Optional<LagPoint> lag = Optional.empty();
        String lagError = "";
        try {
            JobLag l = jobs.lag(name);
            lag = Optional.of(new LagPoint(now, l.lag(), l.lagSeconds()));
        } catch (CcrException e) {
            lagError = e.code() + ": " + HistoryEvents.truncate(e.getMessage(), HistoryEvents.MAX_MESSAGE);
        }
        JobSpec spec = detail.spec();
        String type = spec.isTableAlias() ? "table_sync_with_alias" : spec.syncType().goName();
        boolean hostMapping = !spec.source().cluster().hostMapping().mapping().isEmpty()
                || !spec.target().cluster().hostMapping().mapping().isEmpty();
        return Optional.of(new JobSample(name, type, describe(spec.source()), describe(spec.target()), detail.state(),
                status.observed(), progress.syncState().goName(), progress.subSyncState().goName(), lag, lagError,
                progress.fullSyncReason(), progress.fullSyncStartAt(), hostMapping, now));
    }

    /**
     * The newest journal entries, read again only when the job moved (its commit seqs or its
     * observed status changed): an idle job costs no store read per round.
     */
    private void journal(String name, Track track) {
        JobSample s = track.latest;
        String mark = s.observed() + "|" + s.syncState() + "|" + track.seqs;
        if (mark.equals(track.journalMark)) {
            return;
        }
        try {
            track.journal = Optional.of(jobs.journal(JournalQuery.latest(name).withLimit(JOURNAL_ENTRIES)));
            track.journalMark = mark;
        } catch (CcrException e) {
            if (e.code() == ErrorCode.DORIS_UNSUPPORTED) {
                track.journal = Optional.empty(); // the store keeps no journal
                track.journalMark = mark;
            } else {
                log.debug("status page: cannot read the journal of job {} ({}: {})", name, e.code(), e.getMessage());
            }
        }
    }

    private static String describe(JobEndpoint e) {
        String scope = e.isTable() ? e.database() + "." + e.table() : e.database();
        return e.cluster().host() + ":" + e.cluster().port() + " " + scope;
    }

    @Override
    public void close() {
        rounds.close();
    }

    /** One job's latest sample, lag ring and event log. */
    private final class Track {
        private JobSample latest;
        private final ArrayDeque<LagPoint> lag = new ArrayDeque<>();
        private final ArrayDeque<HistoryEvent> events = new ArrayDeque<>();
        private Optional<List<JournalEntry>> journal = Optional.empty();
        private String journalMark = "";
        /** The commit seqs of the last progress read, part of what says the journal may have grown. */
        private String seqs = "";

        void add(JobSample sample) {
            if (sample == latest) {
                return; // the status could not be read: nothing new
            }
            for (HistoryEvent e : HistoryEvents.between(Optional.ofNullable(latest), sample)) {
                if (events.size() == maxEvents) {
                    events.removeFirst();
                }
                events.addLast(e);
            }
            sample.lag().ifPresent(p -> {
                if (lag.size() == lagPoints) {
                    lag.removeFirst();
                }
                lag.addLast(p);
            });
            latest = sample;
        }

        JobHistory history() {
            return new JobHistory(latest, List.copyOf(lag), List.copyOf(events), journal);
        }
    }
}
