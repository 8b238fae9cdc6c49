/*
 * Shifts and cash: a shift opens with a float, takes sales (sale.shift_id),
 * paid-ins, paid-outs and bank drops, and closes with a cash count and a Z
 * report in one transaction. The Z's figures and text are stored as they
 * were printed and are never computed again; rows are only ever inserted.
 *
 * Expected cash = float + cash tenders (a refund's are negative) + paid-in
 * - paid-out - drops. Training sales count nowhere but in their own line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backfill.h"
#include "i18n.h"
#include "incident.h"
#include "journal.h"
#include "rights.h"
#include "user.h"
#include "outbox.h"
#include "shift.h"
#include "store.h"
#include "xmalloc.h"

/* The open shift of a till: a shift without a close. */
#define OPEN_SHIFT	"SELECT s.id, s.user_id, s.float_amount, s.opened_at, " \
	"s.business_date FROM shift s WHERE s.till_id = ? AND NOT EXISTS " \
	"(SELECT 1 FROM shift_close c WHERE c.shift_id = s.id) " \
	"ORDER BY s.id DESC LIMIT 1"

/* 1 and the shift when the till has one open, 0 when not, -1 on error. */
int
shift_current(struct db *db, int64_t till, struct shift_info *si,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(si, 0, sizeof *si);
	if ((st = db_prepare(db, OPEN_SHIFT, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		si->id = sqlite3_column_int64(st, 0);
		si->till = till;
		si->user_id = sqlite3_column_int64(st, 1);
		si->float_amount = sqlite3_column_int64(st, 2);
		snprintf(si->opened_at, sizeof si->opened_at, "%s",
		    db_text(st, 3));
		snprintf(si->business_date, sizeof si->business_date, "%s",
		    db_text(st, 4));
	} else if (rc != SQLITE_DONE)
		db_cause(db, cause, "cannot read the shift");
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1);
}

static int
user_exists(struct db *db, int64_t user, char **cause)
{
	sqlite3_stmt	*st;
	int		 found;

	st = db_prepare(db, "SELECT 1 FROM user WHERE id = ? AND active",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, user);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!found) {
		set_cause(cause, _("there is no active user %lld: give the "
		    "number of a user of this store (kassa user list)"),
		    (long long)user);
		return (-1);
	}
	return (0);
}

/* A paid-out needs a manager; paid-in and drops are any user's (rights.c). */
static int
cash_allowed(struct db *db, int64_t user, int64_t approver, const char *kind,
    char **cause)
{
	struct actor	who, ok;
	enum action	act = strcmp(kind, "paid_out") == 0 ? ACT_PAID_OUT :
			    strcmp(kind, "paid_in") == 0 ? ACT_PAID_IN : ACT_DROP;

	if (user_actor(db, user, &who, cause) != 0 || (approver != 0 &&
	    user_actor(db, approver, &ok, cause) != 0))
		return (-1);
	return (rights_check(&who, approver != 0 ? &ok : NULL, act, cause));
}

static int
insert_counts(struct db *db, int64_t shift, const char *stage,
    const struct cash_count *c, size_t n, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < n; i++) {
		st = db_prepare(db, "INSERT INTO cash_count (shift_id, stage, "
		    "denomination, count) VALUES (?, ?, ?, ?)", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, shift);
		sqlite3_bind_text(st, 2, stage, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, c[i].denomination);
		sqlite3_bind_int64(st, 4, c[i].count);
		if (db_step_done(db, st, cause) != 0)
			return (-1);
	}
	return (0);
}

/*
 * Open a shift on a till with a float: counted per denomination (n > 0),
 * or given as one amount (n == 0). Refused while the till has one open.
 */
int
shift_open(struct db *db, int64_t till, int64_t user,
    const struct cash_count *counts, size_t n, int64_t float_amount,
    time_t when, int64_t *shift_id, char **cause)
{
	struct shift_info	 si;
	sqlite3_stmt		*st;
	char			 at[20], day[11];
	int			 rc;

	if (n > 0 && cash_counts_total(counts, n, &float_amount, cause) != 0)
		return (-1);
	if (float_amount < 0 || float_amount > MONEY_MAX) {
		set_cause(cause, _("the float must be an amount of zero or "
		    "more"));
		return (-1);
	}
	db_time_text(when, at, sizeof at);
	snprintf(day, sizeof day, "%.10s", at);
	if (db_begin(db, cause) != 0)
		return (-1);
	if ((rc = shift_current(db, till, &si, cause)) != 0) {
		if (rc == 1)
			set_cause(cause, _("shift %lld is still open on this "
			    "till (since %s): close it first"),
			    (long long)si.id, si.opened_at);
		goto fail;
	}
	if (user_exists(db, user, cause) != 0)
		goto fail;
	st = db_prepare(db, "INSERT INTO shift (till_id, user_id, opened_at, "
	    "business_date, float_amount) VALUES (?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, day, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, float_amount);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	*shift_id = sqlite3_last_insert_rowid(db->h);
	if (insert_counts(db, *shift_id, "open", counts, n, cause) != 0)
		goto fail;
	if (journal_append(db, till, "shift_open", *shift_id, cause) != 0)
		goto fail;
	return (db_commit(db, cause));
fail:
	db_rollback(db);
	return (-1);
}

/* Paid-in, paid-out or a bank drop, with a reason, in the open shift. */
int
cash_move(struct db *db, int64_t till, int64_t user, int64_t approver,
    const char *kind, int64_t amount, const char *reason, time_t when,
    char **cause)
{
	struct shift_info	 si;
	sqlite3_stmt		*st;
	char			 at[20];
	int			 rc;

	if (strcmp(kind, "paid_in") != 0 && strcmp(kind, "paid_out") != 0 &&
	    strcmp(kind, "drop") != 0) {
		set_cause(cause, _("\"%s\" is not a cash movement: paid-in, "
		    "paid-out or drop"), kind);
		return (-1);
	}
	if (amount <= 0 || amount > MONEY_MAX) {
		set_cause(cause, _("the amount must be more than zero"));
		return (-1);
	}
	while (reason != NULL && *reason == ' ')
		reason++;
	if (reason == NULL || *reason == '\0') {
		set_cause(cause, _("say why the cash moves: a reason is "
		    "needed"));
		return (-1);
	}
	db_time_text(when, at, sizeof at);
	if (db_begin(db, cause) != 0)
		return (-1);
	if ((rc = shift_current(db, till, &si, cause)) != 1) {
		if (rc == 0)
			set_cause(cause, _("no shift is open on this till: "
			    "open a shift first"));
		goto fail;
	}
	if (user_exists(db, user, cause) != 0 ||
	    (approver != 0 && user_exists(db, approver, cause) != 0) ||
	    cash_allowed(db, user, approver, kind, cause) != 0)
		goto fail;
	st = db_prepare(db, "INSERT INTO cash_movement (till_id, shift_id, "
	    "kind, amount, reason, user_id, approver_id, created_at, "
	    "business_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_int64(st, 2, si.id);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, amount);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, user);
	if (approver != 0)
		sqlite3_bind_int64(st, 7, approver);
	sqlite3_bind_text(st, 8, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, si.business_date, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	if (journal_append(db, till, "cash_movement",
	    sqlite3_last_insert_rowid(db->h), cause) != 0)
		goto fail;
	return (db_commit(db, cause));
fail:
	db_rollback(db);
	return (-1);
}

static sqlite3_stmt *
shift_query(struct db *db, const char *sql, int64_t id, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = db_prepare(db, sql, cause)) != NULL)
		sqlite3_bind_int64(st, 1, id);
	return (st);
}

static void
user_name(struct db *db, int64_t user, char *buf, size_t len)
{
	sqlite3_stmt	*st;

	snprintf(buf, len, "%lld", (long long)user);
	st = shift_query(db, "SELECT name FROM user WHERE id = ?", user, NULL);
	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, len, "%lld %s", (long long)user, db_text(st, 0));
	sqlite3_finalize(st);
}

/* The shift's sales that count: not training. */
#define COUNTED	"s.shift_id = ?1 AND s.training = 0"

/*
 * The figures of a shift as they are now, for an X report or the Z that
 * closes it. closed_at is left to the caller: the X's or the Z's time.
 */
int
shift_figures(struct db *db, int64_t shift, struct shift_figures *f,
    char **cause)
{
	sqlite3_stmt	*st;

	memset(f, 0, sizeof *f);
	vat_summary_init(&f->vat);
	f->shift_id = shift;
	st = shift_query(db, "SELECT till_id, user_id, opened_at, "
	    "business_date, float_amount FROM shift WHERE id = ?", shift,
	    cause);
	if (st == NULL)
		return (-1);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		set_cause(cause, _("there is no shift %lld"), (long long)shift);
		return (-1);
	}
	f->till = sqlite3_column_int64(st, 0);
	user_name(db, sqlite3_column_int64(st, 1), f->cashier,
	    sizeof f->cashier);
	snprintf(f->opened_at, sizeof f->opened_at, "%s", db_text(st, 2));
	snprintf(f->business_date, sizeof f->business_date, "%s",
	    db_text(st, 3));
	f->float_amount = sqlite3_column_int64(st, 4);
	sqlite3_finalize(st);

	st = shift_query(db, "SELECT "
	    "coalesce(sum(kind = 'sale'), 0), "
	    "coalesce(sum(CASE kind WHEN 'sale' THEN total END), 0), "
	    "coalesce(sum(kind = 'return'), 0), "
	    "coalesce(sum(CASE kind WHEN 'return' THEN total END), 0), "
	    "coalesce(sum(discount_total), 0), coalesce(sum(rounding), 0) "
	    "FROM sale s WHERE " COUNTED, shift, cause);
	if (st == NULL)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW) {
		f->sales = sqlite3_column_int64(st, 0);
		f->gross = sqlite3_column_int64(st, 1);
		f->returns = sqlite3_column_int64(st, 2);
		f->returns_amount = sqlite3_column_int64(st, 3);
		f->discounts = sqlite3_column_int64(st, 4);
		f->rounding = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	f->net = f->gross + f->returns_amount;
	st = shift_query(db, "SELECT count(*) FROM sale WHERE shift_id = ? "
	    "AND training", shift, cause);
	if (st == NULL)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		f->training = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);

	st = shift_query(db, "SELECT count(*), coalesce(sum(l.gross), 0) "
	    "FROM sale_line l JOIN sale s ON s.id = l.sale_id WHERE l.voided "
	    "AND " COUNTED, shift, cause);
	if (st == NULL)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW) {
		f->voided_lines = sqlite3_column_int64(st, 0);
		f->voided_amount = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);

	st = shift_query(db, "SELECT v.rate_bp, sum(v.gross), sum(v.net), "
	    "sum(v.tax) FROM sale_vat v JOIN sale s ON s.id = v.sale_id WHERE "
	    COUNTED " GROUP BY v.rate_bp ORDER BY v.rate_bp DESC", shift,
	    cause);
	if (st == NULL)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct vat_sum *v;

		f->vat.sums = xreallocarray(f->vat.sums, f->vat.n + 1,
		    sizeof *f->vat.sums);
		v = &f->vat.sums[f->vat.n++];
		v->rate_bp = sqlite3_column_int(st, 0);
		v->gross = sqlite3_column_int64(st, 1);
		v->net = sqlite3_column_int64(st, 2);
		v->tax = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);

	st = shift_query(db, "SELECT t.type, count(*), sum(t.amount) FROM "
	    "sale_tender t JOIN sale s ON s.id = t.sale_id WHERE " COUNTED
	    " GROUP BY t.type ORDER BY t.type", shift, cause);
	if (st == NULL)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct figure_tender *t;

		f->tenders = xreallocarray(f->tenders, f->ntenders + 1,
		    sizeof *f->tenders);
		t = &f->tenders[f->ntenders++];
		snprintf(t->type, sizeof t->type, "%s", db_text(st, 0));
		t->count = sqlite3_column_int64(st, 1);
		t->amount = sqlite3_column_int64(st, 2);
		if (strcmp(t->type, "cash") == 0)
			f->cash_sales = t->amount;
	}
	sqlite3_finalize(st);

	st = shift_query(db, "SELECT kind, count(*), sum(amount) FROM "
	    "cash_movement WHERE shift_id = ? GROUP BY kind", shift, cause);
	if (st == NULL)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char	*kind = db_text(st, 0);
		int64_t		 n = sqlite3_column_int64(st, 1);
		int64_t		 sum = sqlite3_column_int64(st, 2);

		if (strcmp(kind, "paid_in") == 0)
			f->n_paid_in = n, f->paid_in = sum;
		else if (strcmp(kind, "paid_out") == 0)
			f->n_paid_out = n, f->paid_out = sum;
		else
			f->n_drops = n, f->drops = sum;
	}
	sqlite3_finalize(st);
	f->expected = f->float_amount + f->cash_sales + f->paid_in -
	    f->paid_out - f->drops;

	/* Everything the till ever sold, never reset. */
	st = shift_query(db, "SELECT "
	    "coalesce(sum(CASE kind WHEN 'sale' THEN total END), 0), "
	    "coalesce(sum(CASE kind WHEN 'return' THEN total END), 0) "
	    "FROM sale WHERE till_id = ? AND training = 0", f->till, cause);
	if (st == NULL)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW) {
		f->gt_sales = sqlite3_column_int64(st, 0);
		f->gt_returns = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	f->gt_net = f->gt_sales + f->gt_returns;

	/*
	 * Paper slips: those entered in the shift count in its figures;
	 * those of its day entered when no shift was open and no Z of the
	 * day existed yet count nowhere else, so the Z names them.
	 */
	st = shift_query(db, "SELECT count(*), coalesce(sum(total), 0) FROM "
	    "sale s WHERE " COUNTED " AND s.backfill_book IS NOT NULL", shift,
	    cause);
	if (st == NULL)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW) {
		f->backfilled = sqlite3_column_int64(st, 0);
		f->backfilled_amount = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	st = db_prepare(db, "SELECT count(*), coalesce(sum(total), 0) FROM "
	    "sale s WHERE s.till_id = ? AND s.business_date = ? AND "
	    "s.shift_id IS NULL AND s.training = 0 AND s.backfill_book IS NOT "
	    "NULL AND NOT EXISTS (SELECT 1 FROM z_supplement z WHERE "
	    "z.sale_id = s.id)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, f->till);
	sqlite3_bind_text(st, 2, f->business_date, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		f->slips_outside = sqlite3_column_int64(st, 0);
		f->slips_outside_amount = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	{
		struct incident_count	*ic;
		size_t			 nic, i;

		if (incident_day_summary(db, f->till, f->business_date, &ic,
		    &nic, cause) != 0)
			goto fail;
		if (nic > 0)
			f->incidents = xreallocarray(NULL, nic,
			    sizeof *f->incidents);
		for (i = 0; i < nic; i++) {
			snprintf(f->incidents[i].kind,
			    sizeof f->incidents[i].kind, "%s", ic[i].kind);
			f->incidents[i].count = ic[i].count;
		}
		f->nincidents = nic;
		free(ic);
	}

	/* The head as it stands: a rewritten history no longer matches it. */
	{
		char	hash[65];
		int64_t	seq;

		if (journal_head(db, 0, &seq, hash, cause) != 0)
			goto fail;
		snprintf(f->journal_head, sizeof f->journal_head, "%lld %s",
		    (long long)seq, hash);
	}
	return (0);
fail:
	shift_figures_clear(f);
	return (-1);
}

/* The report as text, laid out as the receipt printer prints it. */
char *
shift_report_text(struct db *db, const struct shift_figures *f)
{
	struct report_info	 info;
	struct receipt		*r;
	sqlite3_stmt		*st;
	char			*name, *bid, *cur, *loc, *text, till[64];

	snprintf(till, sizeof till, "%lld", (long long)f->till);
	st = shift_query(db, "SELECT name FROM till WHERE id = ?", f->till,
	    NULL);
	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		snprintf(till, sizeof till, "%s", db_text(st, 0));
	sqlite3_finalize(st);
	name = db_setting(db, "store.name", "");
	bid = db_setting(db, "store.business_id", "");
	cur = db_setting(db, "store.currency", "EUR");
	loc = db_setting(db, "store.locale", "fi_FI");
	memset(&info, 0, sizeof info);
	info.store_name = name;
	info.business_id = bid;
	info.till = till;
	info.currency = cur;
	info.locale = money_locale_find(loc);
	r = report_doc_build(&info, f);
	text = receipt_text(r, REPORT_WIDTH);
	receipt_free(r);
	free(name);
	free(bid);
	free(cur);
	free(loc);
	return (text);
}

/*
 * An X report: the open shift's figures now, recorded as a till event
 * with the figures; nothing closes.
 */
int
x_report(struct db *db, int64_t till, int64_t user, time_t when,
    struct shift_figures *f, char **cause)
{
	struct shift_info	 si;
	sqlite3_stmt		*st;
	char			*json;
	int			 rc;

	memset(f, 0, sizeof *f);
	if (db_begin(db, cause) != 0)
		return (-1);
	if ((rc = shift_current(db, till, &si, cause)) != 1) {
		if (rc == 0)
			set_cause(cause, _("no shift is open on this till: "
			    "an X report shows an open shift"));
		goto fail;
	}
	if (user_exists(db, user, cause) != 0 ||
	    shift_figures(db, si.id, f, cause) != 0)
		goto fail;
	db_time_text(when, f->closed_at, sizeof f->closed_at);
	json = shift_figures_json(f);
	st = db_prepare(db, "INSERT INTO till_event (till_id, shift_id, kind, "
	    "user_id, amount, detail, created_at, business_date) VALUES "
	    "(?, ?, 'x_report', ?, ?, ?, ?, ?)", cause);
	if (st == NULL) {
		free(json);
		goto fail;
	}
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_int64(st, 2, si.id);
	sqlite3_bind_int64(st, 3, user);
	sqlite3_bind_int64(st, 4, f->expected);
	sqlite3_bind_text(st, 5, json, -1, free);
	sqlite3_bind_text(st, 6, f->closed_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, si.business_date, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	if (journal_append(db, till, "till_event",
	    sqlite3_last_insert_rowid(db->h), cause) != 0)
		goto fail;
	if (db_commit(db, cause) != 0)
		goto fail;
	return (0);
fail:
	db_rollback(db);
	shift_figures_clear(f);
	return (-1);
}

/*
 * Close the open shift with the cash counted per denomination: the close,
 * the count, and the Z with the till's next Z number, its figures and its
 * text as printed, in one transaction. The Z is queued for the printer.
 */
int
shift_close(struct db *db, int64_t till, int64_t user,
    const struct cash_count *counts, size_t n, int blind, time_t when,
    int64_t *z_no, char **cause)
{
	struct shift_figures	 f;
	struct shift_info	 si;
	sqlite3_stmt		*st;
	char			*json = NULL, *text = NULL, title[32];
	int64_t			 counted, no = 0;
	int			 rc;

	memset(&f, 0, sizeof f);
	if (cash_counts_total(counts, n, &counted, cause) != 0)
		return (-1);
	if (db_begin(db, cause) != 0)
		return (-1);
	if ((rc = shift_current(db, till, &si, cause)) != 1) {
		if (rc == 0)
			set_cause(cause, _("no shift is open on this till: "
			    "there is nothing to close"));
		goto fail;
	}
	if (user_exists(db, user, cause) != 0 ||
	    shift_figures(db, si.id, &f, cause) != 0)
		goto fail;
	db_time_text(when, f.closed_at, sizeof f.closed_at);
	user_name(db, user, f.closed_by, sizeof f.closed_by);
	f.closed = 1;
	f.blind = blind != 0;
	f.counted = counted;
	f.difference = counted - f.expected;
	if (n > 0) {
		f.counts = xreallocarray(NULL, n, sizeof *f.counts);
		memcpy(f.counts, counts, n * sizeof *f.counts);
		f.ncounts = n;
	}

	st = db_prepare(db, "UPDATE till SET next_z = next_z + 1 WHERE id = ? "
	    "RETURNING next_z - 1", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, till);
	if (sqlite3_step(st) == SQLITE_ROW)
		no = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (no == 0) {
		set_cause(cause, _("till %lld is not set up in the database"),
		    (long long)till);
		goto fail;
	}
	f.z_no = no;

	st = db_prepare(db, "INSERT INTO shift_close (shift_id, user_id, "
	    "closed_at, blind, expected_cash, counted_cash, difference) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, si.id);
	sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_text(st, 3, f.closed_at, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, f.blind);
	sqlite3_bind_int64(st, 5, f.expected);
	sqlite3_bind_int64(st, 6, f.counted);
	sqlite3_bind_int64(st, 7, f.difference);
	if (db_step_done(db, st, cause) != 0 ||
	    insert_counts(db, si.id, "close", counts, n, cause) != 0)
		goto fail;
	if (journal_append(db, till, "shift_close", si.id, cause) != 0)
		goto fail;

	json = shift_figures_json(&f);
	text = shift_report_text(db, &f);
	st = db_prepare(db, "INSERT INTO z_report (till_id, z_no, shift_id, "
	    "business_date, created_at, user_id, figures, text) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_int64(st, 2, no);
	sqlite3_bind_int64(st, 3, si.id);
	sqlite3_bind_text(st, 4, si.business_date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, f.closed_at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, user);
	sqlite3_bind_text(st, 7, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, text, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	if (journal_append(db, till, "z_report",
	    sqlite3_last_insert_rowid(db->h), cause) != 0)
		goto fail;
	snprintf(title, sizeof title, "Z %lld", (long long)no);
	if (outbox_queue_report(db, title, text, cause) != 0 ||
	    db_commit(db, cause) != 0)
		goto fail;
	free(json);
	free(text);
	shift_figures_clear(&f);
	*z_no = no;
	return (0);
fail:
	db_rollback(db);
	free(json);
	free(text);
	shift_figures_clear(&f);
	return (-1);
}

/* A closed Z as it was stored: its text and figures, never recomputed. */
int
z_report_load(struct db *db, int64_t till, int64_t z_no, char **text,
    char **figures, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT text, figures FROM z_report WHERE "
	    "till_id = ? AND z_no = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_int64(st, 2, z_no);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (text != NULL)
			*text = xstrdup(db_text(st, 0));
		if (figures != NULL)
			*figures = xstrdup(db_text(st, 1));
	} else
		set_cause(cause, _("there is no Z report %lld on till %lld "
		    "(kassa report z --list shows them)"), (long long)z_no,
		    (long long)till);
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 0 : -1);
}

/*
 * A Z to reprint: its text as stored, unchanged, and after it the paper
 * slips of its day entered once it had closed (backfill.c), if any.
 */
int
z_report_reprint(struct db *db, int64_t till, int64_t z_no, char **text,
    char **cause)
{
	sqlite3_stmt	*st;
	char		*stored = NULL, *added = NULL, *loc;
	int64_t		 id = 0;
	int		 rc;

	*text = NULL;
	if (z_report_load(db, till, z_no, &stored, NULL, cause) != 0)
		return (-1);
	st = db_prepare(db, "SELECT id FROM z_report WHERE till_id = ? AND "
	    "z_no = ?", cause);
	if (st == NULL) {
		free(stored);
		return (-1);
	}
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_int64(st, 2, z_no);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	loc = db_setting(db, "store.locale", "fi_FI");
	rc = backfill_z_addendum(db, id, money_locale_find(loc), &added,
	    cause);
	free(loc);
	if (rc != 0) {
		free(stored);
		return (-1);
	}
	if (added == NULL)
		*text = stored;
	else {
		xasprintf(text, "%s\n%s", stored, added);
		free(stored);
		free(added);
	}
	return (0);
}

int
z_report_list(struct db *db, int64_t till, struct z_brief **out, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT z.z_no, z.shift_id, z.business_date, "
	    "z.created_at, c.difference FROM z_report z JOIN shift_close c ON "
	    "c.shift_id = z.shift_id WHERE z.till_id = ? ORDER BY z.z_no",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct z_brief *z;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		z = &(*out)[(*n)++];
		z->z_no = sqlite3_column_int64(st, 0);
		z->shift_id = sqlite3_column_int64(st, 1);
		snprintf(z->business_date, sizeof z->business_date, "%s",
		    db_text(st, 2));
		snprintf(z->created_at, sizeof z->created_at, "%s",
		    db_text(st, 3));
		z->difference = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	return (0);
}
