/*
 * Payment attempts: every card (or other external) payment is written as
 * 'pending' before the cashier asks the terminal, so a crash, a frozen
 * terminal or a power cut can never leave a charge nobody knows about. An
 * attempt ends approved or declined, or 'unknown' when the cashier cannot
 * tell; unknown blocks the sale and any new attempt until it is resolved,
 * and the resolution is kept. This is how a customer is never charged twice.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "payment.h"
#include "sales.h"
#include "store.h"
#include "xmalloc.h"

static const char *state_names[] = {
	"pending", "approved", "declined", "unknown"
};

const char *
payment_state_name(enum payment_state s)
{
	return (state_names[s]);
}

/* Record an attempt as pending; durable before the terminal is asked. */
int
payment_begin(struct db *db, int64_t till, const char *basket_id,
    const char *method, int64_t amount, int64_t *id, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	if (payment_unresolved(db, basket_id, NULL, cause) != 0) {
		if (cause != NULL && *cause == NULL)
			set_cause(cause, _("an earlier payment is unresolved: "
			    "check the terminal and resolve it first"));
		return (-1);
	}
	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "INSERT INTO payment_attempt (till_id, basket_id, "
	    "method, amount, state, created_at) VALUES (?, ?, ?, ?, "
	    "'pending', ?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_text(st, 2, basket_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, method, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, amount);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	*id = sqlite3_last_insert_rowid(db->h);
	return (0);
}

/*
 * Set an attempt's outcome. 'resolution' says how an unknown one was
 * settled ("checked the terminal: approved"); reference is the terminal's.
 */
int
payment_resolve(struct db *db, int64_t id, enum payment_state state,
    const char *reference, const char *resolution, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "UPDATE payment_attempt SET state = ?, "
	    "reference = coalesce(?, reference), "
	    "resolution = coalesce(?, resolution), "
	    "resolved_at = CASE WHEN ? IN ('approved', 'declined') THEN ? "
	    "ELSE resolved_at END WHERE id = ? AND state IN ('pending', "
	    "'unknown')", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, state_names[state], -1, SQLITE_STATIC);
	if (reference != NULL && *reference != '\0')
		sqlite3_bind_text(st, 2, reference, -1, SQLITE_STATIC);
	if (resolution != NULL)
		sqlite3_bind_text(st, 3, resolution, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, state_names[state], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, id);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	if (sqlite3_changes(db->h) != 1) {
		set_cause(cause, _("payment %lld is already settled"),
		    (long long)id);
		return (-1);
	}
	return (0);
}

/*
 * Whether the basket has an attempt still pending or unknown: 1 and the
 * attempt in *a (if not NULL), 0 if none, -1 on error.
 */
int
payment_unresolved(struct db *db, const char *basket_id,
    struct payment_attempt *a, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (basket_id == NULL || *basket_id == '\0')
		return (0);
	st = db_prepare(db, "SELECT id, method, amount, state FROM "
	    "payment_attempt WHERE basket_id = ? AND state IN ('pending', "
	    "'unknown') ORDER BY id LIMIT 1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, basket_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && a != NULL) {
		a->id = sqlite3_column_int64(st, 0);
		snprintf(a->method, sizeof a->method, "%s", db_text(st, 1));
		a->amount = sqlite3_column_int64(st, 2);
		a->state = strcmp(db_text(st, 3), "unknown") == 0 ?
		    PAYMENT_UNKNOWN : PAYMENT_PENDING;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the payments");
		return (-1);
	}
	return (rc == SQLITE_ROW);
}

/*
 * A payment taken back: stored as an attempt of the negative amount, so
 * the record shows the money that went back and how.
 */
int
payment_refund(struct db *db, int64_t till, const char *basket_id,
    const char *method, int64_t amount, const char *how, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "INSERT INTO payment_attempt (till_id, basket_id, "
	    "method, amount, state, created_at, resolved_at, resolution) "
	    "VALUES (?, ?, ?, ?, 'approved', ?, ?, ?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_text(st, 2, basket_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, method, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, -amount);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, how, -1, SQLITE_STATIC);
	return (db_step_done(db, st, cause));
}

/*
 * An approved payment and the open basket that now holds its tender, in
 * one transaction: a crash can never leave a charge the sale forgot.
 */
int
payment_approve(struct db *db, int64_t id, const char *reference,
    const char *how, int64_t till, struct sale *s, char **cause)
{
	if (db_begin(db, cause) != 0)
		return (-1);
	if (payment_resolve(db, id, PAYMENT_APPROVED, reference, how,
	    cause) != 0 || basket_save(db, till, s, cause) != 0) {
		db_rollback(db);
		return (-1);
	}
	return (db_commit(db, cause));
}
