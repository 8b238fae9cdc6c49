/*
 * Sales: the open basket, kept on every change so that a crash or a power
 * cut brings it back as it was, and the commit of a paid sale as one
 * transaction that takes the till's next receipt number, so numbers have no
 * gaps: a failed commit takes no number, a committed one takes exactly one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "journal.h"
#include "money.h"
#include "payment.h"
#include "sales.h"
#include "stock.h"
#include "store.h"
#include "returns.h"
#include "user.h"
#include "xmalloc.h"

/* A random id for a new open basket: payment attempts refer to it. */
int
basket_new_id(struct db *db, struct sale *s, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT lower(hex(randomblob(16)))", cause);
	if (st == NULL)
		return (-1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(s->id, sizeof s->id, "%s", db_text(st, 0));
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 0 : -1);
}

int
basket_save(struct db *db, int64_t till, struct sale *s, char **cause)
{
	sqlite3_stmt	*st;
	char		*data, now[20];
	int		 rc;

	if (s->nlines == 0 && s->ntenders == 0)
		return (basket_clear(db, till, cause));
	if (s->id[0] == '\0' && basket_new_id(db, s, cause) != 0)
		return (-1);
	st = db_prepare(db, "INSERT INTO open_basket (till_id, data, "
	    "updated_at) VALUES (?, ?, ?) ON CONFLICT (till_id) DO UPDATE SET "
	    "data = excluded.data, updated_at = excluded.updated_at", cause);
	if (st == NULL)
		return (-1);
	data = sale_serialize(s);
	db_time_text(time(NULL), now, sizeof now);
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_text(st, 2, data, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	rc = db_step_done(db, st, cause);
	free(data);
	return (rc);
}

/* The till's open basket; *out is NULL when there is none. */
int
basket_load(struct db *db, int64_t till, struct sale **out, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	st = db_prepare(db, "SELECT data FROM open_basket WHERE till_id = ?",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sale_deserialize(db_text(st, 0), cause);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW && *out == NULL)
		return (-1);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the open basket");
		return (-1);
	}
	return (0);
}

int
basket_clear(struct db *db, int64_t till, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "DELETE FROM open_basket WHERE till_id = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	return (db_step_done(db, st, cause));
}

void
sale_header_clear(struct sale_header *h)
{
	free(h->store_name);
	free(h->store_address);
	free(h->business_id);
	free(h->currency);
	free(h->cashier);
	free(h->till_name);
	memset(h, 0, sizeof *h);
}

static int
bind_exec(struct db *db, sqlite3_stmt *st, char **cause)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, NULL);
		return (-1);
	}
	return (0);
}

static int
actor_lookup(void *db, int64_t id, struct actor *a)
{
	return (user_actor(db, id, a, NULL));
}

/*
 * The rights below the console: the sale's user must be an active user,
 * and every override, discount above the store's limit and void after
 * payment must carry the approval of a user whose role allows it, as the
 * database (not the basket) says.
 */
static int
sale_allowed(struct db *db, const struct sale *s, char **cause)
{
	struct actor	 who = { 0, ROLE_NONE };
	char		*limit;
	int32_t		 bp;

	if (s->user_id <= 0 || user_actor(db, s->user_id, &who, NULL) != 0 ||
	    who.role == ROLE_NONE) {
		set_cause(cause, _("nobody is logged in: log in to sell"));
		return (-1);
	}
	limit = db_setting(db, "rights.discount_limit", "10");
	if (rate_parse(limit, &bp, NULL) != 0)
		bp = 1000;
	free(limit);
	return (sale_rights(s, &who, actor_lookup, db, bp, cause));
}

/*
 * A paper slip may be entered once, and only for a time that has been: the
 * rule is kept here, below the console and the CSV reader. -1 when the slip
 * is refused, -2 when the database cannot tell.
 */
static int
slip_check(struct db *db, const struct sale *s, time_t now, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	if (s->slip_book[0] == '\0' || s->slip_no[0] == '\0') {
		set_cause(cause, _("a paper slip needs its book and number"));
		return (-1);
	}
	if ((time_t)s->slip_time > now) {
		db_time_text((time_t)s->slip_time, at, sizeof at);
		set_cause(cause, _("slip %s/%s is dated %s, in the future: "
		    "check the date and time"), s->slip_book, s->slip_no, at);
		return (-1);
	}
	st = db_prepare(db, "SELECT till_id, receipt_no, entered_at FROM sale "
	    "WHERE backfill_book = ? AND backfill_no = ?", cause);
	if (st == NULL)
		return (-2);
	sqlite3_bind_text(st, 1, s->slip_book, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->slip_no, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		set_cause(cause, _("slip %s/%s is already entered: receipt "
		    "%lld of till %lld, entered %s"), s->slip_book, s->slip_no,
		    (long long)sqlite3_column_int64(st, 1),
		    (long long)sqlite3_column_int64(st, 0), db_text(st, 2));
		sqlite3_finalize(st);
		return (-1);
	}
	sqlite3_finalize(st);
	return (0);
}

/* Before the lines are rung up: may this slip be entered? */
int
sale_slip_check(struct db *db, const struct sale *s, char **cause)
{
	return (slip_check(db, s, time(NULL), cause) == 0 ? 0 : -1);
}

/*
 * A backfilled sale on a day whose Z report is closed completes that Z with
 * a record of its own (the Z of the shift that was open at the slip's time,
 * else the day's first), so the Z is never changed.
 */
static int
slip_supplement(struct db *db, int64_t till, int64_t sale_id,
    const struct sale *s, const char *at, const char *day, const char *now,
    char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO z_supplement (z_report_id, sale_id, "
	    "total, created_at) SELECT z, ?1, ?2, ?3 FROM (SELECT coalesce("
	    "(SELECT z.id FROM z_report z JOIN shift h ON h.id = z.shift_id "
	    "WHERE z.till_id = ?4 AND z.business_date = ?5 AND h.opened_at <= "
	    "?6 ORDER BY h.opened_at DESC LIMIT 1), (SELECT z.id FROM z_report "
	    "z WHERE z.till_id = ?4 AND z.business_date = ?5 ORDER BY z.id "
	    "LIMIT 1)) AS z) WHERE z IS NOT NULL", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, sale_id);
	sqlite3_bind_int64(st, 2, s->total);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, till);
	sqlite3_bind_text(st, 5, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_STATIC);
	return (db_step_done(db, st, cause));
}

#define COMMIT_OWN	0x1	/* own transaction; clears the open basket */

/*
 * Commit a paid sale: the receipt number, the sale, its lines, tenders and
 * VAT per rate, the stock it moves (store/stock.c), its customer, and the
 * removal of the open basket, in one transaction.
 * Returns only when the sale is durable, with its receipt number. A paper
 * slip (s->slip_time set) is dated when it was sold, marked with its book
 * and number and the time it was entered, numbered in the till's sequence
 * like any sale, and not printed again. Returns -1 when a rule refuses the
 * sale (not paid, a payment unresolved, a slip refused) and -2 when the
 * database fails: the console records that as an incident.
 */
static int
commit_sale(struct db *db, int64_t till, const char *cashier, struct sale *s,
    time_t when, int flags, int64_t *receipt_no, char **cause)
{
	sqlite3_stmt		*st = NULL;
	struct vat_summary	 vs;
	char			 at[20], day[11], now[20];
	char			*name = NULL, *addr = NULL, *bid = NULL;
	char			*cur = NULL;
	int64_t			 no = 0, sale_id, shift;
	size_t			 i;
	int			 slip = s->slip_time != 0, err = -2;

	if (!sale_is_paid(s)) {
		set_cause(cause, _("the sale is not paid"));
		return (-1);
	}
	if (payment_unresolved(db, s->id, NULL, cause) != 0) {
		if (cause != NULL && *cause == NULL)
			set_cause(cause, _("a card payment is unresolved: check "
			    "the terminal first"));
		return (-1);
	}
	if (sale_allowed(db, s, cause) != 0 ||
	    (s->is_return && return_check(db, s, cause) != 0))
		return (-1);
	db_time_text(time(NULL), now, sizeof now);
	if (slip)
		when = (time_t)s->slip_time;
	sale_vat(s, &vs);
	db_time_text(when, at, sizeof at);
	memcpy(day, at, 10);
	day[10] = '\0';
	if ((flags & COMMIT_OWN) && db_begin(db, cause) != 0)
		goto fail;
	if (slip && (err = slip_check(db, s, time(NULL), cause)) != 0)
		goto fail;
	err = -2;
	name = db_setting(db, "store.name", "");
	addr = db_setting(db, "store.address", "");
	bid = db_setting(db, "store.business_id", "");
	cur = db_setting(db, "store.currency", "EUR");

	/*
	 * Every sale belongs to the till's open shift and counts in its Z; a
	 * training sale counts nowhere and may be rung up without one, and a
	 * paper slip was sold while the till was down.
	 */
	st = db_prepare(db, "SELECT s.id FROM shift s WHERE s.till_id = ? AND "
	    "NOT EXISTS (SELECT 1 FROM shift_close c WHERE c.shift_id = s.id) "
	    "ORDER BY s.id DESC LIMIT 1", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, till);
	shift = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) :
	    0;
	sqlite3_finalize(st);
	st = NULL;
	if (shift == 0 && !s->training && !slip) {
		set_cause(cause, _("no shift is open on this till: open a "
		    "shift first (kassa shift open)"));
		err = -1;
		goto fail;
	}

	st = db_prepare(db, "UPDATE till SET next_receipt = next_receipt + 1 "
	    "WHERE id = ? RETURNING next_receipt - 1", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, till);
	if (sqlite3_step(st) == SQLITE_ROW)
		no = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (no == 0) {
		set_cause(cause, _("till %lld is not set up in the database"),
		    (long long)till);
		goto fail;
	}

	st = db_prepare(db, "INSERT INTO sale (till_id, receipt_no, created_at, "
	    "created_utc, business_date, cashier, store_name, store_address, "
	    "business_id, currency, discount_kind, discount_value, "
	    "discount_reason, total, discount_total, rounding, change, "
	    "user_id, approver_id, training, shift_id, backfill_book, "
	    "backfill_no, entered_at, customer_id, kind, return_of, reason) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_int64(st, 2, no);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)when);
	sqlite3_bind_text(st, 5, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, cashier, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, bid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, cur, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, s->discount.kind);
	sqlite3_bind_int64(st, 12, s->discount.value);
	sqlite3_bind_text(st, 13, s->discount.reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 14, s->total);
	sqlite3_bind_int64(st, 15, s->discount_total);
	sqlite3_bind_int64(st, 16, s->rounding);
	sqlite3_bind_int64(st, 17, s->change);
	sqlite3_bind_int64(st, 18, s->user_id);
	if (s->approver_id > 0)
		sqlite3_bind_int64(st, 19, s->approver_id);
	sqlite3_bind_int(st, 20, s->training != 0);
	if (shift > 0)
		sqlite3_bind_int64(st, 21, shift);
	if (slip) {
		sqlite3_bind_text(st, 22, s->slip_book, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 23, s->slip_no, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 24, now, -1, SQLITE_STATIC);
	}
	if (s->customer_id != 0)
		sqlite3_bind_int64(st, 25, s->customer_id);
	sqlite3_bind_text(st, 26, s->is_return ? "return" : "sale", -1,
	    SQLITE_STATIC);
	if (s->return_of != 0)
		sqlite3_bind_int64(st, 27, s->return_of);
	if (s->is_return && s->return_reason[0] != '\0')
		sqlite3_bind_text(st, 28, s->return_reason, -1, SQLITE_STATIC);
	if (bind_exec(db, st, cause) != 0)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	sale_id = sqlite3_last_insert_rowid(db->h);
	if (slip && slip_supplement(db, till, sale_id, s, at, day, now,
	    cause) != 0)
		goto fail;

	st = db_prepare(db, "INSERT INTO sale_line (sale_id, line_no, item_id, "
	    "code, name, department, unit, qty, unit_price, vat_bp, "
	    "price_source, discount_kind, discount_value, discount_reason, "
	    "voided, gross, line_discount, basket_discount, total, list_price, "
	    "approver_id, return_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	for (i = 0; i < s->nlines; i++) {
		const struct sale_line *l = &s->lines[i];

		sqlite3_bind_int64(st, 1, sale_id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		if (l->item_id != 0)
			sqlite3_bind_int64(st, 3, l->item_id);
		sqlite3_bind_text(st, 4, l->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, l->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, l->department, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, unit_name(l->unit), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 8, l->qty);
		sqlite3_bind_int64(st, 9, l->unit_price);
		sqlite3_bind_int(st, 10, l->vat_bp);
		sqlite3_bind_int(st, 11, l->price_source);
		sqlite3_bind_int(st, 12, l->discount.kind);
		sqlite3_bind_int64(st, 13, l->discount.value);
		sqlite3_bind_text(st, 14, l->discount.reason, -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(st, 15, l->voided);
		sqlite3_bind_int64(st, 16, l->gross);
		sqlite3_bind_int64(st, 17, l->line_discount);
		sqlite3_bind_int64(st, 18, l->basket_discount);
		sqlite3_bind_int64(st, 19, l->total);
		if (l->price_source == PRICE_OVERRIDE)
			sqlite3_bind_int64(st, 20, l->list_price);
		if (l->approver_id > 0)
			sqlite3_bind_int64(st, 21, l->approver_id);
		if (l->return_line > 0)
			sqlite3_bind_int64(st, 22, l->return_line);
		if (bind_exec(db, st, cause) != 0)
			goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (stock_sale_moves(db, sale_id, cause) != 0)
		goto fail;

	st = db_prepare(db, "INSERT INTO sale_tender (sale_id, seq, type, "
	    "amount, given, reference) VALUES (?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	for (i = 0; i < s->ntenders; i++) {
		sqlite3_bind_int64(st, 1, sale_id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 3, s->tenders[i].method, -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, s->tenders[i].amount);
		sqlite3_bind_int64(st, 5, s->tenders[i].given);
		if (s->tenders[i].reference[0] != '\0')
			sqlite3_bind_text(st, 6, s->tenders[i].reference, -1,
			    SQLITE_STATIC);
		if (bind_exec(db, st, cause) != 0)
			goto fail;
	}
	sqlite3_finalize(st);

	st = db_prepare(db, "INSERT INTO sale_vat VALUES (?, ?, ?, ?, ?)",
	    cause);
	if (st == NULL)
		goto fail;
	for (i = 0; i < vs.n; i++) {
		sqlite3_bind_int64(st, 1, sale_id);
		sqlite3_bind_int(st, 2, vs.sums[i].rate_bp);
		sqlite3_bind_int64(st, 3, vs.sums[i].gross);
		sqlite3_bind_int64(st, 4, vs.sums[i].net);
		sqlite3_bind_int64(st, 5, vs.sums[i].tax);
		if (bind_exec(db, st, cause) != 0)
			goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;

	/* The attempts now belong to the sale; its receipt waits to print. */
	st = db_prepare(db, "UPDATE payment_attempt SET sale_id = ? WHERE "
	    "basket_id = ? AND basket_id != ''", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, sale_id);
	sqlite3_bind_text(st, 2, s->id, -1, SQLITE_STATIC);
	if (bind_exec(db, st, cause) != 0)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	/* The customer of a paper slip has it; a copy is there on request. */
	if (!slip) {
		st = db_prepare(db, "INSERT INTO outbox (sale_id, created_at, "
		    "email, state) VALUES (?, ?, ?, ?)", cause);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, sale_id);
		sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
		if (s->receipt_email != NULL)
			sqlite3_bind_text(st, 3, s->receipt_email, -1,
			    SQLITE_STATIC);
		sqlite3_bind_text(st, 4, s->print_later ? "held" : "waiting",
		    -1, SQLITE_STATIC);
		if (bind_exec(db, st, cause) != 0)
			goto fail;
		sqlite3_finalize(st);
		st = NULL;
	}

	if (journal_append(db, till, "sale", sale_id, cause) != 0 ||
	    ((flags & COMMIT_OWN) && (basket_clear(db, till, cause) != 0 ||
	    db_commit(db, cause) != 0)))
		goto fail;
	vat_summary_clear(&vs);
	free(name);
	free(addr);
	free(bid);
	free(cur);
	*receipt_no = no;
	return (0);
fail:
	sqlite3_finalize(st);
	if (flags & COMMIT_OWN)
		db_rollback(db);
	vat_summary_clear(&vs);
	free(name);
	free(addr);
	free(bid);
	free(cur);
	return (err);
}

int
sale_commit(struct db *db, int64_t till, const char *cashier, struct sale *s,
    time_t when, int64_t *receipt_no, char **cause)
{
	return (commit_sale(db, till, cashier, s, when, COMMIT_OWN, receipt_no,
	    cause));
}

/*
 * Commit a paper slip inside the caller's transaction, leaving the till's
 * open basket alone: 'kassa backfill' enters a whole file or nothing.
 */
int
sale_commit_slip(struct db *db, int64_t till, const char *cashier,
    struct sale *s, int64_t *receipt_no, char **cause)
{
	if (s->slip_time == 0) {
		set_cause(cause, _("the sale has no paper slip"));
		return (-1);
	}
	return (commit_sale(db, till, cashier, s, (time_t)s->slip_time, 0,
	    receipt_no, cause));
}

/* A committed sale as it was stored, for a reprint or a report. */
int
sale_load(struct db *db, int64_t till, int64_t receipt_no, struct sale **out,
    struct sale_header *h, struct vat_summary *vs, char **cause)
{
	sqlite3_stmt	*st;
	struct sale	*s;
	int64_t		 id;
	int		 rc;

	*out = NULL;
	memset(h, 0, sizeof *h);
	vat_summary_init(vs);
	st = db_prepare(db, "SELECT s.id, s.created_at, coalesce(s.cashier, "
	    "''), s.store_name, s.store_address, s.business_id, s.currency, "
	    "s.discount_kind, s.discount_value, s.discount_reason, s.total, "
	    "s.discount_total, s.rounding, s.change, t.name, c.name, "
	    "coalesce(s.customer_id, 0), c.email, s.training, s.kind, "
	    "coalesce((SELECT o.receipt_no FROM sale o WHERE o.id = "
	    "s.return_of), 0), coalesce(s.reason, ''), coalesce(s.return_of, "
	    "0) FROM sale s "
	    "JOIN till t ON t.id = s.till_id "
	    "LEFT JOIN customer c ON c.id = s.customer_id "
	    "WHERE s.till_id = ? AND s.receipt_no = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_int64(st, 2, receipt_no);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			set_cause(cause, _("there is no receipt %lld on till "
			    "%lld"), (long long)receipt_no, (long long)till);
		else
			db_cause(db, cause, "cannot read the receipt");
		sqlite3_finalize(st);
		return (-1);
	}
	s = sale_create(0);
	id = sqlite3_column_int64(st, 0);
	snprintf(h->time, sizeof h->time, "%s", db_text(st, 1));
	h->cashier = xstrdup(db_text(st, 2));
	h->store_name = xstrdup(db_text(st, 3));
	h->store_address = xstrdup(db_text(st, 4));
	h->business_id = xstrdup(db_text(st, 5));
	h->currency = xstrdup(db_text(st, 6));
	s->discount.kind = (enum discount_kind)sqlite3_column_int(st, 7);
	s->discount.value = sqlite3_column_int64(st, 8);
	if (sqlite3_column_type(st, 9) != SQLITE_NULL)
		s->discount.reason = xstrdup(db_text(st, 9));
	s->total = sqlite3_column_int64(st, 10);
	s->discount_total = sqlite3_column_int64(st, 11);
	s->training = sqlite3_column_int(st, 18);
	s->is_return = strcmp(db_text(st, 19), "return") == 0;
	s->return_receipt = sqlite3_column_int64(st, 20);
	snprintf(s->return_reason, sizeof s->return_reason, "%s",
	    db_text(st, 21));
	s->return_of = sqlite3_column_int64(st, 22);
	s->rounding = sqlite3_column_int64(st, 12);
	s->change = sqlite3_column_int64(st, 13);
	h->till_name = xstrdup(db_text(st, 14));
	if (sqlite3_column_type(st, 15) != SQLITE_NULL)
		sale_set_customer(s, sqlite3_column_int64(st, 16),
		    db_text(st, 15), sqlite3_column_type(st, 17) ==
		    SQLITE_NULL ? NULL : db_text(st, 17));
	h->receipt_no = receipt_no;
	sqlite3_finalize(st);

	/* The stored figures, not recomputed: a reprint shows what was sold. */
	st = db_prepare(db, "SELECT coalesce(item_id, 0), code, name, "
	    "department, unit, qty, unit_price, vat_bp, price_source, "
	    "discount_kind, discount_value, discount_reason, voided, gross, "
	    "line_discount, basket_discount, total, coalesce(list_price, 0) "
	    "FROM sale_line "
	    "WHERE sale_id = ? ORDER BY line_no", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct sale_line *l;

		s->lines = xreallocarray(s->lines, s->nlines + 1,
		    sizeof *s->lines);
		l = &s->lines[s->nlines++];
		memset(l, 0, sizeof *l);
		l->item_id = sqlite3_column_int64(st, 0);
		l->code = xstrdup(db_text(st, 1));
		l->name = xstrdup(db_text(st, 2));
		l->department = xstrdup(db_text(st, 3));
		unit_from_name(db_text(st, 4), &l->unit);
		l->qty = sqlite3_column_int64(st, 5);
		l->unit_price = sqlite3_column_int64(st, 6);
		l->vat_bp = sqlite3_column_int(st, 7);
		l->price_source = (enum price_source)sqlite3_column_int(st, 8);
		l->discount.kind = (enum discount_kind)sqlite3_column_int(st,
		    9);
		l->discount.value = sqlite3_column_int64(st, 10);
		if (sqlite3_column_type(st, 11) != SQLITE_NULL)
			l->discount.reason = xstrdup(db_text(st, 11));
		l->voided = sqlite3_column_int(st, 12);
		l->gross = sqlite3_column_int64(st, 13);
		l->line_discount = sqlite3_column_int64(st, 14);
		l->basket_discount = sqlite3_column_int64(st, 15);
		l->total = sqlite3_column_int64(st, 16);
		l->list_price = sqlite3_column_int64(st, 17);
		if (!l->voided)
			s->items += l->unit == UNIT_PIECE ?
			    l->qty / QTY_ONE : 1;
	}
	sqlite3_finalize(st);

	st = db_prepare(db, "SELECT type, amount, given, coalesce(reference, "
	    "'') FROM sale_tender "
	    "WHERE sale_id = ? ORDER BY seq", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct tender *t;

		s->tenders = xreallocarray(s->tenders, s->ntenders + 1,
		    sizeof *s->tenders);
		t = &s->tenders[s->ntenders++];
		memset(t, 0, sizeof *t);
		if (tender_from_name(db_text(st, 0), &t->type) != 0)
			t->type = TENDER_OTHER;
		snprintf(t->method, sizeof t->method, "%s", db_text(st, 0));
		t->amount = sqlite3_column_int64(st, 1);
		t->given = sqlite3_column_int64(st, 2);
		snprintf(t->reference, sizeof t->reference, "%s",
		    db_text(st, 3));
		s->paid += t->amount;
	}
	sqlite3_finalize(st);

	st = db_prepare(db, "SELECT rate_bp, gross, net, tax FROM sale_vat "
	    "WHERE sale_id = ? ORDER BY rate_bp DESC", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		vs->sums = xreallocarray(vs->sums, vs->n + 1,
		    sizeof *vs->sums);
		vs->sums[vs->n].rate_bp = sqlite3_column_int(st, 0);
		vs->sums[vs->n].gross = sqlite3_column_int64(st, 1);
		vs->sums[vs->n].net = sqlite3_column_int64(st, 2);
		vs->sums[vs->n].tax = sqlite3_column_int64(st, 3);
		vs->n++;
	}
	sqlite3_finalize(st);
	*out = s;
	return (0);
fail:
	sale_free(s);
	sale_header_clear(h);
	vat_summary_clear(vs);
	return (-1);
}

/*
 * Park the open basket under a label, in one transaction with clearing it,
 * so a basket is always either open or parked, never both or neither.
 */
int
basket_park(struct db *db, int64_t till, struct sale *s, const char *label,
    char **cause)
{
	sqlite3_stmt	*st;
	char		*data, at[20];

	if (s->ntenders > 0) {
		set_cause(cause, _("a sale with a payment cannot be parked"));
		return (-1);
	}
	if (s->id[0] == '\0' && basket_new_id(db, s, cause) != 0)
		return (-1);
	if (db_begin(db, cause) != 0)
		return (-1);
	st = db_prepare(db, "INSERT INTO parked_basket (till_id, data, label, "
	    "parked_at) VALUES (?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	data = sale_serialize(s);
	db_time_text(time(NULL), at, sizeof at);
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_text(st, 2, data, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	free(data);
	if (db_step_done(db, st, cause) != 0 ||
	    basket_clear(db, till, cause) != 0)
		goto fail;
	return (db_commit(db, cause));
fail:
	db_rollback(db);
	return (-1);
}

/*
 * Move an open basket that cannot be read to the parked baskets, as it is,
 * so that nothing is lost and the till can go on selling.
 */
int
basket_set_aside(struct db *db, int64_t till, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(time(NULL), at, sizeof at);
	if (db_begin(db, cause) != 0)
		return (-1);
	st = db_prepare(db, "INSERT INTO parked_basket (till_id, data, label, "
	    "parked_at) SELECT till_id, data, ?, ? FROM open_basket WHERE "
	    "till_id = ?", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, _("damaged, kept for support"), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, till);
	if (db_step_done(db, st, cause) != 0 ||
	    basket_clear(db, till, cause) != 0)
		goto fail;
	return (db_commit(db, cause));
fail:
	db_rollback(db);
	return (-1);
}

int
basket_parked(struct db *db, int64_t till, struct parked **out, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	struct sale	*s;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id, label, parked_at, data FROM "
	    "parked_basket WHERE till_id = ? ORDER BY id", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct parked *p;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		p = &(*out)[(*n)++];
		p->id = sqlite3_column_int64(st, 0);
		p->label = xstrdup(db_text(st, 1));
		snprintf(p->at, sizeof p->at, "%s", db_text(st, 2));
		s = sale_deserialize(db_text(st, 3), NULL);
		p->total = s != NULL ? s->total : 0;
		p->lines = s != NULL ? sale_active_lines(s) : 0;
		sale_free(s);
	}
	sqlite3_finalize(st);
	return (0);
}

void
parked_free(struct parked *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(p[i].label);
	free(p);
}

/* Take a parked basket back as the till's open basket. */
int
basket_unpark(struct db *db, int64_t till, int64_t id, struct sale **out,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	if (db_begin(db, cause) != 0)
		return (-1);
	st = db_prepare(db, "DELETE FROM parked_basket WHERE id = ? AND "
	    "till_id = ? RETURNING data", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, till);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sale_deserialize(db_text(st, 0), cause);
	else
		set_cause(cause, _("that basket is no longer parked"));
	sqlite3_finalize(st);
	if (*out == NULL || basket_save(db, till, *out, cause) != 0)
		goto fail;
	if (db_commit(db, cause) != 0)
		goto fail;
	return (0);
fail:
	db_rollback(db);
	sale_free(*out);
	*out = NULL;
	return (-1);
}

int
sale_list_day(struct db *db, int64_t till, const char *day,
    struct receipt_brief **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT receipt_no, created_at, total FROM sale "
	    "WHERE till_id = ? AND business_date = ? ORDER BY receipt_no DESC",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].receipt_no = sqlite3_column_int64(st, 0);
		snprintf((*out)[*n].at, sizeof (*out)[*n].at, "%s",
		    db_text(st, 1));
		(*out)[*n].total = sqlite3_column_int64(st, 2);
		(*n)++;
	}
	sqlite3_finalize(st);
	return (0);
}

/* Receipts not yet delivered; -1 if it cannot be read. */
int
outbox_waiting(struct db *db)
{
	return ((int)db_int(db, "SELECT count(*) FROM outbox WHERE state = "
	    "'waiting'"));
}

/* Queue a reprint, marked COPY, of a till's receipt. */
int
outbox_queue_copy(struct db *db, int64_t till, int64_t receipt_no,
    char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "INSERT INTO outbox (sale_id, copy, created_at) "
	    "SELECT id, 1, ? FROM sale WHERE till_id = ? AND receipt_no = ?",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, till);
	sqlite3_bind_int64(st, 3, receipt_no);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	if (sqlite3_changes(db->h) != 1) {
		set_cause(cause, _("there is no receipt %lld"), (long long)
		    receipt_no);
		return (-1);
	}
	return (0);
}

/*
 * Departments with the VAT rate of an open-price line: the department's
 * own, else the rate most of its items have.
 */
int
department_list(struct db *db, struct department_info **out, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT d.name, coalesce(d.vat_bp, (SELECT "
	    "i.vat_bp FROM item i WHERE i.department_id = d.id GROUP BY "
	    "i.vat_bp ORDER BY count(*) DESC LIMIT 1), (SELECT max(rate_bp) "
	    "FROM vat_rate)) FROM department d ORDER BY d.name", cause);
	if (st == NULL)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].name = xstrdup(db_text(st, 0));
		(*out)[*n].vat_bp = sqlite3_column_int(st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	return (0);
}

void
department_list_free(struct department_info *d, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(d[i].name);
	free(d);
}

/*
 * A stored sale as its receipt document: the console's reprint, 'kassa
 * receipt show' and the delivery of receipts all make it here, the same.
 */
int
sale_receipt(struct db *db, int64_t till, int64_t no, int copy,
    struct receipt **out, char **cause)
{
	struct receipt_info	 info;
	struct sale_header	 h;
	struct vat_summary	 vs;
	struct sale		*s;
	char			*loc, *footer;

	*out = NULL;
	if (sale_load(db, till, no, &s, &h, &vs, cause) != 0)
		return (-1);
	loc = db_setting(db, "store.locale", "fi_FI");
	footer = db_setting(db, "store.footer", "");
	memset(&info, 0, sizeof info);
	info.store_name = h.store_name;
	info.store_address = h.store_address;
	info.business_id = h.business_id;
	info.till = h.till_name;
	info.number = no;
	info.time = h.time;
	info.cashier = h.cashier;
	info.customer = s->customer_name;
	info.footer = footer;
	info.currency = h.currency;
	info.locale = money_locale_find(loc);
	info.copy = copy;
	info.training = s->training;
	info.is_return = s->is_return;
	info.return_of = s->return_receipt;
	info.return_reason = s->return_reason;
	*out = receipt_build(&info, s, &vs);
	free(loc);
	free(footer);
	sale_free(s);
	sale_header_clear(&h);
	vat_summary_clear(&vs);
	return (0);
}
