/*
 * What happened at the till besides sales (table till_event), and the
 * restricted till actions that are only such an event: a cancelled sale,
 * a no-sale drawer opening, training mode on and off. Each checks the
 * rights itself (src/core/rights.c), with the approver's role read from
 * the database, and is journaled in the same transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "i18n.h"
#include "journal.h"
#include "sale.h"
#include "sales.h"
#include "store.h"
#include "user.h"
#include "xmalloc.h"

static int
shift_of_till(struct db *db, int64_t till, int64_t *shift)
{
	sqlite3_stmt	*st;

	*shift = 0;
	st = db_prepare(db, "SELECT max(id) FROM shift WHERE till_id = ? AND "
	    "id NOT IN (SELECT shift_id FROM shift_close)", NULL);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	if (sqlite3_step(st) == SQLITE_ROW)
		*shift = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (0);
}

/*
 * Record what happened at the till, in the caller's transaction if one is
 * open, and journal it.
 */
int
till_event_add(struct db *db, int64_t till, const struct till_event *e,
    time_t when, int64_t *id, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20], day[11];
	int64_t		 shift, rowid;

	db_time_text(when, at, sizeof at);
	memcpy(day, at, 10);
	day[10] = '\0';
	shift_of_till(db, till, &shift);
	st = db_prepare(db, "INSERT INTO till_event (till_id, shift_id, kind, "
	    "user_id, approver_id, amount, sale_id, detail, training, "
	    "created_at, business_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	if (shift != 0)
		sqlite3_bind_int64(st, 2, shift);
	sqlite3_bind_text(st, 3, e->kind, -1, SQLITE_STATIC);
	if (e->user != NULL && e->user->id > 0)
		sqlite3_bind_int64(st, 4, e->user->id);
	if (e->approver != NULL && e->approver->id > 0)
		sqlite3_bind_int64(st, 5, e->approver->id);
	if (e->has_amount)
		sqlite3_bind_int64(st, 6, e->amount);
	if (e->sale_id > 0)
		sqlite3_bind_int64(st, 7, e->sale_id);
	if (e->detail != NULL)
		sqlite3_bind_text(st, 8, e->detail, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, e->training != 0);
	sqlite3_bind_text(st, 10, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, day, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	rowid = sqlite3_last_insert_rowid(db->h);
	if (id != NULL)
		*id = rowid;
	return (journal_append(db, till, "till_event", rowid, cause));
}

/*
 * A login, logout, lock or wrong PIN, in the caller's transaction if one is
 * open; best effort for the caller, who goes on either way.
 */
int
access_log_add(struct db *db, int64_t till, int64_t user, const char *kind,
    time_t when, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(when, at, sizeof at);
	st = db_prepare(db, "INSERT INTO access_log (till_id, user_id, kind, "
	    "created_at) VALUES (?, ?, ?, ?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	if (user > 0)
		sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	return (db_step_done(db, st, cause));
}

/*
 * Whether who may do act, alone or with approver_id's approval: their
 * roles as the database holds them, not as the caller says.
 */
int
store_allowed(struct db *db, const struct actor *who, int64_t approver_id,
    enum action act, struct actor *approver, char **cause)
{
	struct actor	me = { 0, ROLE_NONE };

	approver->id = 0;
	approver->role = ROLE_NONE;
	if (who != NULL && who->id > 0 && user_actor(db, who->id, &me,
	    NULL) != 0)
		me.role = ROLE_NONE;
	if (approver_id > 0 && user_actor(db, approver_id, approver,
	    NULL) != 0)
		approver->role = ROLE_NONE;
	return (rights_check(&me, approver_id > 0 ? approver : NULL, act,
	    cause));
}

static int
event_checked(struct db *db, int64_t till, enum action act,
    struct till_event *e, int64_t approver_id, int clear_basket, char **cause)
{
	struct actor	approver;

	if (store_allowed(db, e->user, approver_id, act, &approver, cause) != 0)
		return (-1);
	e->approver = approver_id > 0 ? &approver : NULL;
	if (db_begin(db, cause) != 0)
		return (-1);
	if (till_event_add(db, till, e, time(NULL), NULL, cause) != 0 ||
	    (clear_basket && basket_clear(db, till, cause) != 0)) {
		db_rollback(db);
		return (-1);
	}
	return (db_commit(db, cause));
}

/*
 * Cancel the open sale: recorded with its total and its lines (the basket
 * as saved), with who cancelled and who approved, and the open basket
 * goes in the same transaction.
 */
int
till_cancel_sale(struct db *db, int64_t till, const struct sale *s,
    const struct actor *who, int64_t approver_id, char **cause)
{
	struct till_event	 e;
	char			*basket;
	int			 rc;

	if (s->ntenders > 0) {
		set_cause(cause, _("part of this sale is paid: take the "
		    "payment back before cancelling"));
		return (-1);
	}
	basket = sale_serialize(s);
	memset(&e, 0, sizeof e);
	e.kind = "cancel";
	e.user = who;
	e.has_amount = 1;
	e.amount = s->total;
	e.detail = basket;
	e.training = s->training;
	rc = event_checked(db, till, ACT_CANCEL_SALE, &e, approver_id, 1,
	    cause);
	free(basket);
	return (rc);
}

/* Open the drawer without a sale: only with a reason, and recorded. */
int
till_no_sale(struct db *db, int64_t till, const struct actor *who,
    int64_t approver_id, const char *reason, char **cause)
{
	struct till_event	e;

	if (reason == NULL || *reason == '\0') {
		set_cause(cause, _("opening the drawer needs a reason"));
		return (-1);
	}
	memset(&e, 0, sizeof e);
	e.kind = "no_sale";
	e.user = who;
	e.detail = reason;
	return (event_checked(db, till, ACT_NO_SALE, &e, approver_id, 0,
	    cause));
}

/* Training mode on or off at this till. */
int
till_training(struct db *db, int64_t till, const struct actor *who,
    int64_t approver_id, int on, char **cause)
{
	struct till_event	e;

	memset(&e, 0, sizeof e);
	e.kind = on ? "training_on" : "training_off";
	e.user = who;
	e.training = on;
	return (event_checked(db, till, ACT_TRAINING, &e, approver_id, 0,
	    cause));
}
