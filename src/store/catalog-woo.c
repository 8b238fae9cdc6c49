/*
 * The catalog in the WooCommerce product CSV, the file WooCommerce's own
 * product exporter writes and its importer reads (Products > Export and
 * Import; the column names are WooCommerce's English ones):
 *
 *	Type		simple (or empty); variable, grouped, external and
 *			variation rows are refused: the till sells items
 *	SKU		the PLU; for an item without one, its first GTIN
 *	GTIN, UPC, EAN, or ISBN
 *			the first GTIN (WooCommerce 9.2 and later)
 *	Name
 *	Published	1 sells, 0 and -1 (draft) make the item inactive
 *	Tax status	taxable, or none (the 0 % rate)
 *	Tax class	"" (standard), reduced-rate, zero-rate, or a class of
 *			[woocommerce] tax_class.NAME in kassa.conf
 *	Stock		pieces, or kilograms with up to 3 decimals
 *	Sale price	the price while the sale runs (its dates, when given,
 *			include today); the till sells at it
 *	Regular price	the price otherwise
 *	Categories	the first category is the department; of "A > B",
 *			the most specific part, B
 *	Meta: kassa_unit	pcs or kg (kassa's own; WooCommerce keeps and
 *			exports Meta: columns)
 *	Meta: kassa_gtins	every GTIN, separated by spaces
 *	Meta: kassa_stocked	1, or 0 for a service with no stock (whose
 *			Stock is written empty: WooCommerce manages none)
 *
 * Every other column is ignored. Prices are decimals with a point, as
 * WooCommerce writes them, read by the money parser, never as floats.
 *
 * SKU rule: a SKU that is one of the row's GTINs, or a valid GTIN when the
 * row has no GTIN, is a GTIN; a SKU of digits otherwise is the PLU; any
 * other SKU (letters) has no place in the till and is ignored, so the row
 * needs a GTIN. An empty GTIN, SKU, Published, Categories or Stock leaves
 * what the item has.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "catalog-int.h"
#include "conf.h"
#include "csv.h"
#include "i18n.h"
#include "money.h"
#include "store.h"
#include "xmalloc.h"

enum woo_col {
	W_TYPE, W_SKU, W_GTIN, W_NAME, W_PUBLISHED, W_TAX_STATUS, W_TAX_CLASS,
	W_STOCK, W_SALE, W_SALE_FROM, W_SALE_TO, W_REGULAR, W_CATEGORIES,
	W_UNIT, W_GTINS, W_STOCKED, W_NCOLS
};
static const char *woo_names[W_NCOLS] = {
	"Type", "SKU", "GTIN, UPC, EAN, or ISBN", "Name", "Published",
	"Tax status", "Tax class", "Stock", "Sale price",
	"Date sale price starts", "Date sale price ends", "Regular price",
	"Categories", "Meta: kassa_unit", "Meta: kassa_gtins",
	"Meta: kassa_stocked"
};

/* The tax classes: the configured ones, then the defaults. */
struct woo_classes {
	struct tax_class	*c;
	size_t			 n;
};

struct woo_state {
	int			 map[W_NCOLS];
	struct woo_classes	 classes;
	char			 today[11];
};

static void
classes_add(struct woo_classes *wc, const char *slug, int32_t bp)
{
	size_t	i;

	for (i = 0; i < wc->n; i++)
		if (strcasecmp(wc->c[i].slug, slug) == 0)
			return;
	wc->c = xreallocarray(wc->c, wc->n + 1, sizeof *wc->c);
	wc->c[wc->n].slug = xstrdup(slug);
	wc->c[wc->n].rate_bp = bp;
	wc->n++;
}

static void
classes_free(struct woo_classes *wc)
{
	size_t	i;

	for (i = 0; i < wc->n; i++)
		free(wc->c[i].slug);
	free(wc->c);
}

/*
 * Without configuration, standard is the store's highest rate,
 * reduced-rate the next below it, zero-rate 0 % when the store has it.
 */
static void
classes_load(struct db *db, const struct tax_class *conf, size_t nconf,
    struct woo_classes *wc)
{
	sqlite3_stmt	*st;
	int32_t		 rates[2] = { -1, -1 };
	int		 n = 0, zero = 0;
	size_t		 i;

	memset(wc, 0, sizeof *wc);
	for (i = 0; i < nconf; i++)
		classes_add(wc, conf[i].slug, conf[i].rate_bp);
	st = db_prepare(db, "SELECT rate_bp FROM vat_rate ORDER BY rate_bp "
	    "DESC", NULL);
	while (st != NULL && sqlite3_step(st) == SQLITE_ROW) {
		int32_t bp = sqlite3_column_int(st, 0);

		if (bp == 0)
			zero = 1;
		else if (n < 2)
			rates[n++] = bp;
	}
	sqlite3_finalize(st);
	if (rates[0] >= 0)
		classes_add(wc, "standard", rates[0]);
	if (rates[1] >= 0)
		classes_add(wc, "reduced-rate", rates[1]);
	if (zero)
		classes_add(wc, "zero-rate", 0);
}

/* A class by its slug; "vat-14" and "vat-25-5" name a rate directly. */
static int
class_rate(const struct woo_classes *wc, const char *slug, int32_t *bp)
{
	char	 buf[16];
	size_t	 i;

	if (*slug == '\0')
		slug = "standard";
	for (i = 0; i < wc->n; i++) {
		if (strcasecmp(wc->c[i].slug, slug) == 0) {
			*bp = wc->c[i].rate_bp;
			return (0);
		}
	}
	if (strncasecmp(slug, "vat-", 4) == 0 && strlen(slug + 4) < sizeof buf) {
		snprintf(buf, sizeof buf, "%s", slug + 4);
		if (strchr(buf, '-') != NULL)
			*strchr(buf, '-') = '.';
		if (rate_parse(buf, bp, NULL) == 0)
			return (0);
	}
	return (-1);
}

static void
class_slug(const struct woo_classes *wc, int32_t bp, char *out, size_t len)
{
	char	 num[16], *p;
	size_t	 i;

	for (i = 0; i < wc->n; i++) {
		if (wc->c[i].rate_bp == bp) {
			snprintf(out, len, "%s", strcmp(wc->c[i].slug,
			    "standard") == 0 ? "" : wc->c[i].slug);
			return;
		}
	}
	rate_format(bp, money_locale_find("C"), num, sizeof num);
	if ((p = strchr(num, '.')) != NULL)
		*p = '-';
	snprintf(out, len, "vat-%s", num);
}

static void *
woo_header(struct db *db, struct csv_record *h, const void *arg,
    struct import_result *res)
{
	const struct woo_tax_arg	*ta = arg;
	struct woo_state		*ws;
	struct tm			 tm;
	time_t				 now;
	size_t				 i, c;

	ws = xcalloc(1, sizeof *ws);
	for (c = 0; c < W_NCOLS; c++)
		ws->map[c] = -1;
	for (i = 0; i < h->n; i++) {
		const char *name = catalog_trim(h->fields[i]);

		for (c = 0; c < W_NCOLS; c++)
			if (strcasecmp(name, woo_names[c]) == 0 &&
			    ws->map[c] == -1)
				ws->map[c] = (int)i;
	}
	if (ws->map[W_NAME] == -1 || ws->map[W_REGULAR] == -1 ||
	    (ws->map[W_SKU] == -1 && ws->map[W_GTIN] == -1)) {
		import_error(res, h->line, _("not a WooCommerce product CSV: "
		    "the header needs at least the columns Name, Regular "
		    "price and SKU or \"GTIN, UPC, EAN, or ISBN\""));
		free(ws);
		return (NULL);
	}
	classes_load(db, ta->classes, ta->nclasses, &ws->classes);
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(ws->today, sizeof ws->today, "%Y-%m-%d", &tm);
	return (ws);
}

static void
woo_free(void *state)
{
	struct woo_state	*ws = state;

	if (ws == NULL)
		return;
	classes_free(&ws->classes);
	free(ws);
}

/*
 * WooCommerce writes a text starting with = + - @ behind a ' so that a
 * spreadsheet does not run it; its importer takes the ' away again.
 */
static const char *
unescape(const char *s)
{
	if (s[0] == '\'' && s[1] != '\0' && strchr("=+-@\t\r", s[1]) != NULL)
		return (s + 1);
	return (s);
}

static const char *
field(struct woo_state *ws, struct csv_record *rec, enum woo_col c)
{
	if (ws->map[c] < 0 || (size_t)ws->map[c] >= rec->n)
		return ("");
	return (unescape(catalog_trim(rec->fields[ws->map[c]])));
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

static int
has_token(const char *list, const char *tok)
{
	size_t	n = strlen(tok);
	const char *p = list;

	while ((p = strstr(p, tok)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' ||
		    p[n] == ' '))
			return (1);
		p += n;
	}
	return (0);
}

/* The first category, its most specific part; "\," is a comma. */
static char *
first_category(const char *s)
{
	char		*out, *o, *last;
	const char	*p;

	out = o = xmalloc(strlen(s) + 1);
	for (p = s; *p != '\0' && *p != ','; p++) {
		if (*p == '\\' && p[1] == ',')
			p++;
		*o++ = *p;
	}
	*o = '\0';
	last = out;
	for (o = out; (o = strchr(o, '>')) != NULL; o++)
		last = o + 1;
	if (last != out) {
		o = xstrdup(catalog_trim(last));
		free(out);
		return (o);
	}
	o = xstrdup(catalog_trim(out));
	free(out);
	return (o);
}

static int
woo_fill(void *state, struct csv_record *rec, struct row *r,
    struct import_result *res)
{
	struct woo_state	*ws = state;
	const char		*type, *sku, *gtins, *s, *price;
	const char		*from, *to;
	char			*cause = NULL, buf[16];
	int32_t			 bp;
	int			 ok = 1;

	type = field(ws, rec, W_TYPE);
	if (*type != '\0' && strncasecmp(type, "simple", 6) != 0) {
		import_error(res, rec->line, _("a %.*s product: the till "
		    "sells simple products only (export each variation as a "
		    "simple product, or leave the row out)"),
		    (int)strcspn(type, ","), type);
		return (-1);
	}
	r->f[COL_NAME] = field(ws, rec, W_NAME);
	r->has[COL_NAME] = 1;

	/* GTINs: all of kassa's, else WooCommerce's one, else the SKU. */
	gtins = field(ws, rec, W_GTINS);
	if (*gtins == '\0')
		gtins = field(ws, rec, W_GTIN);
	sku = field(ws, rec, W_SKU);
	if (*gtins == '\0' && all_digits(sku) && gtin_valid(sku))
		gtins = sku;
	r->f[COL_GTIN] = gtins;
	r->has[COL_GTIN] = *gtins != '\0';
	if (all_digits(sku) && !has_token(gtins, sku)) {
		r->f[COL_PLU] = sku;
		r->has[COL_PLU] = 1;
	}

	/* The sale price while the sale runs, else the regular one. */
	price = field(ws, rec, W_REGULAR);
	s = field(ws, rec, W_SALE);
	from = field(ws, rec, W_SALE_FROM);
	to = field(ws, rec, W_SALE_TO);
	if (*s != '\0' && (*from == '\0' || strncmp(from, ws->today, 10) <= 0)
	    && (*to == '\0' || strncmp(ws->today, to, 10) <= 0))
		price = s;
	r->f[COL_PRICE] = price;
	r->has[COL_PRICE] = 1;

	s = field(ws, rec, W_TAX_CLASS);
	if (strcasecmp(field(ws, rec, W_TAX_STATUS), "none") == 0)
		bp = 0;
	else if (class_rate(&ws->classes, s, &bp) != 0) {
		import_error(res, rec->line, _("tax class \"%s\" has no VAT "
		    "rate: add tax_class.%s = RATE to [woocommerce] in "
		    "kassa.conf"), s, s);
		ok = 0;
		bp = 0;
	}
	rate_format(bp, money_locale_find("C"), buf, sizeof buf);
	r->own[COL_VAT] = xstrdup(buf);
	r->f[COL_VAT] = r->own[COL_VAT];
	r->has[COL_VAT] = 1;

	s = field(ws, rec, W_UNIT);
	r->f[COL_UNIT] = s;
	r->has[COL_UNIT] = *s != '\0';

	s = field(ws, rec, W_STOCKED);
	r->f[COL_STOCKED] = s;
	r->has[COL_STOCKED] = *s != '\0';

	s = field(ws, rec, W_PUBLISHED);
	r->has[COL_ACTIVE] = *s != '\0';
	r->f[COL_ACTIVE] = strcmp(s, "0") == 0 || strcmp(s, "-1") == 0 ?
	    "0" : "1";

	s = field(ws, rec, W_CATEGORIES);
	if (*s != '\0') {
		r->own[COL_DEPT] = first_category(s);
		r->f[COL_DEPT] = r->own[COL_DEPT];
		r->has[COL_DEPT] = *r->f[COL_DEPT] != '\0';
	}

	s = field(ws, rec, W_STOCK);
	if (*s != '\0') {
		if (qty_parse(s, &r->stock, &cause) != 0) {
			import_error(res, rec->line, _("Stock: %s"), cause);
			free(cause);
			ok = 0;
		} else
			r->has_stock = 1;
	}
	return (ok ? 0 : -1);
}

int
catalog_import_woo(struct db *db, const char *buf, size_t len,
    const struct tax_class *classes, size_t nclasses, int skip_invalid,
    const struct instore_rule *rules, size_t nrules, struct import_result *res,
    char **cause)
{
	struct woo_tax_arg	 ta = { classes, nclasses };
	struct catalog_format	 fmt = {
		"woocommerce", woo_header, woo_fill, woo_free, &ta
	};

	return (catalog_import_as(db, &fmt, buf, len, skip_invalid, rules,
	    nrules, res, cause));
}

/* A text field as WooCommerce's exporter writes it. */
static void
put(FILE *f, const char *s, int last)
{
	char	*q, *esc = NULL;

	if (*s != '\0' && strchr("=+-@", *s) != NULL) {
		xasprintf(&esc, "'%s", s);
		s = esc;
	}
	q = csv_quote(s, ',');
	fputs(q, f);
	fputc(last ? '\n' : ',', f);
	free(q);
	free(esc);
}

/* A category: a comma in its name is written "\,". */
static char *
category(const char *name)
{
	char	*out, *o;

	out = o = xmalloc(strlen(name) * 2 + 1);
	for (; *name != '\0'; name++) {
		if (*name == ',')
			*o++ = '\\';
		*o++ = *name;
	}
	*o = '\0';
	return (out);
}

int
catalog_export_woo(struct db *db, FILE *f, const struct tax_class *classes,
    size_t nclasses, char **cause)
{
	const struct money_locale	*c = money_locale_find("C");
	struct woo_classes		 wc;
	sqlite3_stmt			*st;
	char				 num[MONEY_BUFSIZE], slug[64], *cat;
	const char			*gtins, *first, *plu;
	int64_t				 stock;
	int				 rc;

	st = db_prepare(db, "SELECT (SELECT group_concat(code, ' ') FROM "
	    "(SELECT code FROM item_gtin g WHERE g.item_id = i.id "
	    "ORDER BY seq)), coalesce(i.plu, ''), i.name, i.price, i.vat_bp, "
	    "i.unit, coalesce(d.name, ''), i.active, i.stock, i.stocked FROM "
	    "item i "
	    "LEFT JOIN department d ON d.id = i.department_id ORDER BY i.id",
	    cause);
	if (st == NULL)
		return (-1);
	classes_load(db, classes, nclasses, &wc);
	fputs("ID,Type,SKU,\"GTIN, UPC, EAN, or ISBN\",Name,Published,"
	    "Tax status,Tax class,In stock?,Stock,Sale price,Regular price,"
	    "Categories,Meta: kassa_unit,Meta: kassa_gtins,"
	    "Meta: kassa_stocked\n", f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gtins = db_text(st, 0);
		plu = db_text(st, 1);
		first = gtins;
		snprintf(num, sizeof num, "%.*s", (int)strcspn(gtins, " "),
		    gtins);
		fputs(",simple,", f);
		put(f, *plu != '\0' ? plu : num, 0);
		put(f, num, 0);
		put(f, db_text(st, 2), 0);
		put(f, sqlite3_column_int(st, 7) ? "1" : "0", 0);
		put(f, "taxable", 0);
		class_slug(&wc, sqlite3_column_int(st, 4), slug, sizeof slug);
		put(f, slug, 0);
		stock = sqlite3_column_int64(st, 8);
		if (sqlite3_column_int(st, 9)) {
			put(f, stock > 0 ? "1" : "0", 0);
			qty_format(stock, strcmp(db_text(st, 5), "kg") == 0, c,
			    num, sizeof num);
			put(f, num, 0);
		} else {
			put(f, "1", 0);		/* a service is always there */
			put(f, "", 0);
		}
		put(f, "", 0);
		fixed_format(sqlite3_column_int64(st, 3), 2, ".", "", num,
		    sizeof num);
		put(f, num, 0);
		cat = category(db_text(st, 6));
		put(f, cat, 0);
		free(cat);
		put(f, db_text(st, 5), 0);
		put(f, first, 0);
		put(f, sqlite3_column_int(st, 9) ? "1" : "0", 1);
	}
	sqlite3_finalize(st);
	classes_free(&wc);
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
