package dev.dorisccr.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.PlanStep;
import dev.dorisccr.core.job.ReplayPlan;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.json.SyncProgressJson;
import dev.dorisccr.core.machine.DryRun;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.syncer.DesyncReport;
import dev.dorisccr.core.syncer.JobDetail;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.core.syncer.JobOwner;
import dev.dorisccr.core.syncer.JobService;
import dev.dorisccr.core.syncer.JobStatus;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.core.syncer.SkipBy;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The Go syncer's operations, with its request and answer JSON, on top of a {@link JobService}. */
public final class JobEndpoints {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    /** The Go syncer's default interval of the Cluster CCR monitor: 2 minutes. */
    static final long DEFAULT_MONITOR_INTERVAL_SECONDS = 120;

    private final JobService jobs;
    private final String version;
    private final Supplier<String> metrics;
    private final ZoneId zone;
    private final List<Feature> features;
    private final AtomicLong monitorIntervalSeconds = new AtomicLong(DEFAULT_MONITOR_INTERVAL_SECONDS);

    /**
     * One entry of {@code /features}, as the Go syncer lists its {@code feature_*} flags.
     *
     * @param name the flag name, e.g. {@code feature_atomic_restore}
     * @param value whether the behaviour is on in this syncer
     * @param goDefault the Go syncer's default, as text
     */
    public record Feature(String name, boolean value, String goDefault) {
        public Feature {
            requireNonNull(name, "name is null");
            requireNonNull(goDefault, "goDefault is null");
        }
    }

    /** Like {@link #JobEndpoints(JobService, String, Supplier, ZoneId, List)} with no features listed. */
    public JobEndpoints(JobService jobs, String version, Supplier<String> metrics, ZoneId zone) {
        this(jobs, version, metrics, zone, List.of());
    }

    /**
     * @param jobs the engine
     * @param version text of {@code /version}
     * @param metrics the Prometheus text of {@code /metrics}
     * @param zone time zone of the timestamps {@code /get_lag} prints (the Go syncer uses its local one)
     * @param features what {@code /features} lists
     */
    public JobEndpoints(JobService jobs, String version, Supplier<String> metrics, ZoneId zone,
            List<Feature> features) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.version = requireNonNull(version, "version is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.features = List.copyOf(features);
    }

    JobOwner ownerOf(String name) {
        return jobs.ownerOf(name);
    }

    String metricsText() {
        return metrics.get();
    }

    Map<String, ApiHandler.Route> routes() {
        Map<String, ApiHandler.Route> r = new LinkedHashMap<>();
        r.put("/version", local(req -> MAPPER.createObjectNode().put("version", version)));
        r.put("/create_ccr", local(this::create));
        r.put("/preflight", local(this::preflight));
        r.put("/get_lag", local(this::lag));
        r.put("/pause", owned(req -> run(() -> jobs.pause(req.name()))));
        r.put("/resume", owned(req -> run(() -> jobs.resume(req.name()))));
        r.put("/delete", owned(req -> run(() -> jobs.delete(req.name()))));
        r.put("/job_status", owned(this::status));
        r.put("/desync", owned(this::desync));
        r.put("/update_job", owned(this::updateJob));
        r.put("/list_jobs", local(this::list));
        r.put("/job_detail", owned(this::detail));
        r.put("/job_progress", owned(req -> ok().set("job_progress",
                SyncProgressJson.node(jobs.progress(req.name()), false))));
        r.put("/force_fullsync", owned(req -> run(() -> jobs.forceFullSync(req.name()))));
        r.put("/verify", owned(this::verify));
        r.put("/dry_run", owned(this::dryRun));
        r.put("/journal", local(this::journal));
        r.put("/recopy", owned(req -> run(() -> jobs.recopyTable(req.name(), req.text("table"))))); // read from the store: any syncer answers
        r.put("/sync", owned(req -> ok().put("triggered", jobs.sync(req.name()))));
        r.put("/update_monitor_interval", local(this::updateMonitorInterval));
        r.put("/get_monitor_interval", local(req -> ok().put("interval_seconds", monitorIntervalSeconds.get())));
        r.put("/job_skip_binlog", owned(this::skipBinlog));
        r.put("/update_host_mapping", owned(this::updateHostMapping));
        r.put("/features", local(req -> {
            ObjectNode n = ok();
            ArrayNode flags = n.putArray("flags");
            features.forEach(f -> flags.addObject().put("feature", f.name()).put("value", f.value())
                    .put("default", f.goDefault()));
            return n;
        }));
        return Map.copyOf(r);
    }

    private ObjectNode create(ApiRequest req) {
        jobs.create(JobSpecJson.parseCreateRequest(req.rawBody()));
        return ok();
    }

    /**
     * {@code /update_job}: as the Go syncer, it changes {@code skip_error} only. Anything else in
     * the body (a {@code src}, a port...) is refused, not silently ignored, and changes nothing.
     */
    private ObjectNode updateJob(ApiRequest req) {
        var fields = new java.util.ArrayList<String>();
        req.body().fieldNames().forEachRemaining(fields::add);
        fields.removeAll(List.of("name", "skip_error"));
        if (!fields.isEmpty()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "update_job changes skip_error only; not "
                    + fields + " (re-create the job to change its clusters)");
        }
        if (!req.body().has("skip_error")) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "update_job needs skip_error (true or false)");
        }
        boolean skip = req.bool("skip_error");
        return run(() -> jobs.updateSkipError(req.name(), skip));
    }

    /** Every check create_ccr would run for this body; stores and changes nothing. */
    private ObjectNode preflight(ApiRequest req) {
        PreflightReport report = jobs.preflight(JobSpecJson.parseCreateRequest(req.rawBody()));
        ObjectNode n = report.passed() ? ok() : MAPPER.createObjectNode().put("success", false)
                .put("error_msg", report.failures());
        var checks = n.putArray("checks");
        for (PreflightReport.Check c : report.checks()) {
            checks.addObject().put("name", c.name()).put("outcome", c.outcome().name()).put("message", c.message());
        }
        return n;
    }

    private ObjectNode lag(ApiRequest req) {
        JobLag lag = jobs.lag(req.name());
        ObjectNode n = ok();
        n.put("lag", lag.lag());
        n.put("lag_seconds", lag.lagSeconds());
        n.put("first_commit_seq", lag.firstCommitSeq());
        n.put("last_commit_seq", lag.lastCommitSeq());
        n.put("first_binlog_timestamp", format(lag.firstBinlogTimestamp()));
        n.put("last_binlog_timestamp", format(lag.lastBinlogTimestamp()));
        long interval = lag.firstBinlogTimestamp() < 0 || lag.lastBinlogTimestamp() < 0
                ? 0 : Math.max(0, (lag.lastBinlogTimestamp() - lag.firstBinlogTimestamp()) / 1000);
        n.put("time_interval_secs", interval);
        return n;
    }

    private String format(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(Math.max(0, epochMillis)).atZone(zone));
    }

    private ObjectNode status(ApiRequest req) {
        JobStatus s = jobs.status(req.name());
        ObjectNode n = ok();
        ObjectNode status = n.putObject("status");
        status.put("name", s.name());
        status.put("state", goState(s.state()));
        status.put("progress_state", s.progressState().goName());
        status.put("sub_sync_state", s.subState().goName());
        s.lastError().ifPresent(e -> status.put("last_error", e));
        status.put("caught_up", s.caughtUp());
        status.set("observed", dev.dorisccr.core.json.ObservedStatusJson.node(s.observed()));
        return n;
    }

    /**
     * {@code /verify}: compares the job's target with its source now. Body: {@code name}, optional
     * {@code tables} (source table names; all when absent) and {@code attempts} (1 to 10).
     */
    private ObjectNode verify(ApiRequest req) {
        String name = req.name();
        List<String> tables = new java.util.ArrayList<>();
        JsonNode t = req.body().get("tables");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, "tables must be an array of table names");
            }
            for (JsonNode x : t) {
                if (!x.isTextual() || x.asText().isEmpty()) {
                    throw new CcrException(ErrorCode.INVALID_ARGUMENT, "tables must be an array of table names");
                }
                tables.add(x.asText());
            }
        }
        long attempts = req.integer("attempts", VerifyRequest.DEFAULT_ATTEMPTS);
        if (attempts < 1 || attempts > 10) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "attempts must be 1 to 10");
        }
        VerifyReport report = jobs.verify(name, new VerifyRequest(tables, (int) attempts));
        ObjectNode n = ok();
        n.set("verification", VerifyReportJson.node(report));
        return n;
    }

    /** {@code /journal}: the job's apply journal, newest first, filtered (see {@link JournalApi}). */
    private ObjectNode journal(ApiRequest req) {
        dev.dorisccr.core.spi.JournalQuery q = JournalApi.query(req.body());
        return JournalApi.answer(q, jobs.journal(q));
    }

    /** {@code /dry_run}: what the job would do with its next {@code count} binlogs (default 10). */
    private ObjectNode dryRun(ApiRequest req) {
        String name = req.name();
        long count = req.integer("count", 10);
        if (count < 1 || count > DryRun.MAX_BINLOGS) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "count must be 1 to " + DryRun.MAX_BINLOGS);
        }
        ReplayPlan plan = jobs.plan(name, (int) count);
        ObjectNode n = ok();
        ObjectNode p = n.putObject("plan");
        p.put("job", plan.job());
        p.put("from_commit_seq", plan.fromCommitSeq());
        p.put("end", plan.end());
        ArrayNode steps = p.putArray("steps");
        for (PlanStep s : plan.steps()) {
            ObjectNode sn = steps.addObject();
            sn.put("commit_seq", s.commitSeq());
            sn.put("type", s.type());
            sn.put("action", s.action());
            sn.put("detail", s.detail());
            ArrayNode sql = sn.putArray("statements");
            s.statements().forEach(sql::add);
        }
        return n;
    }

    private ObjectNode desync(ApiRequest req) {
        DesyncReport report = jobs.desync(req.name());
        if (!report.ok()) {
            throw new CcrException(ErrorCode.DORIS_SQL_FAILED, "failed tables: " + String.join(",", report.failed()));
        }
        return ok();
    }

    private ObjectNode list(ApiRequest req) {
        List<String> names = jobs.list();
        ObjectNode n = ok();
        if (!names.isEmpty()) {
            ArrayNode a = n.putArray("jobs");
            names.forEach(a::add);
        }
        return n;
    }

    private ObjectNode detail(ApiRequest req) {
        JobDetail d = jobs.detail(req.name());
        ObjectNode spec = JobSpecJson.publicNode(d.spec());
        spec.put("state", d.state() == DesiredState.PAUSED ? 1 : 0);
        ObjectNode n = ok();
        n.set("job_detail", spec);
        return n;
    }

    /**
     * The Cluster CCR monitor's interval, as the Go syncer takes it. This syncer has no Cluster CCR
     * (one job per source database, created and dropped by the monitor) yet, so the value is kept
     * and answered but nothing runs on it.
     */
    private ObjectNode updateMonitorInterval(ApiRequest req) {
        long seconds = req.integer("interval_seconds", 0);
        if (seconds <= 0) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "interval_seconds must be > 0");
        }
        monitorIntervalSeconds.set(seconds);
        return ok();
    }

    private ObjectNode skipBinlog(ApiRequest req) {
        String name = req.name();
        String by = req.text("skip_by");
        long seq = req.integer("skip_commit_seq", 0);
        if ("fullsync".equals(by)) {
            jobs.skipBinlog(name, SkipBy.FULLSYNC, seq);
        } else if ("silence".equals(by)) {
            if (seq <= 0) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, "skip_commit_seq must be > 0 to skip silently");
            }
            jobs.skipBinlog(name, SkipBy.SILENCE, seq);
        } else {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "skip_by must be \"silence\" or \"fullsync\"");
        }
        return ok();
    }

    private ObjectNode updateHostMapping(ApiRequest req) {
        String name = req.name();
        Map<String, String> src = mapping(req.body(), "src_host_mapping");
        Map<String, String> dest = mapping(req.body(), "dest_host_mapping");
        if (src.isEmpty() && dest.isEmpty()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT,
                    "src_host_mapping and dest_host_mapping are both empty");
        }
        jobs.updateHostMapping(name, src, dest);
        return ok();
    }

    private static Map<String, String> mapping(JsonNode body, String key) {
        JsonNode m = body.get(key);
        Map<String, String> out = new TreeMap<>();
        if (m == null || m.isNull()) {
            return out;
        }
        if (!m.isObject()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, key + " must be a JSON object of host -> host");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, key + "." + e.getKey() + " must be a string");
            }
            String to = e.getValue().asText();
            if (!plainHost(e.getKey()) || !to.isEmpty() && !plainHost(to)) {
                // a newline here would end up in log lines and in the addresses the syncer dials
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, key + " maps host to host: an empty host or one with"
                        + " a space or a control character is refused");
            }
            out.put(e.getKey(), to);
        }
        return out;
    }

    private static boolean plainHost(String h) {
        return !h.isEmpty() && h.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    /** The Go syncer's {@code JobState} names; a job being deleted is not running. */
    private static String goState(DesiredState state) {
        switch (state) {
            case RUNNING:
                return "running";
            case PAUSED:
                return "paused";
            case DELETED:
                return "deleted";
        }
        throw new IllegalStateException(state.name());
    }

    private static ApiHandler.Route local(ApiHandler.Action a) {
        return new ApiHandler.Route(false, a);
    }

    private static ApiHandler.Route owned(ApiHandler.Action a) {
        return new ApiHandler.Route(true, a);
    }

    private static ObjectNode run(Runnable r) {
        r.run();
        return ok();
    }

    private static ObjectNode ok() {
        return MAPPER.createObjectNode().put("success", true);
    }
}
