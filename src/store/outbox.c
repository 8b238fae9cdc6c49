/*
 * The receipt outbox. A job is written in the same transaction as its sale
 * (store/sales.c); a worker claims one job at a time and walks the till's
 * fallback chain (dev/deliver.c). Every attempt is written before anything
 * is sent and finished after, so a target that has an attempt is never
 * sent the job again: a crash in the middle of printing leaves an attempt
 * that never finished, and the job goes on down the chain rather than
 * printing twice.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "outbox.h"
#include "store.h"
#include "xmalloc.h"

/*
 * Jobs claimed by a worker that is no longer running go back to waiting;
 * their attempts stay, so nothing they may have printed prints again.
 */
int
outbox_release_stale(struct db *db, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 id, pid;
	int		 rc = 0;

	st = db_prepare(db, "SELECT id, coalesce(claimed_by, 0) FROM outbox "
	    "WHERE state = 'working'", cause);
	if (st == NULL)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_stmt *up;

		id = sqlite3_column_int64(st, 0);
		pid = sqlite3_column_int64(st, 1);
		if (pid > 0 && (pid == getpid() || kill((pid_t)pid, 0) == 0))
			continue;
		up = db_prepare(db, "UPDATE outbox SET state = 'waiting', "
		    "claimed_by = NULL WHERE id = ? AND state = 'working'",
		    cause);
		if (up == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(up, 1, id);
		if (db_step_done(db, up, cause) != 0) {
			rc = -1;
			break;
		}
	}
	sqlite3_finalize(st);
	return (rc);
}

/*
 * Claim the oldest waiting job (held ones too when 'held' is set): 1 and
 * the job, 0 when there is none, -1 on error.
 */
int
outbox_claim(struct db *db, int held, struct outbox_job *job, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(job, 0, sizeof *job);
	if (db_begin(db, cause) != 0)
		return (-1);
	st = db_prepare(db, "SELECT o.id, coalesce(s.till_id, 0), "
	    "coalesce(s.receipt_no, 0), o.copy, coalesce(o.email, ''), "
	    "coalesce(s.store_name, ''), EXISTS (SELECT 1 FROM sale_tender t "
	    "WHERE t.sale_id = s.id AND t.type = 'cash'), o.kind, "
	    "coalesce(o.title, ''), o.text FROM outbox o LEFT JOIN sale s ON "
	    "s.id = o.sale_id WHERE o.state = 'waiting' OR (?1 AND o.state = "
	    "'held') ORDER BY o.id LIMIT 1", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int(st, 1, held);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		job->id = sqlite3_column_int64(st, 0);
		job->till = sqlite3_column_int64(st, 1);
		job->receipt_no = sqlite3_column_int64(st, 2);
		job->copy = sqlite3_column_int(st, 3);
		snprintf(job->email, sizeof job->email, "%s", db_text(st, 4));
		snprintf(job->store, sizeof job->store, "%s", db_text(st, 5));
		job->cash = sqlite3_column_int(st, 6);
		if (strcmp(db_text(st, 7), "report") == 0) {
			snprintf(job->title, sizeof job->title, "%s",
			    db_text(st, 8));
			job->text = xstrdup(db_text(st, 9));
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		db_rollback(db);
		return (rc == SQLITE_DONE ? 0 : -1);
	}
	st = db_prepare(db, "UPDATE outbox SET state = 'working', claimed_by = "
	    "? WHERE id = ?", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)getpid());
	sqlite3_bind_int64(st, 2, job->id);
	if (db_step_done(db, st, cause) != 0 || db_commit(db, cause) != 0)
		goto fail;
	return (1);
fail:
	db_rollback(db);
	outbox_job_clear(job);
	return (-1);
}

void
outbox_job_clear(struct outbox_job *job)
{
	free(job->text);
	job->text = NULL;
}

/*
 * Queue an X or Z report for the receipt printer: a job of kind 'report'
 * that carries the text as printed, so what prints is what was stored.
 */
int
outbox_queue_report(struct db *db, const char *title, const char *text,
    char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "INSERT INTO outbox (kind, title, text, "
	    "created_at) VALUES ('report', ?, ?, ?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	return (db_step_done(db, st, cause));
}

/* Whether the job has been sent to target already, or may have been. */
int
outbox_tried(struct db *db, int64_t job, const char *target)
{
	sqlite3_stmt	*st;
	int		 found = 1;	/* when in doubt, do not send again */

	st = db_prepare(db, "SELECT count(*) FROM outbox_attempt WHERE "
	    "outbox_id = ? AND target = ?", NULL);
	if (st == NULL)
		return (1);
	sqlite3_bind_int64(st, 1, job);
	sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		found = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return (found);
}

/* Written, durably, before the first byte goes to target. */
int
outbox_attempt_begin(struct db *db, int64_t job, const char *target,
    int64_t *attempt, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "INSERT INTO outbox_attempt (outbox_id, target, "
	    "started_at) VALUES (?, ?, ?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, job);
	sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	*attempt = sqlite3_last_insert_rowid(db->h);
	return (0);
}

/* The attempt's end: error NULL when it went through. */
int
outbox_attempt_end(struct db *db, int64_t attempt, const char *error,
    char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "UPDATE outbox_attempt SET finished_at = ?, "
	    "result = ?, error = ? WHERE id = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, error == NULL ? "ok" : "failed", -1,
	    SQLITE_STATIC);
	if (error != NULL)
		sqlite3_bind_text(st, 3, error, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, attempt);
	return (db_step_done(db, st, cause));
}

/* The job's end: delivered to target, or (target NULL) to nowhere. */
int
outbox_finish(struct db *db, int64_t job, const char *target, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE outbox SET state = ?, delivered_to = ?, "
	    "claimed_by = NULL WHERE id = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, target != NULL ? "done" : "failed", -1,
	    SQLITE_STATIC);
	if (target != NULL)
		sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, job);
	return (db_step_done(db, st, cause));
}

/* "Print later": hold a receipt's waiting job (hold 0 releases it). */
int
outbox_hold(struct db *db, int64_t till, int64_t receipt_no, int hold,
    char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE outbox SET state = ?1 WHERE state = ?2 "
	    "AND sale_id = (SELECT id FROM sale WHERE till_id = ?3 AND "
	    "receipt_no = ?4)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, hold ? "held" : "waiting", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hold ? "waiting" : "held", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, till);
	sqlite3_bind_int64(st, 4, receipt_no);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	if (sqlite3_changes(db->h) == 0) {
		set_cause(cause, _("receipt %lld is not waiting to be "
		    "delivered"), (long long)receipt_no);
		return (-1);
	}
	return (0);
}

/* "Email this receipt": the address goes with the receipt's job. */
int
outbox_set_email(struct db *db, int64_t till, int64_t receipt_no,
    const char *email, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE outbox SET email = ?1, state = CASE WHEN "
	    "state = 'held' THEN 'waiting' ELSE state END WHERE state IN "
	    "('waiting', 'held') AND sale_id = (SELECT id FROM sale WHERE "
	    "till_id = ?2 AND receipt_no = ?3)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, till);
	sqlite3_bind_int64(st, 3, receipt_no);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	if (sqlite3_changes(db->h) == 0) {
		set_cause(cause, _("receipt %lld is no longer waiting; use a "
		    "copy instead"), (long long)receipt_no);
		return (-1);
	}
	return (0);
}

/*
 * What the till's printer did last: NULL when it printed (or was never
 * tried), else the error of its last attempt. For the status line.
 */
char *
outbox_printer_trouble(struct db *db)
{
	sqlite3_stmt	*st;
	char		*why = NULL;

	st = db_prepare(db, "SELECT result, coalesce(error, '') FROM "
	    "outbox_attempt WHERE target = 'printer' AND result != 'started' "
	    "ORDER BY id DESC LIMIT 1", NULL);
	if (st == NULL)
		return (NULL);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    strcmp(db_text(st, 0), "failed") == 0)
		why = xstrdup(db_text(st, 1));
	sqlite3_finalize(st);
	return (why);
}

/*
 * Print jobs: a report queued from the console, as the text it showed laid
 * out for the printer. Nothing about money hangs on them, so they have no
 * attempts of their own: a job is claimed, walked down the printer targets
 * once, and ends done or failed.
 */
int
print_job_queue(struct db *db, int64_t till, const char *kind,
    const char *title, const char *body, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "INSERT INTO print_job (till_id, kind, title, "
	    "body, created_at) VALUES (?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	return (db_step_done(db, st, cause));
}

/*
 * Claim the oldest waiting print job (or one whose worker is gone): 1 and
 * the job, 0 when there is none, -1 on error.
 */
int
print_job_claim(struct db *db, struct print_job *job, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(job, 0, sizeof *job);
	st = db_prepare(db, "UPDATE print_job SET state = 'working', "
	    "claimed_by = ?1 WHERE id = (SELECT id FROM print_job WHERE "
	    "state = 'waiting' ORDER BY id LIMIT 1) RETURNING id, till_id, "
	    "title, body, coalesce((SELECT value FROM setting WHERE key = "
	    "'store.name'), '')", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)getpid());
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		job->id = sqlite3_column_int64(st, 0);
		job->till = sqlite3_column_int64(st, 1);
		job->title = xstrdup(db_text(st, 2));
		job->body = xstrdup(db_text(st, 3));
		job->store = xstrdup(db_text(st, 4));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot claim a print job");
		return (-1);
	}
	return (rc == SQLITE_ROW);
}

int
print_job_finish(struct db *db, int64_t id, const char *to,
    const char *error, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE print_job SET state = ?, delivered_to = "
	    "?, error = ? WHERE id = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, to != NULL ? "done" : "failed", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, error, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	return (db_step_done(db, st, cause));
}

void
print_job_clear(struct print_job *job)
{
	free(job->title);
	free(job->body);
	free(job->store);
	memset(job, 0, sizeof *job);
}
