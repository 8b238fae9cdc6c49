/*
 * The catalog: items with their GTINs and PLU, look-up of what a scanner or
 * a cashier types, name search through FTS5, and the CSV import and export
 * (columns documented in kassa(1)).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "catalog.h"
#include "csv.h"
#include "money.h"
#include "store.h"
#include "xmalloc.h"

#define ITEM_COLUMNS \
	"i.id, i.plu, i.name, i.price, i.vat_bp, i.unit, " \
	"coalesce(d.name, ''), i.active"
#define ITEM_FROM \
	"FROM item i LEFT JOIN department d ON d.id = i.department_id"

void
catalog_item_clear(struct catalog_item *it)
{
	free(it->code);
	free(it->plu);
	free(it->name);
	free(it->department);
	memset(it, 0, sizeof *it);
}

void
catalog_item_to_sale(const struct catalog_item *ci, struct sale_item *si)
{
	si->id = ci->id;
	si->code = ci->code;
	si->name = ci->name;
	si->department = ci->department;
	si->price = ci->price;
	si->vat_bp = ci->vat_bp;
	si->unit = ci->unit;
	si->price_source = ci->price_source;
}

static void
item_from_row(sqlite3_stmt *st, struct catalog_item *it)
{
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->plu = xstrdup(db_text(st, 1));
	it->name = xstrdup(db_text(st, 2));
	it->price = sqlite3_column_int64(st, 3);
	it->vat_bp = sqlite3_column_int(st, 4);
	it->unit = strcmp(db_text(st, 5), "kg") == 0 ? UNIT_KG : UNIT_PIECE;
	it->department = xstrdup(db_text(st, 6));
	it->active = sqlite3_column_int(st, 7);
	it->price_source = PRICE_CATALOG;
}

/* One item by a query with one text parameter; 1 found, 0 not, -1 error. */
static int
find_one(struct db *db, const char *sql, const char *key,
    struct catalog_item *it, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		item_from_row(st, it);
	else if (rc != SQLITE_DONE)
		db_cause(db, cause, "catalog look-up failed");
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1);
}

static int
find_gtin(struct db *db, const char *gtin14, struct catalog_item *it,
    char **cause)
{
	return (find_one(db, "SELECT " ITEM_COLUMNS " " ITEM_FROM
	    " JOIN item_gtin g ON g.item_id = i.id WHERE g.gtin14 = ?",
	    gtin14, it, cause));
}

static int
find_plu(struct db *db, const char *plu, struct catalog_item *it,
    char **cause)
{
	int	rc;

	rc = find_one(db, "SELECT " ITEM_COLUMNS " " ITEM_FROM
	    " WHERE i.plu = ?", plu, it, cause);
	/* An in-store code pads the item number with zeros. */
	while (rc == 0 && plu[0] == '0' && plu[1] != '\0') {
		plu++;
		rc = find_one(db, "SELECT " ITEM_COLUMNS " " ITEM_FROM
		    " WHERE i.plu = ?", plu, it, cause);
	}
	return (rc);
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return (0);
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return (0);
	return (1);
}

/*
 * Find what a scanner or a cashier typed: an in-store code with a price or
 * weight, a GTIN (an 8-digit code may also be a UPC-E), or a PLU. Returns
 * 0 with the item filled in, CATALOG_UNKNOWN when no item has the code, or
 * -1; both with a message for the cashier.
 */
int
catalog_find(struct db *db, const char *code, const struct instore_rule *rules,
    size_t nrules, struct catalog_item *it, char **cause)
{
	struct instore_code	 ic;
	char			 g14[GTIN14_LEN + 1], upca[13];
	int			 rc = 0, looks_gtin;

	memset(it, 0, sizeof *it);
	if (!all_digits(code)) {
		set_cause(cause, _("\"%s\" is not a code: type digits, or scan"),
		    code);
		return (-1);
	}
	rc = instore_parse(code, rules, nrules, &ic, cause);
	if (rc < 0)
		return (-1);
	if (rc == 1) {
		if ((rc = find_plu(db, ic.item, it, cause)) < 0)
			return (-1);
		if (rc == 0) {
			set_cause(cause, _("in-store code %s: no item number %s "
			    "in the catalog"), code, ic.item);
			return (-1);
		}
		if (ic.rule->kind == INSTORE_WEIGHT) {
			if (it->unit != UNIT_KG) {
				set_cause(cause, _("in-store code %s carries a "
				    "weight, but %s is sold by the piece"),
				    code, it->name);
				catalog_item_clear(it);
				return (-1);
			}
			it->qty = ic.value;
		} else {
			it->price = ic.value;
			it->price_source = PRICE_BARCODE;
			it->unit = UNIT_PIECE;
		}
		goto found;
	}
	looks_gtin = gtin_classify(code) != GTIN_NONE;
	if (looks_gtin && gtin_to14(code, g14, NULL) == 0) {
		if ((rc = find_gtin(db, g14, it, cause)) != 0)
			goto done;
	}
	if (strlen(code) == 8 && gtin_upce_expand(code, upca) == 0 &&
	    gtin_to14(upca, g14, NULL) == 0) {
		if ((rc = find_gtin(db, g14, it, cause)) != 0)
			goto done;
	}
	if (strlen(code) <= 14 && (rc = find_plu(db, code, it, cause)) != 0)
		goto done;
	if (looks_gtin && !gtin_valid(code))
		set_cause(cause, _("%s has a wrong check digit: scan it again "
		    "or type it carefully"), code);
	else {
		set_cause(cause, _("unknown code %s"), code);
		return (CATALOG_UNKNOWN);
	}
	return (-1);
done:
	if (rc < 0)
		return (-1);
found:
	if (!it->active) {
		set_cause(cause, _("%s (%s) is not for sale"), it->name, code);
		catalog_item_clear(it);
		return (-1);
	}
	it->code = xstrdup(code);
	return (0);
}

/*
 * Name search: every word the cashier typed must begin a word of the name,
 * in any order, accents ignored ("maito kev" finds "Kevytmaito"? no, but
 * "kevytm" does, and "leipa ruis" finds "Ruis leipä"). Each word is quoted
 * for FTS5, so nothing typed can be read as query syntax.
 */
int
catalog_search(struct db *db, const char *text, size_t limit,
    struct catalog_item **out, size_t *nout, char **cause)
{
	sqlite3_stmt	*st;
	char		*q, *o;
	const char	*p;
	int		 in_word = 0, rc;

	*out = NULL;
	*nout = 0;
	q = o = xmalloc(strlen(text) * 3 + 4);
	for (p = text; ; p++) {
		int boundary = (*p == '\0' || isspace((unsigned char)*p) ||
		    (ispunct((unsigned char)*p) && *p != '-'));

		if (in_word && boundary) {
			*o++ = '"';
			*o++ = '*';
			*o++ = ' ';
			in_word = 0;
		} else if (!in_word && !boundary) {
			*o++ = '"';
			in_word = 1;
		}
		if (*p == '\0')
			break;
		if (!boundary)
			*o++ = *p;
	}
	*o = '\0';
	if (*q == '\0') {
		free(q);
		return (0);
	}
	st = db_prepare(db, "SELECT " ITEM_COLUMNS " " ITEM_FROM
	    " JOIN item_fts f ON f.rowid = i.id WHERE item_fts MATCH ? "
	    "AND i.active ORDER BY f.rank, i.name LIMIT ?", cause);
	if (st == NULL) {
		free(q);
		return (-1);
	}
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *nout + 1, sizeof **out);
		item_from_row(st, &(*out)[*nout]);
		(*out)[*nout].code = xstrdup((*out)[*nout].plu);
		(*nout)++;
	}
	sqlite3_finalize(st);
	free(q);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, "search failed");
		return (-1);
	}
	return (0);
}

size_t
catalog_count(struct db *db)
{
	int64_t	n = db_int(db, "SELECT count(*) FROM item");

	return (n > 0 ? (size_t)n : 0);
}
