/*
 * The day's figures from committed sales: counts, totals, VAT per rate as
 * stored on each sale (so the report agrees with the receipts to the cent),
 * tenders, discounts, voided lines and cash rounding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "store.h"
#include "xmalloc.h"

/* Training sales never count in any figure. */
#define TILL_FILTER	"(?2 = 0 OR s.till_id = ?2) AND s.training = 0"

static sqlite3_stmt *
day_query(struct db *db, const char *sql, const char *date, int64_t till,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = db_prepare(db, sql, cause)) == NULL)
		return (NULL);
	sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, till);
	return (st);
}

int
report_day(struct db *db, const char *date, int64_t till,
    struct day_report *r, char **cause)
{
	sqlite3_stmt	*st;

	memset(r, 0, sizeof *r);
	vat_summary_init(&r->vat);
	snprintf(r->date, sizeof r->date, "%s", date);
	r->till = till;

	st = day_query(db, "SELECT count(*), coalesce(min(receipt_no), 0), "
	    "coalesce(max(receipt_no), 0), coalesce(sum(total), 0), "
	    "coalesce(sum(discount_total), 0), coalesce(sum(rounding), 0) "
	    "FROM sale s WHERE business_date = ?1 AND " TILL_FILTER, date,
	    till, cause);
	if (st == NULL)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->receipts = sqlite3_column_int64(st, 0);
		r->first_receipt = sqlite3_column_int64(st, 1);
		r->last_receipt = sqlite3_column_int64(st, 2);
		r->gross = sqlite3_column_int64(st, 3);
		r->discounts = sqlite3_column_int64(st, 4);
		r->rounding = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);

	st = day_query(db, "SELECT v.rate_bp, sum(v.gross), sum(v.net), "
	    "sum(v.tax) FROM sale_vat v JOIN sale s ON s.id = v.sale_id "
	    "WHERE s.business_date = ?1 AND " TILL_FILTER
	    " GROUP BY v.rate_bp ORDER BY v.rate_bp DESC", date, till, cause);
	if (st == NULL)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct vat_sum *v;

		r->vat.sums = xreallocarray(r->vat.sums, r->vat.n + 1,
		    sizeof *r->vat.sums);
		v = &r->vat.sums[r->vat.n++];
		v->rate_bp = sqlite3_column_int(st, 0);
		v->gross = sqlite3_column_int64(st, 1);
		v->net = sqlite3_column_int64(st, 2);
		v->tax = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);

	st = day_query(db, "SELECT t.type, sum(t.amount), count(*) FROM "
	    "sale_tender t JOIN sale s ON s.id = t.sale_id WHERE "
	    "s.business_date = ?1 AND " TILL_FILTER " GROUP BY t.type "
	    "ORDER BY t.type", date, till, cause);
	if (st == NULL)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct tender_sum *t;

		r->tenders = xreallocarray(r->tenders, r->ntenders + 1,
		    sizeof *r->tenders);
		t = &r->tenders[r->ntenders++];
		t->type = xstrdup(db_text(st, 0));
		t->amount = sqlite3_column_int64(st, 1);
		t->count = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);

	st = day_query(db, "SELECT count(*), coalesce(sum(l.gross), 0) FROM sale_line l JOIN sale s ON s.id = "
	    "l.sale_id WHERE l.voided AND s.business_date = ?1 AND "
	    TILL_FILTER, date, till, cause);
	if (st == NULL)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->voided_lines = sqlite3_column_int64(st, 0);
		r->voided_amount = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);

	/* Sales written on paper in an outage count on the day they were. */
	st = day_query(db, "SELECT count(*), coalesce(sum(total), 0) FROM "
	    "sale s WHERE business_date = ?1 AND " TILL_FILTER " AND "
	    "backfill_book IS NOT NULL", date, till, cause);
	if (st == NULL)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->backfilled = sqlite3_column_int64(st, 0);
		r->backfilled_amount = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return (0);
fail:
	report_clear(r);
	return (-1);
}

void
report_clear(struct day_report *r)
{
	size_t	i;

	for (i = 0; i < r->ntenders; i++)
		free(r->tenders[i].type);
	free(r->tenders);
	vat_summary_clear(&r->vat);
	memset(r, 0, sizeof *r);
}
