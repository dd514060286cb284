package dev.dorisccr.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The readable forms of the answers, from the JSON JobEndpoints and the Go syncer write. */
class ViewsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void aFailedJobShowsItsErrorStepAndWhatToDo() throws Exception {
        JsonNode answer = json("""
                {"success":true,"status":{"name":"j","state":"running","progress_state":"TableIncrementalSync",
                 "sub_sync_state":"Done","last_error":"DDL_UNSUPPORTED: no","caught_up":false,
                 "observed":{"state":"FAILED","detail":"ALTER","since":1735787045000,
                  "error":{"code":"DDL_UNSUPPORTED","message":"no","step":"apply binlog","commit_seq":42,
                   "first_at":1735787000000,"last_at":1735787045000,"count":3,"actions":["skip","force_fullsync"]}}}}
                """);

        assertThat(Views.status(answer)).isEqualTo("""
                job               j
                state             running
                progress state    TableIncrementalSync
                sub sync state    Done
                caught up         no
                observed          FAILED (ALTER)
                since             2025-01-02T03:04:05Z
                error             DDL_UNSUPPORTED: no
                error step        apply binlog
                error commit seq  42
                error count       3 since 2025-01-02T03:03:20Z
                what to do        skip, force_fullsync
                """);
    }

    @Test
    void theGoSyncersStatusHasOnlyItsThreeFields() throws Exception {
        JsonNode go = json("{\"success\":true,\"status\":{\"name\":\"ccr_db_table_alias\",\"state\":\"running\","
                + "\"progress_state\":\"TableIncrementalSync\"}}");

        assertThat(Views.status(go)).isEqualTo("job             ccr_db_table_alias\nstate           running\n"
                + "progress state  TableIncrementalSync\n");
    }

    @Test
    void backingOffShowsTheAttemptAndTheNextTry() throws Exception {
        JsonNode answer = json("{\"status\":{\"name\":\"j\",\"observed\":{\"state\":\"BACKING_OFF\",\"attempt\":2,"
                + "\"next_retry_at\":1735787045000}}}");

        assertThat(Views.status(answer)).contains("attempt        2\n")
                .contains("next retry at  2025-01-02T03:04:05Z\n");
    }

    @Test
    void listAndLag() throws Exception {
        assertThat(Views.list(json("{\"success\":true}"))).isEqualTo("no jobs\n");
        assertThat(Views.list(json("{\"success\":true,\"jobs\":[\"a\",\"b\"]}"))).isEqualTo("JOB\na\nb\n");
        assertThat(Views.lag(json("{\"success\":true,\"lag\":7}"))).isEqualTo("lag (binlogs)  7\n");
    }

    @Test
    void flatOpensNestedObjectsArraysAndTheGoSyncersJsonInAString() throws Exception {
        JsonNode detail = json("{\"name\":\"j\",\"src\":{\"host\":\"h\",\"frontends\":[{\"host\":\"a\"}]},"
                + "\"ids\":[1,2],\"none\":[],\"m\":{}}");
        assertThat(Views.flat(detail)).isEqualTo("""
                name                   j
                src.host               h
                src.frontends[0].host  a
                ids                    1, 2
                none                   []
                m                      {}
                """);
    }

    @Test
    void goJobDetailIsAStringHoldingJson() throws Exception {
        JsonNode go = json("{\"job_detail\":\"{\\\"name\\\":\\\"j\\\",\\\"src\\\":{\\\"db_id\\\":10}}\"}");

        assertThat(Views.flat(go.path("job_detail"))).isEqualTo("name       j\nsrc.db_id  10\n");
        assertThat(Views.flat(json("{}"))).isEqualTo("(empty)\n");
        assertThat(Views.flat(json("\"{not json\""))).isEqualTo("value  {not json\n");
    }

    @Test
    void preflightChecksAreATable() throws Exception {
        JsonNode answer = json("{\"success\":false,\"checks\":[{\"name\":\"src binlog\",\"ok\":false,"
                + "\"message\":\"binlog.enable is false\"},{\"name\":\"dest reachable\",\"ok\":true}]}");

        assertThat(Views.preflight(answer)).isEqualTo("NAME            OK     MESSAGE\n"
                + "src binlog      false  binlog.enable is false\ndest reachable  true\n");
        assertThat(Views.preflight(json("{\"success\":true}"))).isEqualTo("success  true\n");
    }

    @Test
    void theJournalIsOneLinePerEntryWithItsLabelAndError() throws Exception {
        JsonNode answer = json("""
                {"success":true,"journal":{"job":"j","entries":[
                 {"commit_seq":12,"type":"UPSERT","tables":["t","u"],"outcome":"APPLIED","detail":"","duration_ms":14,
                  "label":"ccrj-j-12","txn_id":5012,"error_code":"","time":"2026-12-01T16:20:31.412Z"},
                 {"commit_seq":11,"type":"ALTER_JOB","tables":["t"],"outcome":"FAILED","detail":"ApplyBinlog failed: no",
                  "duration_ms":0,"label":"","txn_id":-1,"error_code":"DORIS_SQL_FAILED","time":"2026-12-01T16:20:30Z"}]}}
                """);
        String text = Views.journal(answer.path("journal"));
        assertThat(text).startsWith("journal of job j, newest first\n").contains("COMMIT SEQ");
        assertThat(text.lines().filter(l -> l.contains(" 12 ")).findFirst().orElseThrow())
                .contains("UPSERT").contains("APPLIED").contains("14 ms").contains("t,u")
                .contains("(label ccrj-j-12, txn 5012)");
        assertThat(text).contains("DORIS_SQL_FAILED: ApplyBinlog failed: no");
        assertThat(Views.journal(json("{\"job\":\"j\",\"entries\":[]}"))).endsWith("no entries\n");
    }
}
