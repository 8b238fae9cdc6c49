/*
 * Returns against a receipt: what each of its lines sold, what earlier
 * returns gave back, and so what may still be returned. The store checks
 * a return again when it is committed, from the tables and not from the
 * basket: never more than was sold net of earlier returns, and each line
 * gives back its share of what was paid for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "money.h"
#include "returns.h"
#include "store.h"
#include "xmalloc.h"

void
return_source_clear(struct return_source *rs)
{
	size_t	i;

	for (i = 0; i < rs->nlines; i++) {
		free(rs->lines[i].code);
		free(rs->lines[i].name);
		free(rs->lines[i].department);
	}
	free(rs->lines);
	memset(rs, 0, sizeof *rs);
}

/* How much of line line_no of sale sale_id earlier returns gave back. */
static int64_t
returned_of(struct db *db, int64_t sale_id, int64_t line_no)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	st = db_prepare(db, "SELECT coalesce(-sum(l.qty), 0) FROM sale_line l "
	    "JOIN sale s ON s.id = l.sale_id WHERE s.return_of = ? AND "
	    "l.return_line = ? AND NOT l.voided", NULL);
	if (st == NULL)
		return (0);
	sqlite3_bind_int64(st, 1, sale_id);
	sqlite3_bind_int64(st, 2, line_no);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (n);
}

/*
 * The sale behind receipt receipt_no of a till, with what each line may
 * still give back. Returns 0, 1 when there is no such receipt (or it is
 * itself a return, or training), -1 on error.
 */
int
return_source_load(struct db *db, int64_t till, int64_t receipt_no,
    struct return_source *rs, char **cause)
{
	sqlite3_stmt	*st;
	const char	*kind;
	int		 training, rc;

	memset(rs, 0, sizeof *rs);
	st = db_prepare(db, "SELECT id, kind, training, (SELECT type FROM "
	    "sale_tender t WHERE t.sale_id = sale.id ORDER BY abs(amount) "
	    "DESC, seq LIMIT 1) FROM sale WHERE till_id = ? AND receipt_no = ?",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_int64(st, 2, receipt_no);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			db_cause(db, cause, "database error");
			return (-1);
		}
		set_cause(cause, _("there is no receipt %lld on this till"),
		    (long long)receipt_no);
		return (1);
	}
	rs->sale_id = sqlite3_column_int64(st, 0);
	kind = db_text(st, 1);
	training = sqlite3_column_int(st, 2);
	snprintf(rs->tender, sizeof rs->tender, "%s", db_text(st, 3));
	rs->receipt_no = receipt_no;
	if (strcmp(kind, "sale") != 0 || training) {
		set_cause(cause, strcmp(kind, "sale") != 0 ? _("receipt %lld is "
		    "itself a return") : _("receipt %lld is a training sale"),
		    (long long)receipt_no);
		sqlite3_finalize(st);
		return (1);
	}
	sqlite3_finalize(st);
	rs->tender_type = strcmp(rs->tender, "cash") == 0 ? TENDER_CASH :
	    strcmp(rs->tender, "card") == 0 ? TENDER_CARD : TENDER_OTHER;

	st = db_prepare(db, "SELECT line_no, coalesce(item_id, 0), code, name, "
	    "department, unit, vat_bp, unit_price, qty, total FROM sale_line "
	    "WHERE sale_id = ? AND NOT voided ORDER BY line_no", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, rs->sale_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct returnable *r;

		rs->lines = xreallocarray(rs->lines, rs->nlines + 1,
		    sizeof *rs->lines);
		r = &rs->lines[rs->nlines++];
		memset(r, 0, sizeof *r);
		r->line_no = sqlite3_column_int64(st, 0);
		r->item_id = sqlite3_column_int64(st, 1);
		r->code = xstrdup(db_text(st, 2));
		r->name = xstrdup(db_text(st, 3));
		r->department = xstrdup(db_text(st, 4));
		if (unit_from_name(db_text(st, 5), &r->unit) != 0)
			r->unit = UNIT_PIECE;
		r->vat_bp = sqlite3_column_int(st, 6);
		r->unit_price = sqlite3_column_int64(st, 7);
		r->sold = sqlite3_column_int64(st, 8);
		r->total = sqlite3_column_int64(st, 9);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < rs->nlines; i++)
		rs->lines[i].returned = returned_of(db, rs->sale_id,
		    rs->lines[i].line_no);
	return (0);
}

/* Put qty of line i of the source into the return s. */
int
return_add(struct sale *s, const struct return_source *rs, size_t i,
    int64_t qty, char **cause)
{
	const struct returnable	*r = &rs->lines[i];
	struct sale_item	 it;
	int64_t			 left = r->sold - r->returned;
	size_t			 j;

	if (s->return_of != 0 && s->return_of != rs->sale_id) {
		set_cause(cause, _("this return is of another receipt"));
		return (-1);
	}
	for (j = 0; j < s->nlines; j++)
		if (!s->lines[j].voided && s->lines[j].return_line ==
		    r->line_no)
			left += s->lines[j].qty;	/* negative */
	if (left <= 0) {
		set_cause(cause, _("all of %s has been returned already"),
		    r->name);
		return (-1);
	}
	if (qty > left) {
		if (r->unit == UNIT_PIECE)
			set_cause(cause, _("only %lld of %s can be returned: "
			    "%lld sold, %lld returned before"),
			    (long long)(left / QTY_ONE), r->name,
			    (long long)(r->sold / QTY_ONE),
			    (long long)(r->returned / QTY_ONE));
		else
			set_cause(cause, _("only %lld.%03lld kg of %s can be "
			    "returned"), (long long)(left / QTY_ONE),
			    (long long)(left % QTY_ONE), r->name);
		return (-1);
	}
	memset(&it, 0, sizeof it);
	it.id = r->item_id;
	it.code = r->code;
	it.name = r->name;
	it.department = r->department;
	it.price = r->unit_price;
	it.vat_bp = r->vat_bp;
	it.unit = r->unit;
	it.price_source = PRICE_CATALOG;
	if (sale_add_return_line(s, &it, r->line_no, r->sold, r->total, qty,
	    cause) < 0)
		return (-1);
	s->return_of = rs->sale_id;
	s->return_receipt = rs->receipt_no;
	return (0);
}

/*
 * The store's check of a return before it commits: each line of a return
 * against a receipt gives back at most what was sold net of earlier
 * returns, and exactly its share of what was paid; a return has a reason.
 */
int
return_check(struct db *db, const struct sale *s, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;
	if (s->return_reason[0] == '\0') {
		set_cause(cause, _("a return needs a reason"));
		return (-1);
	}
	for (i = 0; i < s->nlines; i++) {
		const struct sale_line *l = &s->lines[i];
		int64_t sold, total, done = 0, back = 0;
		size_t j;

		if (l->voided)
			continue;
		if (l->qty >= 0) {
			set_cause(cause, _("%s: a return gives items back"),
			    l->name);
			return (-1);
		}
		if (s->return_of == 0) {
			if (l->return_line != 0) {
				set_cause(cause, _("%s: a return without a "
				    "receipt cannot name a sold line"),
				    l->name);
				return (-1);
			}
			continue;
		}
		st = db_prepare(db, "SELECT qty, total FROM sale_line WHERE "
		    "sale_id = ? AND line_no = ? AND NOT voided", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, s->return_of);
		sqlite3_bind_int64(st, 2, l->return_line);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			set_cause(cause, _("%s: the receipt has no such line"),
			    l->name);
			return (-1);
		}
		sold = sqlite3_column_int64(st, 0);
		total = sqlite3_column_int64(st, 1);
		sqlite3_finalize(st);
		done = returned_of(db, s->return_of, l->return_line);
		for (j = 0; j < s->nlines; j++)
			if (!s->lines[j].voided && s->lines[j].return_line ==
			    l->return_line)
				back -= s->lines[j].qty;
		if (back > sold - done) {
			set_cause(cause, _("%s: more would be returned than "
			    "was sold"), l->name);
			return (-1);
		}
		if (l->total != -return_amount(total, sold, -l->qty)) {
			set_cause(cause, _("%s: the amount given back is not "
			    "what was paid for it"), l->name);
			return (-1);
		}
	}
	return (0);
}
