/*
 * The day's figures from committed sales: counts, totals, VAT per rate as
 * stored on each sale (so the report agrees with the receipts to the cent),
 * tenders, discounts, voided lines and cash rounding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "money.h"
#include "report.h"
#include "sale.h"
#include "store.h"
#include "table.h"
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

/* --- The reports besides X and Z -------------------------------------- */

static const struct {
	const char	*name;
	const char	*title;
} report_kinds[REPORT_NKINDS] = {
	{ "hourly", N_("Sales by hour") },
	{ "departments", N_("Sales by department") },
	{ "items", N_("Sales by item") },
	{ "cashiers", N_("Sales by cashier") },
	{ "losses", N_("Discounts, voids, overrides, refunds, no-sales") },
	{ "cash", N_("Cash differences per shift") },
};

const char *
report_kind_name(enum report_kind k)
{
	return (report_kinds[k].name);
}

const char *
report_kind_title(enum report_kind k)
{
	return (_(report_kinds[k].title));
}

int
report_kind_from_name(const char *name, enum report_kind *k)
{
	int	i;

	for (i = 0; i < REPORT_NKINDS; i++) {
		if (strcmp(name, report_kinds[i].name) == 0) {
			*k = (enum report_kind)i;
			return (0);
		}
	}
	return (-1);
}

/*
 * The sales a report counts: the days from ?1 to ?2, till ?3 (0: all),
 * never a training sale.
 */
#define SALES_FILTER "s.business_date BETWEEN ?1 AND ?2 AND " \
	"(?3 = 0 OR s.till_id = ?3) AND NOT s.training"
#define WHO "coalesce(u.name, nullif(s.cashier, ''), '')"
#define APPROVER(x) "coalesce((SELECT name FROM user WHERE id = " x "), '')"

static const char *report_sql[REPORT_NKINDS] = {
	/* hourly */
	"SELECT substr(s.created_at, 12, 2), sum(s.kind = 'sale'), "
	"sum(s.kind = 'return'), sum(s.total) FROM sale s WHERE "
	SALES_FILTER " GROUP BY 1 ORDER BY 1",
	/* departments */
	"SELECT l.department, count(DISTINCT s.id), sum(l.total) FROM "
	"sale_line l JOIN sale s ON s.id = l.sale_id WHERE " SALES_FILTER
	" AND NOT l.voided GROUP BY l.department ORDER BY 3 DESC, 1",
	/* items */
	"SELECT l.code, l.name, sum(l.qty), sum(l.total) FROM sale_line l "
	"JOIN sale s ON s.id = l.sale_id WHERE " SALES_FILTER " AND NOT "
	"l.voided GROUP BY l.code, l.name ORDER BY 4 DESC, 2",
	/* cashiers */
	"SELECT " WHO ", sum(s.kind = 'sale'), sum(s.kind = 'return'), "
	"sum(s.discount_total), sum(s.total) FROM sale s LEFT JOIN user u ON "
	"u.id = s.user_id WHERE " SALES_FILTER " GROUP BY s.user_id, 1 "
	"ORDER BY 1",
	/* losses: one row per discount, void, override, refund, no-sale */
	"SELECT s.created_at, s.till_id, s.receipt_no, 'discount', " WHO ", "
	"l.name, l.line_discount, l.discount_reason, " APPROVER("l.approver_id")
	", 0, 0, 0 FROM sale_line l JOIN sale s ON s.id = l.sale_id LEFT JOIN "
	"user u ON u.id = s.user_id WHERE " SALES_FILTER " AND NOT l.voided "
	"AND l.line_discount != 0 "
	"UNION ALL SELECT s.created_at, s.till_id, s.receipt_no, "
	"'sale_discount', " WHO ", '', (SELECT sum(basket_discount) FROM "
	"sale_line WHERE sale_id = s.id AND NOT voided), s.discount_reason, "
	APPROVER("s.approver_id") ", 0, 0, 0 FROM sale s LEFT JOIN user u ON "
	"u.id = s.user_id WHERE " SALES_FILTER " AND s.discount_kind != 0 "
	"UNION ALL SELECT s.created_at, s.till_id, s.receipt_no, 'void', "
	WHO ", l.name, l.gross, NULL, " APPROVER("l.approver_id") ", 0, 0, 0 "
	"FROM sale_line l JOIN sale s ON s.id = l.sale_id LEFT JOIN user u ON "
	"u.id = s.user_id WHERE " SALES_FILTER " AND l.voided "
	"UNION ALL SELECT s.created_at, s.till_id, s.receipt_no, 'override', "
	WHO ", l.name, 0, NULL, " APPROVER("l.approver_id") ", "
	"coalesce(l.list_price, l.unit_price), l.unit_price, l.qty FROM "
	"sale_line l JOIN sale s ON s.id = l.sale_id LEFT JOIN user u ON "
	"u.id = s.user_id WHERE " SALES_FILTER " AND NOT l.voided AND "
	"l.price_source = ?4 "
	"UNION ALL SELECT s.created_at, s.till_id, s.receipt_no, 'refund', "
	WHO ", '', -s.total, s.reason, " APPROVER("s.approver_id") ", 0, 0, 0 "
	"FROM sale s LEFT JOIN user u ON u.id = s.user_id WHERE " SALES_FILTER
	" AND s.kind = 'return' "
	"UNION ALL SELECT e.created_at, e.till_id, NULL, e.kind, "
	"coalesce(u.name, ''), '', e.amount, e.detail, "
	APPROVER("e.approver_id") ", 0, 0, 0 FROM till_event e LEFT JOIN user "
	"u ON u.id = e.user_id WHERE e.business_date BETWEEN ?1 AND ?2 AND "
	"(?3 = 0 OR e.till_id = ?3) AND NOT e.training AND e.kind IN "
	"('no_sale', 'cancel') ORDER BY 1, 2, 3, 4",
	/* cash */
	"SELECT sh.id, sh.till_id, coalesce(u.name, ''), sh.opened_at, "
	"c.closed_at, coalesce(cu.name, ''), sh.float_amount, "
	"c.expected_cash, c.counted_cash, c.difference FROM shift sh JOIN "
	"shift_close c ON c.shift_id = sh.id LEFT JOIN user u ON u.id = "
	"sh.user_id LEFT JOIN user cu ON cu.id = c.user_id WHERE "
	"sh.business_date BETWEEN ?1 AND ?2 AND (?3 = 0 OR sh.till_id = ?3) "
	"ORDER BY sh.id",
};

static struct table *
report_table_create(enum report_kind k, const char *from, const char *to)
{
	const struct table_col hourly[] = {
		{ "hour", _("Hour"), TABLE_TEXT },
		{ "sales", _("Sales"), TABLE_INT },
		{ "returns", _("Returns"), TABLE_INT },
		{ "amount", _("Amount"), TABLE_MONEY },
	}, departments[] = {
		{ "department", _("Department"), TABLE_TEXT },
		{ "receipts", _("Receipts"), TABLE_INT },
		{ "amount", _("Amount"), TABLE_MONEY },
	}, items[] = {
		{ "code", _("Code"), TABLE_TEXT },
		{ "item", _("Item"), TABLE_TEXT },
		{ "qty", _("Qty"), TABLE_QTY },
		{ "amount", _("Amount"), TABLE_MONEY },
	}, cashiers[] = {
		{ "cashier", _("Cashier"), TABLE_TEXT },
		{ "sales", _("Sales"), TABLE_INT },
		{ "returns", _("Returns"), TABLE_INT },
		{ "discounts", _("Discounts"), TABLE_MONEY },
		{ "amount", _("Amount"), TABLE_MONEY },
	}, losses[] = {
		{ "time", _("Time"), TABLE_TEXT },
		{ "till", _("Till"), TABLE_TEXT },
		{ "receipt", _("Receipt"), TABLE_TEXT },
		{ "kind", _("What"), TABLE_TEXT },
		{ "cashier", _("Cashier"), TABLE_TEXT },
		{ "item", _("Item"), TABLE_TEXT },
		{ "amount", _("Amount"), TABLE_MONEY },
		{ "reason", _("Reason"), TABLE_TEXT },
		{ "approver", _("Approved by"), TABLE_TEXT },
	}, cash[] = {
		{ "shift", _("Shift"), TABLE_TEXT },
		{ "till", _("Till"), TABLE_TEXT },
		{ "cashier", _("Cashier"), TABLE_TEXT },
		{ "opened", _("Opened"), TABLE_TEXT },
		{ "closed", _("Closed"), TABLE_TEXT },
		{ "closed_by", _("Closed by"), TABLE_TEXT },
		{ "float", _("Float"), TABLE_MONEY },
		{ "expected", _("Expected"), TABLE_MONEY },
		{ "counted", _("Counted"), TABLE_MONEY },
		{ "difference", _("Difference"), TABLE_MONEY },
	};
	const struct table_col	*cols[REPORT_NKINDS] = { hourly, departments,
		items, cashiers, losses, cash };
	const size_t		 ncols[REPORT_NKINDS] = { 4, 3, 4, 5, 9, 10 };
	struct table		*t;
	char			*title;

	if (strcmp(from, to) == 0)
		xasprintf(&title, "%s, %s", report_kind_title(k), from);
	else
		xasprintf(&title, "%s, %s - %s", report_kind_title(k), from,
		    to);
	t = table_create(report_kind_name(k), title, cols[k], ncols[k]);
	t->from = xstrdup(from);
	t->to = xstrdup(to);
	free(title);
	return (t);
}

/*
 * A report over the days from..to (YYYY-MM-DD) of one till (0: all). The
 * four sales reports end with a total row; the loss-prevention and cash
 * reports list one row per event or shift.
 */
int
report_table(struct db *db, enum report_kind k, const char *from,
    const char *to, int64_t till, struct table **out, char **cause)
{
	const struct money_locale	*loc;
	sqlite3_stmt			*st;
	struct table			*t;
	char				*locname, buf[160], a[MONEY_BUFSIZE];
	size_t				 r, c;
	int				 rc;

	*out = NULL;
	st = db_prepare(db, report_sql[k], cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, till);
	if (k == REPORT_LOSSES)
		sqlite3_bind_int(st, 4, PRICE_OVERRIDE);
	locname = db_setting(db, "store.locale", "fi_FI");
	loc = money_locale_find(locname);
	free(locname);
	t = report_table_create(k, from, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = table_add_row(t);
		if (k == REPORT_HOURLY) {
			int h = atoi(db_text(st, 0));

			snprintf(buf, sizeof buf, "%02d:00-%02d:00", h, h + 1);
			table_set_text(t, r, 0, buf);
			for (c = 1; c < 4; c++)
				table_set_int(t, r, c,
				    sqlite3_column_int64(st, (int)c));
			continue;
		}
		for (c = 0; c < t->ncols; c++) {
			if (sqlite3_column_type(st, (int)c) == SQLITE_NULL) {
				table_cell(t, r, c)->null = 1;
				continue;
			}
			if (t->cols[c].type == TABLE_TEXT)
				table_set_text(t, r, c, db_text(st, (int)c));
			else
				table_set_int(t, r, c,
				    sqlite3_column_int64(st, (int)c));
		}
		if (k == REPORT_LOSSES && strcmp(db_text(st, 3),
		    "override") == 0) {
			int64_t list = sqlite3_column_int64(st, 9);
			int64_t price = sqlite3_column_int64(st, 10);
			int64_t qty = sqlite3_column_int64(st, 11);

			/* What the customer did not pay of the catalog price. */
			table_set_int(t, r, 6, money_mul_qty(list, qty) -
			    money_mul_qty(price, qty));
			snprintf(buf, sizeof buf, _("catalog price %s"),
			    money_format_plain(list, loc, a, sizeof a));
			table_set_text(t, r, 7, buf);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the report");
		table_free(t);
		return (-1);
	}
	if (t->nrows > 0 && k != REPORT_LOSSES) {
		table_add_total(t, _("Total"));
		/* A sale in two departments is one receipt, not two. */
		if (k == REPORT_DEPARTMENTS)
			table_cell(t, t->nrows - 1, 1)->null = 1;
	}
	*out = t;
	return (0);
}
