/*
 * Stock per item, in thousandths like every quantity. A sale lowers it and
 * a return raises it in the sale's own transaction (sale_commit), a
 * delivery raises it, and an applied count sets it to what was counted;
 * each change is a stock_move row, so the stock of an item is always the
 * sum of its moves. Services (item.stocked = 0, from the catalog CSV's
 * "stocked" column) and training sales never touch stock.
 *
 * A count is kept in the database as it is scanned, so a restart loses
 * nothing; it changes the stock only of the items it counted (a partial
 * count of one shelf is allowed), and only when a manager applies it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "csv.h"
#include "i18n.h"
#include "money.h"
#include "rights.h"
#include "stock.h"
#include "store.h"
#include "table.h"
#include "events.h"
#include "xmalloc.h"

void
stock_lines_free(struct stock_line *l, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(l[i].code);
		free(l[i].name);
	}
	free(l);
}

/*
 * Add qty (which may be negative, to correct a mistake) to the item's line
 * of a list, or a new line; a line that comes to zero goes. Returns the
 * line's new quantity, or -1 when it would go below zero.
 */
int
stock_lines_add(struct stock_line **lines, size_t *n, int64_t item_id,
    const char *code, const char *name, enum unit unit, int64_t price,
    int64_t qty, char **cause)
{
	struct stock_line	*l;
	size_t			 i;

	for (i = 0; i < *n; i++)
		if ((*lines)[i].item_id == item_id)
			break;
	if (i == *n) {
		if (qty <= 0) {
			set_cause(cause, _("%s is not on the list"), name);
			return (-1);
		}
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		l = &(*lines)[(*n)++];
		memset(l, 0, sizeof *l);
		l->item_id = item_id;
		l->code = xstrdup(code);
		l->name = xstrdup(name);
		l->unit = unit;
		l->price = price;
	} else
		l = &(*lines)[i];
	if (l->qty + qty < 0 || l->qty + qty > QTY_MAX) {
		set_cause(cause, _("%s: that would make the quantity %s"),
		    name, l->qty + qty < 0 ? _("less than zero") :
		    _("too large"));
		return (-1);
	}
	l->qty += qty;
	if (l->qty == 0) {
		free(l->code);
		free(l->name);
		memmove(l, l + 1, (size_t)(*lines + *n - (l + 1)) * sizeof *l);
		(*n)--;
		return (0);
	}
	return (0);
}

/*
 * The stock moves of a committed sale, inside the caller's transaction:
 * every line not voided of a stocked item, unless the sale is a training
 * sale. A line's quantity leaves stock; a return's lines are negative, so
 * their stock comes back. Reads kind and training from the stored sale,
 * so whatever wrote the sale row decides them.
 */
int
stock_sale_moves(struct db *db, int64_t sale_id, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO stock_move (item_id, qty, kind, "
	    "ref_id, user_id, created_at) SELECT l.item_id, -l.qty, CASE "
	    "s.kind WHEN 'return' THEN 'return' ELSE 'sale' END, s.id, "
	    "s.user_id, s.created_at FROM sale_line l JOIN sale s ON s.id = "
	    "l.sale_id JOIN item i ON i.id = l.item_id WHERE l.sale_id = ?1 "
	    "AND NOT l.voided AND NOT s.training AND i.stocked "
	    "ORDER BY l.line_no", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, sale_id);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	st = db_prepare(db, "UPDATE item SET stock = stock - (SELECT "
	    "sum(l.qty) FROM sale_line l WHERE l.sale_id = ?1 AND l.item_id = "
	    "item.id AND NOT l.voided) WHERE stocked AND id IN (SELECT "
	    "l.item_id FROM sale_line l WHERE l.sale_id = ?1 AND NOT "
	    "l.voided) AND NOT (SELECT training FROM sale WHERE id = ?1)",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, sale_id);
	return (db_step_done(db, st, cause));
}

/* Move qty of an item into stock, as one move of the given kind. */
static int
move(struct db *db, int64_t item, int64_t qty, const char *kind,
    int64_t ref, int64_t user, const char *at, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE item SET stock = stock + ? WHERE id = ? "
	    "AND stocked", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, qty);
	sqlite3_bind_int64(st, 2, item);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	if (sqlite3_changes(db->h) != 1) {
		set_cause(cause, _("item %lld is a service or no longer in the "
		    "catalog: it has no stock"), (long long)item);
		return (-1);
	}
	st = db_prepare(db, "INSERT INTO stock_move (item_id, qty, kind, "
	    "ref_id, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_int64(st, 2, qty);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, ref);
	if (user != 0)
		sqlite3_bind_int64(st, 5, user);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_STATIC);
	return (db_step_done(db, st, cause));
}

/* Receive a delivery into stock, in one transaction; its id. */
int
stock_receive(struct db *db, int64_t till, const char *reference,
    const struct stock_line *lines, size_t n, int64_t user, int64_t *id,
    char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];
	size_t		 i;

	*id = 0;
	if (reference == NULL || *reference == '\0') {
		set_cause(cause, _("a delivery needs its reference (the "
		    "number on the delivery note)"));
		return (-1);
	}
	if (n == 0) {
		set_cause(cause, _("the delivery has no lines"));
		return (-1);
	}
	db_time_text(time(NULL), at, sizeof at);
	if (db_begin(db, cause) != 0)
		return (-1);
	st = db_prepare(db, "INSERT INTO delivery (reference, till_id, "
	    "user_id, created_at) VALUES (?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, reference, -1, SQLITE_STATIC);
	if (till != 0)
		sqlite3_bind_int64(st, 2, till);
	if (user != 0)
		sqlite3_bind_int64(st, 3, user);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	*id = sqlite3_last_insert_rowid(db->h);
	for (i = 0; i < n; i++) {
		if (lines[i].qty <= 0) {
			set_cause(cause, _("%s: a delivered quantity is above "
			    "zero"), lines[i].name);
			goto fail;
		}
		st = db_prepare(db, "INSERT INTO delivery_line (delivery_id, "
		    "line_no, item_id, qty) VALUES (?, ?, ?, ?)", cause);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		sqlite3_bind_int64(st, 3, lines[i].item_id);
		sqlite3_bind_int64(st, 4, lines[i].qty);
		if (db_step_done(db, st, cause) != 0 ||
		    move(db, lines[i].item_id, lines[i].qty, "receive", *id,
		    user, at, cause) != 0)
			goto fail;
	}
	if (db_commit(db, cause) != 0)
		goto fail;
	return (0);
fail:
	db_rollback(db);
	*id = 0;
	return (-1);
}

/* Whether an item has stock: not a service, and in the catalog. */
int
stock_tracked(struct db *db, int64_t id)
{
	sqlite3_stmt	*st;
	int		 stocked = 0;

	if ((st = db_prepare(db, "SELECT stocked FROM item WHERE id = ?",
	    NULL)) == NULL)
		return (0);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		stocked = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (stocked);
}

static void
csv_error(struct import_result *res, size_t line, const char *what,
    const char *detail)
{
	res->errors = xreallocarray(res->errors, res->nerrors + 1,
	    sizeof *res->errors);
	xasprintf(&res->errors[res->nerrors++], _("line %zu: %s%s%s"), line,
	    what, detail != NULL ? ": " : "", detail != NULL ? detail : "");
	res->invalid++;
}

/*
 * A delivery note or a count as CSV: code and quantity per row (';' or
 * ',' between them, a header row "code;qty" optional), looked up as a scan
 * would be. Returns 0 with the lines, or -1 with every bad row in res.
 */
int
stock_read_csv(struct db *db, const char *buf, size_t len,
    const struct instore_rule *rules, size_t nrules,
    struct stock_line **lines, size_t *n, struct import_result *res)
{
	struct csv		 c;
	struct csv_record	 rec;
	struct catalog_item	 it;
	char			*cause = NULL;
	int64_t			 qty;
	int			 rc, first = 1;

	memset(res, 0, sizeof *res);
	*lines = NULL;
	*n = 0;
	csv_init(&c, buf, len);
	memset(&rec, 0, sizeof rec);
	while ((rc = csv_next(&c, &rec, &cause)) == 1) {
		const char *code = rec.n > 0 ? rec.fields[0] : "";

		if (rec.n == 0 || (rec.n == 1 && *code == '\0')) {
			csv_record_clear(&rec);
			continue;	/* a blank line */
		}
		if (first && strspn(code, "0123456789") != strlen(code)) {
			first = 0;	/* a header row */
			csv_record_clear(&rec);
			continue;
		}
		first = 0;
		res->rows++;
		if (rec.n != 2) {
			csv_error(res, rec.line, _("a row is a code and a "
			    "quantity"), NULL);
		} else if (qty_parse(rec.fields[1], &qty, &cause) != 0 ||
		    qty <= 0) {
			csv_error(res, rec.line, _("the quantity is not a "
			    "number above zero"), rec.fields[1]);
		} else if (catalog_find(db, code, rules, nrules, &it,
		    &cause) != 0) {
			csv_error(res, rec.line, cause, NULL);
		} else {
			if (!stock_tracked(db, it.id))
				csv_error(res, rec.line, _("a service has no "
				    "stock"), it.name);
			else if (stock_lines_add(lines, n, it.id, it.code,
			    it.name, it.unit, it.price, it.qty != 0 ? it.qty :
			    qty, &cause) != 0)
				csv_error(res, rec.line, cause, NULL);
			else
				res->inserted++;
			catalog_item_clear(&it);
		}
		free(cause);
		cause = NULL;
		csv_record_clear(&rec);
	}
	if (rc < 0) {
		csv_error(res, c.line, cause != NULL ? cause :
		    _("the file could not be read"), NULL);
		free(cause);
	}
	if (res->nerrors > 0 || res->rows == 0) {
		if (res->rows == 0 && res->nerrors == 0)
			csv_error(res, 1, _("the file has no rows"), NULL);
		stock_lines_free(*lines, *n);
		*lines = NULL;
		*n = 0;
		return (-1);
	}
	return (0);
}

#define ITEM_CODE "coalesce((SELECT g.code FROM item_gtin g WHERE " \
	"g.item_id = i.id ORDER BY g.seq LIMIT 1), i.plu, '')"

static void
read_line(sqlite3_stmt *st, struct stock_line **lines, size_t *n)
{
	struct stock_line	*l;

	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	l = &(*lines)[(*n)++];
	memset(l, 0, sizeof *l);
	l->item_id = sqlite3_column_int64(st, 0);
	l->code = xstrdup(db_text(st, 1));
	l->name = xstrdup(db_text(st, 2));
	unit_from_name(db_text(st, 3), &l->unit);
	l->price = sqlite3_column_int64(st, 4);
	l->qty = sqlite3_column_int64(st, 5);
	l->expected = sqlite3_column_int64(st, 6);
}

/* Stocked items, by name; with low >= 0 only those at or below it. */
int
stock_list(struct db *db, int64_t low, struct stock_line **lines, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*lines = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT i.id, " ITEM_CODE ", i.name, i.unit, "
	    "i.price, i.stock, i.stock FROM item i WHERE i.stocked AND "
	    "i.active AND (?1 < 0 OR i.stock <= ?1) ORDER BY i.name, i.id",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, low);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_line(st, lines, n);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the stock");
		return (-1);
	}
	return (0);
}

/* The till's count not yet applied (0: none), begun when create is set. */
int
stock_count_open(struct db *db, int64_t till, int create, int64_t user,
    int64_t *id, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	st = db_prepare(db, "SELECT id FROM stock_count WHERE applied_at IS "
	    "NULL AND till_id = ? ORDER BY id DESC LIMIT 1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	*id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (*id != 0 || !create)
		return (0);
	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "INSERT INTO stock_count (till_id, user_id, "
	    "created_at) VALUES (?, ?, ?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, till);
	if (user != 0)
		sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	*id = sqlite3_last_insert_rowid(db->h);
	return (0);
}

/*
 * Add qty counted of an item (negative corrects a mistake); the item's
 * count so far in *counted. One item may stand on several shelves.
 */
int
stock_count_add(struct db *db, int64_t count, int64_t item, int64_t qty,
    int64_t *counted, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 now = 0;
	int		 rc;

	st = db_prepare(db, "SELECT c.applied_at IS NOT NULL, i.stocked, "
	    "i.name, coalesce((SELECT counted FROM stock_count_line WHERE "
	    "count_id = c.id AND item_id = i.id), 0) FROM stock_count c, "
	    "item i WHERE c.id = ? AND i.id = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, count);
	sqlite3_bind_int64(st, 2, item);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		set_cause(cause, _("there is no stock count %lld or no item "
		    "%lld"), (long long)count, (long long)item);
	else if (sqlite3_column_int(st, 0))
		set_cause(cause, _("stock count %lld is already applied"),
		    (long long)count);
	else if (!sqlite3_column_int(st, 1))
		set_cause(cause, _("%s is a service: it has no stock to "
		    "count"), db_text(st, 2));
	else if ((now = sqlite3_column_int64(st, 3)) + qty < 0)
		set_cause(cause, _("only %lld thousandths of %s are counted "
		    "so far"), (long long)now, db_text(st, 2));
	else if (now + qty > QTY_MAX)
		set_cause(cause, _("the count of %s would be too large"),
		    db_text(st, 2));
	else
		rc = 0;
	sqlite3_finalize(st);
	if (rc != 0)
		return (-1);
	st = db_prepare(db, "INSERT INTO stock_count_line (count_id, item_id, "
	    "counted) VALUES (?1, ?2, ?3) ON CONFLICT (count_id, item_id) DO "
	    "UPDATE SET counted = ?3", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, count);
	sqlite3_bind_int64(st, 2, item);
	sqlite3_bind_int64(st, 3, now + qty);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	if (counted != NULL)
		*counted = now + qty;
	return (0);
}

/*
 * A count's lines by name: counted, and expected: the stock now, or for
 * an applied count the stock it replaced.
 */
int
stock_count_lines(struct db *db, int64_t count, struct stock_line **lines,
    size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*lines = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT i.id, " ITEM_CODE ", i.name, i.unit, "
	    "i.price, l.counted, coalesce(l.expected, i.stock) FROM "
	    "stock_count_line l JOIN item i ON i.id = l.item_id WHERE "
	    "l.count_id = ? ORDER BY i.name, i.id", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, count);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_line(st, lines, n);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the stock count");
		return (-1);
	}
	return (0);
}

/*
 * Apply a count: each counted item's stock becomes what was counted, with
 * a 'count' move of the difference; the stock it replaced is kept on the
 * line as expected. Items not counted keep their stock. Applying needs the
 * right to (a manager), or a manager's approval (approver_id).
 */
int
stock_count_apply(struct db *db, int64_t count, int64_t user,
    int64_t approver_id, char **cause)
{
	struct actor	 who = { user, ROLE_NONE }, approver;
	sqlite3_stmt	*st;
	char		 at[20];

	/* The rule is checked here, whoever asks. */
	if (store_allowed(db, &who, approver_id, ACT_STOCK_APPLY, &approver,
	    cause) != 0)
		return (-1);
	db_time_text(time(NULL), at, sizeof at);
	if (db_begin(db, cause) != 0)
		return (-1);
	st = db_prepare(db, "UPDATE stock_count SET applied_at = ?, "
	    "applied_by = ? WHERE id = ? AND applied_at IS NULL AND EXISTS "
	    "(SELECT 1 FROM stock_count_line WHERE count_id = ?3)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, approver_id > 0 ? approver_id : user);
	sqlite3_bind_int64(st, 3, count);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	if (sqlite3_changes(db->h) != 1) {
		set_cause(cause, _("stock count %lld is not open or has "
		    "nothing counted"), (long long)count);
		goto fail;
	}
	st = db_prepare(db, "UPDATE stock_count_line SET expected = (SELECT "
	    "stock FROM item WHERE id = item_id) WHERE count_id = ?", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, count);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	st = db_prepare(db, "INSERT INTO stock_move (item_id, qty, kind, "
	    "ref_id, user_id, created_at) SELECT item_id, counted - expected, "
	    "'count', count_id, ?2, ?3 FROM stock_count_line WHERE count_id = "
	    "?1 AND counted != expected ORDER BY item_id", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, count);
	sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	st = db_prepare(db, "UPDATE item SET stock = (SELECT counted FROM "
	    "stock_count_line WHERE count_id = ?1 AND item_id = item.id) "
	    "WHERE id IN (SELECT item_id FROM stock_count_line WHERE "
	    "count_id = ?1)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, count);
	if (db_step_done(db, st, cause) != 0 || db_commit(db, cause) != 0)
		goto fail;
	return (0);
fail:
	db_rollback(db);
	return (-1);
}

/*
 * The variance report of a count: per item what was expected and counted,
 * the difference, and its value at the catalog price (a loss negative).
 */
struct table *
stock_variance(const struct stock_line *lines, size_t n, int64_t count)
{
	const struct table_col	 cols[] = {
		{ "code", _("Code"), TABLE_TEXT },
		{ "item", _("Item"), TABLE_TEXT },
		{ "expected", _("Expected"), TABLE_QTY },
		{ "counted", _("Counted"), TABLE_QTY },
		{ "difference", _("Difference"), TABLE_QTY },
		{ "price", _("Price"), TABLE_MONEY },
		{ "value", _("Value"), TABLE_MONEY },
	};
	struct table		*t;
	char			 title[120];
	size_t			 i, r;

	snprintf(title, sizeof title, _("Stock count %lld: variance"),
	    (long long)count);
	t = table_create("count", title, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < n; i++) {
		int64_t diff = lines[i].qty - lines[i].expected;

		r = table_add_row(t);
		table_set_text(t, r, 0, lines[i].code);
		table_set_text(t, r, 1, lines[i].name);
		table_set_int(t, r, 2, lines[i].expected);
		table_set_int(t, r, 3, lines[i].qty);
		table_set_int(t, r, 4, diff);
		table_set_int(t, r, 5, lines[i].price);
		table_set_int(t, r, 6, money_mul_qty(lines[i].price, diff));
	}
	if (n > 0)
		table_add_total(t, _("Total"));
	return (t);
}
