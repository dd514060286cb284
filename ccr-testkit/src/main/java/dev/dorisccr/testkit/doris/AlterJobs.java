package dev.dorisccr.testkit.doris;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The FE's alter job queue. A job is logged (ALTER_JOB binlog) at each state Doris persists:
 * PENDING when created, WAITING_TXN when its shadow or rollup replicas exist, FINISHED (or
 * CANCELLED); RUNNING is shown by SHOW ALTER TABLE but not logged, as in Doris. While a job runs
 * its table is in state SCHEMA_CHANGE or ROLLUP and refuses other ALTERs. By default a job
 * finishes within the statement that created it; {@link #setDuration} makes it run that long on
 * the cluster's clock (it finishes on the first lock taken after that). Callers hold the lock.
 */
final class AlterJobs {
    private final SimState s;
    private final Txns txns;
    final List<AlterJob> jobs = new ArrayList<>();
    private Duration duration = Duration.ZERO;

    AlterJobs(SimState s, Txns txns) {
        this.s = s;
        this.txns = txns;
    }

    void setDuration(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative alter job duration: " + d);
        }
        duration = d;
    }

    /** Doris refuses an ALTER while the table runs an alter job. */
    static void checkNormal(SimTable t) {
        if (!t.state.equals("NORMAL")) {
            throw SimException.analysis("Table[" + t.name + "]'s state(" + t.state
                    + ") is not NORMAL. Do not allow doing ALTER ops");
        }
    }

    /** Creates the job (PENDING), moves it to WAITING_TXN and RUNNING, and finishes it when no duration is set. */
    void submit(AlterJob job) {
        checkNormal(job.table);
        jobs.add(job);
        job.table.state = job.type == AlterJob.Type.SCHEMA_CHANGE ? "SCHEMA_CHANGE" : "ROLLUP";
        log(job);
        job.watershedTxnId = txns.takeTxnId();
        job.state = "WAITING_TXN";
        log(job);
        job.state = "RUNNING";
        if (duration.isZero()) {
            finish(job);
        }
    }

    /** Finishes every running job whose time is up (called on every lock). */
    void advanceDue() {
        for (AlterJob j : jobs) {
            if (j.state.equals("RUNNING") && s.nowMs() >= j.createMs + duration.toMillis()) {
                finish(j);
            }
        }
    }

    private void finish(AlterJob job) {
        boolean tableGone = s.dbById(job.db.id).flatMap(d -> d.tableById(job.table.id)).isEmpty();
        if (tableGone) {
            cancel(job, "table " + job.table.name + " does not exist");
            return;
        }
        job.apply.run();
        job.state = "FINISHED";
        job.finishMs = s.nowMs();
        job.table.state = "NORMAL";
        long seq = log(job);
        if (job.type == AlterJob.Type.SCHEMA_CHANGE) {
            job.shadows.forEach(sh -> s.journal.droppedIndex(job.db.id, sh.originId(), seq));
        }
    }

    /** CANCEL ALTER TABLE COLUMN|ROLLUP FROM t: the running jobs of the table end CANCELLED, nothing changes. */
    void cancel(SimTable t, AlterJob.Type type) {
        boolean any = false;
        for (AlterJob j : jobs) {
            if (j.table == t && j.type == type && !j.done()) {
                cancel(j, "user cancelled");
                any = true;
            }
        }
        if (!any) {
            throw SimException.analysis("No job to cancel for Table[" + t.name + "]");
        }
    }

    private void cancel(AlterJob job, String why) {
        job.state = "CANCELLED";
        job.msg = why;
        job.finishMs = s.nowMs();
        job.table.state = "NORMAL";
        log(job);
    }

    private long log(AlterJob job) {
        return s.log(SimBinlog.ALTER_JOB, job.db, List.of(job.table), s.ddlTimestamp(), seq -> s.payloads.alterJob(job));
    }
}
