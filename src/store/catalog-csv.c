/*
 * Catalog CSV import and export. Columns are named by the header row:
 *
 *	gtin		GTINs separated by spaces (EAN-8, UPC-A, EAN-13, GTIN-14)
 *	plu		the item number a cashier types
 *	name		required
 *	price		required, VAT included, per piece or per kg: 2.49, 2,49
 *	vat		required, a rate in percent the store has: 25.5
 *	unit		pcs (default) or kg
 *	department	created when new
 *	active		1 (default) or 0
 *	stocked		1 (default) or 0: a service (a haircut) has no stock
 *
 * A row updates the item that has its PLU or one of its GTINs, or adds a new
 * one. The import is one transaction: unless skip_invalid is set, one bad
 * row imports nothing. Export writes the same columns, so importing what was
 * exported changes nothing.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "i18n.h"
#include "journal.h"
#include "catalog.h"
#include "catalog-int.h"
#include "csv.h"
#include "money.h"
#include "receipt.h"
#include "store.h"
#include "xmalloc.h"

static const char *col_names[NCOLS] = {
	"gtin", "plu", "name", "price", "vat", "unit", "department", "active",
	"stocked"
};

void
import_error(struct import_result *res, size_t line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *full;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		xasprintf(&full, "line %zu: %s", line, msg);
	else
		full = xstrdup(msg);
	free(msg);
	res->errors = xreallocarray(res->errors, res->nerrors + 1,
	    sizeof *res->errors);
	res->errors[res->nerrors++] = full;
}

void
import_result_clear(struct import_result *res)
{
	size_t	i;

	for (i = 0; i < res->nerrors; i++)
		free(res->errors[i]);
	free(res->errors);
	memset(res, 0, sizeof *res);
}

char *
catalog_trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return (s);
}

/* Check a row on its own; fills the parsed values. */
/* Text a receipt can print: UTF-8, no control characters. */
static int
printable(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return (0);
	return (utf8_valid(s));
}

static int
row_parse(struct db *db, struct row *r, const struct instore_rule *rules,
    size_t nrules, size_t line, struct import_result *res)
{
	struct instore_code	 ic;
	char		*cause = NULL, *copy, *tok, *save;
	const char	*s;
	size_t		 i;
	int		 ok = 1;

	if (*r->f[COL_NAME] == '\0') {
		import_error(res, line, _("the name is missing"));
		ok = 0;
	} else if (strlen(r->f[COL_NAME]) > 200) {
		import_error(res, line, _("the name is longer than 200 bytes"));
		ok = 0;
	} else if (!printable(r->f[COL_NAME]) || !printable(r->f[COL_DEPT])) {
		import_error(res, line, _("the name or department has a line "
		    "break, a control character or is not UTF-8"));
		ok = 0;
	}
	if (*r->f[COL_PRICE] == '\0') {
		import_error(res, line, _("the price is missing"));
		ok = 0;
	} else if (money_parse(r->f[COL_PRICE], &r->price, &cause) != 0 ||
	    r->price < 0) {
		import_error(res, line, _("price: %s"), cause != NULL ? cause :
		    "a price cannot be negative");
		free(cause);
		cause = NULL;
		ok = 0;
	}
	if (*r->f[COL_VAT] == '\0') {
		import_error(res, line, _("the VAT rate is missing"));
		ok = 0;
	} else if (rate_parse(r->f[COL_VAT], &r->vat_bp, &cause) != 0) {
		import_error(res, line, _("%s"), cause);
		free(cause);
		cause = NULL;
		ok = 0;
	} else if (!db_vat_rate_exists(db, r->vat_bp)) {
		import_error(res, line, _("unknown VAT rate %s %% (the store "
		    "has no such rate)"), r->f[COL_VAT]);
		ok = 0;
	}
	s = r->f[COL_UNIT];
	if (*s == '\0')
		r->unit = UNIT_PIECE;
	else if (unit_from_name(s, &r->unit) != 0) {
		import_error(res, line, _("unknown unit \"%s\" (pcs or kg)"), s);
		ok = 0;
	}
	s = r->f[COL_ACTIVE];
	if (*s == '\0' || strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0)
		r->active = 1;
	else if (strcmp(s, "0") == 0 || strcasecmp(s, "no") == 0)
		r->active = 0;
	else {
		import_error(res, line, _("active must be 1 or 0, not \"%s\""),
		    s);
		ok = 0;
	}
	s = r->f[COL_STOCKED] != NULL ? r->f[COL_STOCKED] : "";
	if (*s == '\0' || strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0)
		r->stocked = 1;
	else if (strcmp(s, "0") == 0 || strcasecmp(s, "no") == 0)
		r->stocked = 0;
	else {
		import_error(res, line, _("stocked must be 1 or 0, not "
		    "\"%s\""), s);
		ok = 0;
	}
	s = r->f[COL_PLU];
	for (i = 0; s[i] != '\0'; i++) {
		if (!isdigit((unsigned char)s[i]) || i >= 14) {
			import_error(res, line, _("PLU \"%s\" must be 1 to 14 "
			    "digits"), s);
			ok = 0;
			break;
		}
	}
	copy = xstrdup(r->f[COL_GTIN]);
	r->ngtin = 0;
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (r->ngtin == ROW_MAX_GTINS) {
			import_error(res, line, _("more than 8 GTINs"));
			ok = 0;
			break;
		}
		/* A code in the in-store ranges would be read as one. */
		memset(&ic, 0, sizeof ic);
		if (instore_parse(tok, rules, nrules, &ic, NULL) != 0) {
			import_error(res, line, _("GTIN %s falls in the "
			    "in-store range %d-%d, so a scan would read it as a "
			    "price or weight label"), tok,
			    ic.rule != NULL ? ic.rule->prefix_lo : 20,
			    ic.rule != NULL ? ic.rule->prefix_hi : 29);
			ok = 0;
			continue;
		}
		if (gtin_to14(tok, r->g14[r->ngtin], &cause) != 0) {
			import_error(res, line, _("GTIN %s"), cause);
			free(cause);
			cause = NULL;
			ok = 0;
			continue;
		}
		snprintf(r->codes[r->ngtin], sizeof r->codes[r->ngtin], "%s",
		    tok);
		r->ngtin++;
	}
	free(copy);
	if (r->ngtin == 0 && *r->f[COL_PLU] == '\0' && ok) {
		import_error(res, line, _("the item has neither a GTIN nor a "
		    "PLU, so it could never be sold"));
		ok = 0;
	}
	return (ok ? 0 : -1);
}

/* Record a code as used by this file; -1 when an earlier row had it. */
static int
seen(struct db *db, const char *kind, const char *code, size_t line,
    struct import_result *res)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "INSERT INTO temp.import_seen (code, line) "
	    "VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING line", NULL);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)line);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return (0);
	st = db_prepare(db, "SELECT line FROM temp.import_seen WHERE code = ?",
	    NULL);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		import_error(res, line, _("duplicate %s %s (also on line %lld)"),
		    kind, code + (kind[0] == 'G' ? strspn(code, "0") : 0),
		    (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return (-1);
}

static int64_t
lookup_id(struct db *db, const char *sql, const char *key)
{
	sqlite3_stmt	*st;
	int64_t		 id = 0;

	if ((st = db_prepare(db, sql, NULL)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (id);
}

static int64_t
department_id(struct db *db, const char *name, char **cause)
{
	sqlite3_stmt	*st;

	if (*name == '\0')
		return (0);
	st = db_prepare(db, "INSERT INTO department (name) VALUES (?) "
	    "ON CONFLICT (name) DO NOTHING", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	return (lookup_id(db, "SELECT id FROM department WHERE name = ?",
	    name));
}

/* Find the existing item this row updates; -1 when it names two. */
static int
row_match(struct db *db, struct row *r, size_t line,
    struct import_result *res, int64_t *idp)
{
	int64_t	 id = 0, other;
	size_t	 i;

	if (*r->f[COL_PLU] != '\0')
		id = lookup_id(db, "SELECT id FROM item WHERE plu = ?",
		    r->f[COL_PLU]);
	if (id < 0)
		goto fail;
	for (i = 0; i < r->ngtin; i++) {
		other = lookup_id(db, "SELECT item_id FROM item_gtin "
		    "WHERE gtin14 = ?", r->g14[i]);
		if (other < 0)
			goto fail;
		if (other == 0)
			continue;
		if (id != 0 && other != id) {
			if (*r->f[COL_PLU] != '\0')
				import_error(res, line, _("GTIN %s already "
				    "belongs to another item than PLU %s"),
				    r->codes[i], r->f[COL_PLU]);
			else
				import_error(res, line, _("GTIN %s belongs to "
				    "another item than the row's other "
				    "GTINs"), r->codes[i]);
			return (-1);
		}
		id = other;
	}
	*idp = id;
	return (0);
fail:
	import_error(res, line, _("the catalog could not be read"));
	return (-1);
}

/*
 * A stock level from a file is a count: the item takes it, and the change
 * is a stock move like any other, so the stock's history adds up.
 */
static int
stock_set(struct db *db, int64_t id, int64_t stock, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "INSERT INTO stock_move (item_id, qty, kind, "
	    "created_at) SELECT id, ?2 - stock, 'count', ?3 FROM item "
	    "WHERE id = ?1 AND stock != ?2", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, stock);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	st = db_prepare(db, "UPDATE item SET stock = ? WHERE id = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, stock);
	sqlite3_bind_int64(st, 2, id);
	return (db_step_done(db, st, cause));
}

/*
 * Add or update the item. On an update, a column the file does not have
 * keeps the item's value: a price list with only plu, name, price and vat
 * leaves GTINs, unit, department and the active flag alone.
 */
static int
row_apply(struct db *db, struct row *r, int64_t id, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 dept;
	size_t		 i;

	if ((dept = department_id(db, r->f[COL_DEPT], cause)) < 0)
		return (-1);
	if (id != 0)
		st = db_prepare(db, "UPDATE item SET "
		    "plu = CASE WHEN ?9 THEN ?1 ELSE plu END, name = ?2, "
		    "price = ?3, vat_bp = ?4, "
		    "unit = CASE WHEN ?10 THEN ?5 ELSE unit END, "
		    "department_id = CASE WHEN ?11 THEN ?6 ELSE department_id "
		    "END, active = CASE WHEN ?12 THEN ?7 ELSE active END, "
		    "stocked = CASE WHEN ?14 THEN ?13 ELSE stocked END "
		    "WHERE id = ?8", cause);
	else
		st = db_prepare(db, "INSERT INTO item (plu, name, price, "
		    "vat_bp, unit, department_id, active, stocked) VALUES "
		    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?13)", cause);
	if (st == NULL)
		return (-1);
	if (*r->f[COL_PLU] != '\0')
		sqlite3_bind_text(st, 1, r->f[COL_PLU], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->f[COL_NAME], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, r->price);
	sqlite3_bind_int(st, 4, r->vat_bp);
	sqlite3_bind_text(st, 5, unit_name(r->unit), -1, SQLITE_STATIC);
	if (dept != 0)
		sqlite3_bind_int64(st, 6, dept);
	sqlite3_bind_int(st, 7, r->active);
	sqlite3_bind_int(st, 13, r->stocked);
	if (id != 0) {
		sqlite3_bind_int64(st, 8, id);
		sqlite3_bind_int(st, 9, r->has[COL_PLU]);
		sqlite3_bind_int(st, 10, r->has[COL_UNIT]);
		sqlite3_bind_int(st, 11, r->has[COL_DEPT]);
		sqlite3_bind_int(st, 12, r->has[COL_ACTIVE]);
		sqlite3_bind_int(st, 14, r->has[COL_STOCKED]);
	}
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	if (id == 0)
		id = sqlite3_last_insert_rowid(db->h);
	if (r->has_stock && stock_set(db, id, r->stock, cause) != 0)
		return (-1);
	if (!r->has[COL_GTIN])
		return (0);
	st = db_prepare(db, "DELETE FROM item_gtin WHERE item_id = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	for (i = 0; i < r->ngtin; i++) {
		st = db_prepare(db, "INSERT INTO item_gtin (gtin14, code, "
		    "item_id, seq) VALUES (?, ?, ?, ?)", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_text(st, 1, r->g14[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, r->codes[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, id);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)i);
		if (db_step_done(db, st, cause) != 0)
			return (-1);
	}
	return (0);
}

/* The kassa CSV: the header names the columns; returns the column map. */
static void *
kassa_header(__attribute__((unused)) struct db *db, struct csv_record *h,
    __attribute__((unused)) const void *arg, struct import_result *res)
{
	size_t	 i, c;
	int	*map, ok = 1;

	map = xcalloc(NCOLS, sizeof *map);
	for (c = 0; c < NCOLS; c++)
		map[c] = -1;
	for (i = 0; i < h->n; i++) {
		char *name = catalog_trim(h->fields[i]);

		for (c = 0; c < NCOLS; c++)
			if (strcasecmp(name, col_names[c]) == 0)
				break;
		if (c == NCOLS) {
			import_error(res, h->line, "unknown column \"%s\" "
			    "(known: gtin, plu, name, price, vat, unit, "
			    "department, active, stocked)", name);
			ok = 0;
		} else if (map[c] != -1) {
			import_error(res, h->line, "column \"%s\" appears "
			    "twice", name);
			ok = 0;
		} else
			map[c] = (int)i;
	}
	if (map[COL_NAME] == -1 || map[COL_PRICE] == -1 || map[COL_VAT] == -1 ||
	    (map[COL_GTIN] == -1 && map[COL_PLU] == -1)) {
		import_error(res, h->line, "the header must name at least the "
		    "columns name, price, vat and gtin or plu");
		ok = 0;
	}
	if (!ok) {
		free(map);
		return (NULL);
	}
	return (map);
}

static int
kassa_fill(void *state, struct csv_record *rec, struct row *r,
    __attribute__((unused)) struct import_result *res)
{
	const int	*map = state;
	size_t		 i;

	for (i = 0; i < NCOLS; i++) {
		r->has[i] = map[i] >= 0;
		if (map[i] >= 0 && (size_t)map[i] < rec->n)
			r->f[i] = catalog_trim(rec->fields[map[i]]);
	}
	return (0);
}

static const struct catalog_format kassa_format = {
	"kassa", kassa_header, kassa_fill, free, NULL
};

static void
row_clear(struct row *r)
{
	size_t	i;

	for (i = 0; i < NCOLS; i++)
		free(r->own[i]);
}

/*
 * Import a catalog file held in buf, in the given format. Returns 0 when
 * the import went in (all rows, or with skip_invalid all valid ones), -1
 * when nothing was imported; res lists every invalid row either way.
 */
int
catalog_import_as(struct db *db, const struct catalog_format *fmt,
    const char *buf, size_t len, int skip_invalid,
    const struct instore_rule *rules, size_t nrules, struct import_result *res,
    char **cause)
{
	struct csv		 c;
	struct csv_record	 rec;
	struct row		 r;
	void			*state;
	int			 rc, bad;
	int64_t			 id = 0;
	size_t			 i, nhead;
	char			*why = NULL;

	memset(res, 0, sizeof *res);
	csv_init(&c, buf, len);
	if ((rc = csv_next(&c, &rec, &why)) <= 0) {
		set_cause(cause, "%s", rc == 0 ? _("the file is empty") : why);
		free(why);
		return (-1);
	}
	state = fmt->header(db, &rec, fmt->arg, res);
	nhead = rec.n;
	csv_record_clear(&rec);
	if (state == NULL) {
		set_cause(cause, _("the header row is not right"));
		return (-1);
	}
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS import_seen "
	    "(code TEXT PRIMARY KEY, line INTEGER); DELETE FROM "
	    "temp.import_seen", cause) != 0 || db_begin(db, cause) != 0) {
		fmt->free(state);
		return (-1);
	}
	while ((rc = csv_next(&c, &rec, &why)) == 1) {
		res->rows++;
		memset(&r, 0, sizeof r);
		for (i = 0; i < NCOLS; i++)
			r.f[i] = "";
		if (rec.n != nhead) {
			import_error(res, rec.line, _("%zu fields where the "
			    "header has %zu (a separator too many or too few?)"),
			    rec.n, nhead);
			bad = 1;
		} else
			bad = fmt->fill(state, &rec, &r, res) != 0;
		if (!bad)
			bad = row_parse(db, &r, rules, nrules, rec.line,
			    res) != 0;
		if (!bad && *r.f[COL_PLU] != '\0')
			bad |= seen(db, "PLU", r.f[COL_PLU], rec.line, res);
		for (i = 0; !bad && i < r.ngtin; i++)
			bad |= seen(db, "GTIN", r.g14[i], rec.line, res);
		if (!bad)
			bad = row_match(db, &r, rec.line, res, &id) != 0;
		if (!bad) {
			if (db_exec(db, "SAVEPOINT import_row", cause) != 0) {
				row_clear(&r);
				csv_record_clear(&rec);
				goto fail;
			}
			if (row_apply(db, &r, id, &why) != 0) {
				import_error(res, rec.line, _("%s"), why);
				free(why);
				why = NULL;
				db_exec(db, "ROLLBACK TO import_row", NULL);
				bad = 1;
			} else if (id != 0)
				res->updated++;
			else
				res->inserted++;
			db_exec(db, "RELEASE import_row", NULL);
		}
		if (bad)
			res->invalid++;
		row_clear(&r);
		csv_record_clear(&rec);
	}
	if (rc < 0) {
		set_cause(cause, _("%s"), why);
		free(why);
		goto fail;
	}
	if (res->invalid > 0 && !skip_invalid) {
		set_cause(cause, _("%zu of %zu rows are invalid; nothing was "
		    "imported (--skip-invalid imports the valid rows)"),
		    res->invalid, res->rows);
		goto fail;
	}
	fmt->free(state);
	/* The price changes the import made go into the journal with it. */
	if (journal_price_changes(db, 0, cause) != 0) {
		db_rollback(db);
		res->inserted = res->updated = 0;
		return (-1);
	}
	return (db_commit(db, cause));
fail:
	fmt->free(state);
	db_rollback(db);
	res->inserted = res->updated = 0;
	return (-1);
}

int
catalog_import(struct db *db, const char *buf, size_t len, int skip_invalid,
    const struct instore_rule *rules, size_t nrules, struct import_result *res,
    char **cause)
{
	return (catalog_import_as(db, &kassa_format, buf, len, skip_invalid,
	    rules, nrules, res, cause));
}

static void
write_field(FILE *f, const char *s, int last)
{
	char	*q = csv_quote(s, ',');

	fputs(q, f);
	fputc(last ? '\n' : ',', f);
	free(q);
}

int
catalog_export(struct db *db, FILE *f, char **cause)
{
	const struct money_locale	*c = money_locale_find("C");
	sqlite3_stmt			*st;
	char				 num[MONEY_BUFSIZE];
	int				 rc;

	st = db_prepare(db, "SELECT (SELECT group_concat(code, ' ') FROM "
	    "(SELECT code FROM item_gtin g WHERE g.item_id = i.id "
	    "ORDER BY seq)), coalesce(i.plu, ''), i.name, i.price, i.vat_bp, "
	    "i.unit, coalesce(d.name, ''), i.active, i.stocked FROM item i "
	    "LEFT JOIN department d ON d.id = i.department_id"
	    " ORDER BY i.id", cause);
	if (st == NULL)
		return (-1);
	fputs("gtin,plu,name,price,vat,unit,department,active,stocked\n", f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		write_field(f, db_text(st, 0), 0);
		write_field(f, db_text(st, 1), 0);
		write_field(f, db_text(st, 2), 0);
		fixed_format(sqlite3_column_int64(st, 3), 2, ".", "", num,
		    sizeof num);
		write_field(f, num, 0);
		rate_format(sqlite3_column_int(st, 4), c, num, sizeof num);
		write_field(f, num, 0);
		write_field(f, db_text(st, 5), 0);
		write_field(f, db_text(st, 6), 0);
		write_field(f, sqlite3_column_int(st, 7) ? "1" : "0", 0);
		write_field(f, sqlite3_column_int(st, 8) ? "1" : "0", 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, "export failed");
		return (-1);
	}
	if (fflush(f) != 0 || ferror(f)) {
		set_cause(cause, _("could not write the export"));
		return (-1);
	}
	return (0);
}
