/*
 * Backfill: sales written on paper slips while the till was down, entered
 * later with their original date and time and the slip's book and number.
 * Each goes through the one sale commit (sales.c), so it is numbered in the
 * till's receipt sequence, counted on its own day and checked there: a slip
 * is entered once, never dated in the future. A file is entered whole or
 * not at all; every bad row is reported with its line.
 *
 * The CSV columns, named by the header row, in any order:
 *
 *	date	YYYY-MM-DD, the day on the slip
 *	time	HH:MM or HH:MM:SS
 *	book	the slip book (letters or digits)
 *	slip	the slip's number in its book
 *	code	GTIN or PLU; empty on a row that only pays
 *	qty	pieces or kilograms; empty is 1
 *	price	optional: the unit price charged, else the catalog's
 *	tender	cash, card or another tender of the till; once a slip
 *	amount	what that tender paid; empty: the rest
 *
 * One slip is the consecutive rows with the same book and number.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backfill.h"
#include "catalog.h"
#include "csv.h"
#include "i18n.h"
#include "incident.h"
#include "money.h"
#include "receipt.h"
#include "sales.h"
#include "store.h"
#include "xmalloc.h"

enum col {
	COL_DATE, COL_TIME, COL_BOOK, COL_SLIP, COL_CODE, COL_QTY, COL_PRICE,
	COL_TENDER, COL_AMOUNT, NCOLS
};
static const char *col_names[NCOLS] = {
	"date", "time", "book", "slip", "code", "qty", "price", "tender",
	"amount"
};

/* A tender of a slip, paid once the lines are all in. */
struct slip_tender {
	enum tender_type type;
	char		 method[TENDER_NAME_MAX];
	int64_t		 amount;	/* -1: the rest */
};

/* The slip being read. */
struct slip {
	struct sale		*sale;
	char			 date[11];
	char			 time[9];
	size_t			 line;		/* its first row */
	int			 bad;
	struct slip_tender	 tenders[8];
	size_t			 ntenders;
};

static void
add_error(struct backfill_result *res, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add_error(struct backfill_result *res, size_t line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *full;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		xasprintf(&full, _("line %zu: %s"), line, msg);
	else
		full = xstrdup(msg);
	free(msg);
	res->errors = xreallocarray(res->errors, res->nerrors + 1,
	    sizeof *res->errors);
	res->errors[res->nerrors++] = full;
}

void
backfill_result_clear(struct backfill_result *res)
{
	size_t	i;

	for (i = 0; i < res->nerrors; i++)
		free(res->errors[i]);
	free(res->errors);
	for (i = 0; i < res->noutages; i++)
		free(res->outages[i]);
	free(res->outages);
	memset(res, 0, sizeof *res);
}

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return (s);
}

/*
 * A slip's local date and time as seconds since the epoch; a date or time
 * that does not exist (2026-02-30, 25:00) is refused.
 */
int
backfill_slip_time(const char *date, const char *hm, time_t *out,
    char **cause)
{
	struct tm	 tm, back;
	const char	*end;

	memset(&tm, 0, sizeof tm);
	end = strlen(date) == 10 ? strptime(date, "%Y-%m-%d", &tm) : NULL;
	if (end == NULL || *end != '\0') {
		set_cause(cause, _("\"%s\" is not a date (YYYY-MM-DD)"), date);
		return (-1);
	}
	end = strptime(hm, "%H:%M", &tm);
	if (end != NULL && *end == ':')
		end = strptime(end + 1, "%S", &tm);
	if (end == NULL || *end != '\0' || strlen(hm) < 4) {
		set_cause(cause, _("\"%s\" is not a time (HH:MM)"), hm);
		return (-1);
	}
	tm.tm_isdst = -1;
	back = tm;
	*out = mktime(&tm);
	if (*out == (time_t)-1 || tm.tm_mday != back.tm_mday ||
	    tm.tm_mon != back.tm_mon || tm.tm_year != back.tm_year) {
		set_cause(cause, _("%s is not a day of the calendar"), date);
		return (-1);
	}
	return (0);
}

/* Book and slip number: what a person writes on a pad, nothing more. */
static int
slip_id_valid(const char *s)
{
	size_t	n = strlen(s);

	if (n == 0 || n >= SLIP_MAX)
		return (0);
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.')
			return (0);
	return (1);
}

static int
tender_parse(const struct backfill_till *bt, const char *name,
    struct slip_tender *t)
{
	size_t	i;

	memset(t, 0, sizeof *t);
	if (strlen(name) >= TENDER_NAME_MAX)
		return (-1);
	snprintf(t->method, sizeof t->method, "%s", name);
	if (strcmp(name, "cash") == 0 || strcmp(name, "card") == 0) {
		tender_from_name(name, &t->type);
		return (0);
	}
	for (i = 0; i < bt->ntenders; i++)
		if (strcmp(name, bt->tenders[i]) == 0) {
			t->type = TENDER_OTHER;
			return (0);
		}
	return (-1);
}

/* One row's line and tender into the slip. */
static void
row_add(struct db *db, const struct backfill_till *bt, struct slip *sl,
    const char **f, size_t line, struct backfill_result *res)
{
	struct catalog_item	 it;
	struct sale_item	 si;
	struct slip_tender	 t;
	char			*cause = NULL;
	int64_t			 qty = QTY_ONE, price;
	int			 i;

	if (*f[COL_CODE] == '\0' && *f[COL_TENDER] == '\0') {
		add_error(res, line, _("neither a code nor a tender: what was "
		    "sold or paid?"));
		sl->bad = 1;
		return;
	}
	if (*f[COL_CODE] != '\0') {
		if (catalog_find(db, f[COL_CODE], bt->rules, bt->nrules, &it,
		    &cause) != 0) {
			add_error(res, line, "%s", cause);
			free(cause);
			sl->bad = 1;
			return;
		}
		if (it.qty > 0)
			qty = it.qty;	/* the weight on an in-store label */
		if (*f[COL_QTY] != '\0' && qty_parse(f[COL_QTY], &qty,
		    &cause) != 0) {
			add_error(res, line, _("qty: %s"), cause);
			free(cause);
			cause = NULL;
			sl->bad = 1;
		}
		catalog_item_to_sale(&it, &si);
		if (!sl->bad && (i = sale_add_line(sl->sale, &si, qty,
		    &cause)) < 0) {
			add_error(res, line, "%s", cause);
			free(cause);
			cause = NULL;
			sl->bad = 1;
		}
		if (!sl->bad && *f[COL_PRICE] != '\0') {
			if (money_parse(f[COL_PRICE], &price, &cause) != 0) {
				add_error(res, line, _("price: %s"), cause);
				free(cause);
				cause = NULL;
				sl->bad = 1;
			} else if (price != it.price && sale_override_price(
			    sl->sale, (size_t)i, price, &cause) != 0) {
				add_error(res, line, _("price: %s"), cause);
				free(cause);
				cause = NULL;
				sl->bad = 1;
			}
		}
		catalog_item_clear(&it);
	} else if (*f[COL_QTY] != '\0' || *f[COL_PRICE] != '\0') {
		add_error(res, line, _("a quantity or price without a code"));
		sl->bad = 1;
	}
	if (*f[COL_TENDER] == '\0') {
		if (*f[COL_AMOUNT] != '\0') {
			add_error(res, line, _("an amount without a tender"));
			sl->bad = 1;
		}
		return;
	}
	if (tender_parse(bt, f[COL_TENDER], &t) != 0) {
		add_error(res, line, _("unknown tender \"%s\" (cash, card or "
		    "one of the till's [tenders])"), f[COL_TENDER]);
		sl->bad = 1;
		return;
	}
	t.amount = -1;
	if (*f[COL_AMOUNT] != '\0' && (money_parse(f[COL_AMOUNT], &t.amount,
	    &cause) != 0 || t.amount <= 0)) {
		add_error(res, line, _("amount: %s"), cause != NULL ? cause :
		    _("it must be above zero"));
		free(cause);
		sl->bad = 1;
		return;
	}
	/* "cash" with no amount on every row of a slip is one payment. */
	for (i = 0; t.amount < 0 && (size_t)i < sl->ntenders; i++)
		if (sl->tenders[i].amount < 0) {
			if (strcmp(sl->tenders[i].method, t.method) == 0)
				return;
			add_error(res, line, _("two tenders (%s and %s) both "
			    "pay the rest: give one of them an amount"),
			    sl->tenders[i].method, t.method);
			sl->bad = 1;
			return;
		}
	if (sl->ntenders == sizeof sl->tenders / sizeof sl->tenders[0]) {
		add_error(res, line, _("more than 8 payments on one slip"));
		sl->bad = 1;
		return;
	}
	sl->tenders[sl->ntenders++] = t;
}

/* Pay the slip: the amounts given first, then the one that pays the rest. */
static int
slip_pay(struct slip *sl, char **cause)
{
	struct slip_tender	*t;
	char			 a[MONEY_BUFSIZE], b[MONEY_BUFSIZE];
	size_t			 i, pass;

	if (sale_active_lines(sl->sale) == 0) {
		set_cause(cause, _("slip %s/%s has no item"),
		    sl->sale->slip_book, sl->sale->slip_no);
		return (-1);
	}
	if (sl->ntenders == 0) {
		set_cause(cause, _("slip %s/%s has no tender: say how it was "
		    "paid"), sl->sale->slip_book, sl->sale->slip_no);
		return (-1);
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < sl->ntenders; i++) {
			t = &sl->tenders[i];
			if ((pass == 0) != (t->amount >= 0))
				continue;
			if (sale_add_tender_ref(sl->sale, t->type, t->method,
			    t->amount >= 0 ? t->amount : t->type ==
			    TENDER_CASH ? sale_cash_due(sl->sale) :
			    sale_remaining(sl->sale), NULL, cause) < 0)
				return (-1);
		}
	}
	if (!sale_is_paid(sl->sale)) {
		set_cause(cause, _("slip %s/%s is paid %s of %s"),
		    sl->sale->slip_book, sl->sale->slip_no,
		    fixed_format(sl->sale->paid, 2, ".", "", a, sizeof a),
		    fixed_format(sl->sale->total, 2, ".", "", b, sizeof b));
		return (-1);
	}
	return (0);
}

void
outage_add(struct outage **o, size_t *n, time_t when)
{
	char	at[20];
	size_t	i;

	db_time_text(when, at, sizeof at);
	for (i = 0; i < *n; i++)
		if (strncmp((*o)[i].day, at, 10) == 0)
			break;
	if (i == *n) {
		*o = xreallocarray(*o, *n + 1, sizeof **o);
		memset(&(*o)[i], 0, sizeof **o);
		memcpy((*o)[i].day, at, 10);
		(*o)[i].first = (*o)[i].last = when;
		(*n)++;
	}
	if (when < (*o)[i].first)
		(*o)[i].first = when;
	if (when > (*o)[i].last)
		(*o)[i].last = when;
	(*o)[i].sales++;
}

/*
 * An outage as an incident of its day, at its first sale's time: the sales
 * of that day entered from paper, and when they were entered.
 */
int
outage_record(struct db *db, int64_t till, const struct outage *o,
    char **text, char **cause)
{
	char	first[20], last[20], now[20], *detail;
	int	rc;

	db_time_text(o->first, first, sizeof first);
	db_time_text(o->last, last, sizeof last);
	db_time_text(time(NULL), now, sizeof now);
	xasprintf(&detail, ngettext("till down: %zu sale written on paper "
	    "from %s to %s, entered %s", "till down: %zu sales written on "
	    "paper from %s to %s, entered %s", o->sales), o->sales,
	    first + 11, last + 11, now);
	rc = incident_add(db, till, o->first, INCIDENT_OUTAGE, detail, 0, 0,
	    NULL, cause);
	if (rc == 0 && text != NULL)
		xasprintf(text, "%s %s", o->day, detail);
	free(detail);
	return (rc);
}

static int
header_parse(struct csv_record *h, int *map, struct backfill_result *res)
{
	size_t	 i, c;
	int	 ok = 1;

	for (c = 0; c < NCOLS; c++)
		map[c] = -1;
	for (i = 0; i < h->n; i++) {
		char *name = trim(h->fields[i]);

		for (c = 0; c < NCOLS; c++)
			if (strcasecmp(name, col_names[c]) == 0)
				break;
		if (c == NCOLS) {
			add_error(res, h->line, _("unknown column \"%s\" "
			    "(known: date, time, book, slip, code, qty, price, "
			    "tender, amount)"), name);
			ok = 0;
		} else if (map[c] != -1) {
			add_error(res, h->line, _("column \"%s\" appears "
			    "twice"), name);
			ok = 0;
		} else
			map[c] = (int)i;
	}
	for (c = 0; c < NCOLS; c++)
		if (map[c] == -1 && c != COL_PRICE && c != COL_QTY &&
		    c != COL_AMOUNT) {
			add_error(res, h->line, _("the header lacks the column "
			    "\"%s\""), col_names[c]);
			ok = 0;
		}
	return (ok ? 0 : -1);
}

/* Commit the slip read so far; its errors go to res. */
static int
slip_end(struct db *db, const struct backfill_till *bt, struct slip *sl,
    struct outage **out, size_t *nout, struct backfill_result *res)
{
	char	*cause = NULL;
	int64_t	 no;

	if (sl->sale == NULL)
		return (0);
	if (!sl->bad && slip_pay(sl, &cause) != 0) {
		add_error(res, sl->line, "%s", cause);
		free(cause);
		cause = NULL;
		sl->bad = 1;
	}
	if (!sl->bad) {
		if (db_exec(db, "SAVEPOINT backfill_slip", NULL) != 0 ||
		    sale_commit_slip(db, bt->till, bt->cashier, sl->sale, &no,
		    &cause) != 0) {
			add_error(res, sl->line, "%s", cause != NULL ? cause :
			    _("the database refused the slip"));
			free(cause);
			db_exec(db, "ROLLBACK TO backfill_slip", NULL);
			sl->bad = 1;
		} else {
			if (res->first_receipt == 0)
				res->first_receipt = no;
			res->last_receipt = no;
			res->total += sl->sale->total;
			res->slips++;
			outage_add(out, nout, (time_t)sl->sale->slip_time);
		}
		db_exec(db, "RELEASE backfill_slip", NULL);
	}
	sale_free(sl->sale);
	memset(sl, 0, sizeof *sl);
	return (0);
}

/* The slips seen so far: a slip's rows must be together. */
struct seen {
	char	 key[2 * SLIP_MAX + 1];
	size_t	 line;
};

static int64_t
cash_unit(struct db *db)
{
	char	*round;
	int64_t	 unit;

	round = db_setting(db, "store.cash_rounding", "0");
	if (money_parse(round, &unit, NULL) != 0 || unit < 0)
		unit = 0;
	free(round);
	return (unit);
}

/*
 * Enter the paper slips of a CSV file on a till, in one transaction: if any
 * row is bad, nothing is entered and res->errors says why, line by line.
 * dry_run checks everything (the catalog, earlier slips) and enters nothing.
 */
int
backfill_import(struct db *db, const struct backfill_till *bt,
    const char *buf, size_t len, int dry_run, struct backfill_result *res,
    char **cause)
{
	struct csv		 c;
	struct csv_record	 rec;
	struct slip		 sl;
	struct seen		*seen = NULL;
	struct outage		*out = NULL;
	const char		*f[NCOLS];
	char			*why = NULL, key[2 * SLIP_MAX + 1], *text;
	size_t			 nseen = 0, nout = 0, nhead, i;
	int			 map[NCOLS], rc, bad;
	int64_t			 unit = cash_unit(db);
	time_t			 when;

	memset(res, 0, sizeof *res);
	memset(&sl, 0, sizeof sl);
	csv_init(&c, buf, len);
	if ((rc = csv_next(&c, &rec, &why)) <= 0) {
		set_cause(cause, "%s", rc == 0 ? _("the file is empty") : why);
		free(why);
		return (-1);
	}
	rc = header_parse(&rec, map, res);
	nhead = rec.n;
	csv_record_clear(&rec);
	if (rc != 0) {
		set_cause(cause, _("the header row is not right"));
		return (-1);
	}
	if (db_begin(db, cause) != 0)
		return (-1);
	while ((rc = csv_next(&c, &rec, &why)) == 1) {
		res->rows++;
		for (i = 0; i < NCOLS; i++)
			f[i] = map[i] >= 0 && (size_t)map[i] < rec.n ?
			    trim(rec.fields[map[i]]) : "";
		bad = 0;
		if (rec.n != nhead) {
			add_error(res, rec.line, _("%zu fields where the header "
			    "has %zu (a separator too many or too few?)"),
			    rec.n, nhead);
			bad = 1;
		} else if (!slip_id_valid(f[COL_BOOK]) ||
		    !slip_id_valid(f[COL_SLIP])) {
			add_error(res, rec.line, _("book \"%s\" and slip \"%s\" "
			    "must be 1 to %d letters or digits"), f[COL_BOOK],
			    f[COL_SLIP], SLIP_MAX - 1);
			bad = 1;
		} else if (backfill_slip_time(f[COL_DATE], f[COL_TIME], &when,
		    &why) != 0) {
			add_error(res, rec.line, "%s", why);
			free(why);
			why = NULL;
			bad = 1;
		}
		if (bad) {
			if (sl.sale != NULL)
				sl.bad = 1;
			csv_record_clear(&rec);
			continue;
		}
		snprintf(key, sizeof key, "%s/%s", f[COL_BOOK], f[COL_SLIP]);
		if (sl.sale == NULL || strcmp(sl.sale->slip_book,
		    f[COL_BOOK]) != 0 || strcmp(sl.sale->slip_no,
		    f[COL_SLIP]) != 0) {
			slip_end(db, bt, &sl, &out, &nout, res);
			for (i = 0; i < nseen; i++)
				if (strcmp(seen[i].key, key) == 0)
					break;
			sl.sale = sale_create(unit);
			sl.sale->user_id = bt->user_id;
			sl.line = rec.line;
			sl.sale->slip_time = (int64_t)when;
			snprintf(sl.sale->slip_book, SLIP_MAX, "%s",
			    f[COL_BOOK]);
			snprintf(sl.sale->slip_no, SLIP_MAX, "%s", f[COL_SLIP]);
			snprintf(sl.date, sizeof sl.date, "%s", f[COL_DATE]);
			snprintf(sl.time, sizeof sl.time, "%s", f[COL_TIME]);
			if (i < nseen) {
				add_error(res, rec.line, _("slip %s appears "
				    "again (first on line %zu): a slip's rows "
				    "go together"), key, seen[i].line);
				sl.bad = 1;
			} else {
				seen = xreallocarray(seen, nseen + 1,
				    sizeof *seen);
				snprintf(seen[nseen].key, sizeof seen[nseen].key,
				    "%s", key);
				seen[nseen++].line = rec.line;
			}
		} else if ((time_t)sl.sale->slip_time != when) {
			add_error(res, rec.line, _("slip %s has another date "
			    "or time on line %zu"), key, sl.line);
			sl.bad = 1;
		}
		row_add(db, bt, &sl, f, rec.line, res);
		csv_record_clear(&rec);
	}
	slip_end(db, bt, &sl, &out, &nout, res);
	free(seen);
	if (rc < 0) {
		set_cause(cause, "%s", why);
		free(why);
		goto fail;
	}
	if (res->rows == 0) {
		set_cause(cause, _("the file has no slips, only a header"));
		goto fail;
	}
	if (res->nerrors > 0) {
		set_cause(cause, _("%zu problems in %zu rows; nothing was "
		    "entered: correct the file and run it again"),
		    res->nerrors, res->rows);
		goto fail;
	}
	for (i = 0; i < nout; i++) {
		if (outage_record(db, bt->till, &out[i], &text, cause) != 0)
			goto fail;
		res->outages = xreallocarray(res->outages, res->noutages + 1,
		    sizeof *res->outages);
		res->outages[res->noutages++] = text;
	}
	free(out);
	out = NULL;
	if (dry_run) {
		db_rollback(db);
		return (0);
	}
	return (db_commit(db, cause));
fail:
	free(out);
	db_rollback(db);
	res->slips = 0;
	res->first_receipt = res->last_receipt = res->total = 0;
	return (-1);
}

/*
 * What a closed Z report gained afterwards: the sales entered from paper
 * for its day, each with its slip, and their sums per VAT rate and tender.
 * *text is NULL when there is nothing; the Z itself is never changed.
 */
int
backfill_z_addendum(struct db *db, int64_t z_id,
    const struct money_locale *loc, char **text, char **cause)
{
	sqlite3_stmt	*st;
	char		*buf = NULL, a[MONEY_BUFSIZE], r[16];
	size_t		 len = 0;
	FILE		*f;
	int64_t		 n = 0, total = 0;

	*text = NULL;
	if ((f = open_memstream(&buf, &len)) == NULL) {
		set_cause(cause, _("out of memory"));
		return (-1);
	}
	st = db_prepare(db, "SELECT s.receipt_no, s.backfill_book, "
	    "s.backfill_no, s.created_at, s.entered_at, s.total FROM "
	    "z_supplement z JOIN sale s ON s.id = z.sale_id WHERE "
	    "z.z_report_id = ? ORDER BY s.created_at, s.receipt_no", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, z_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0)
			fprintf(f, "%s\n%s\n", _("ADDED AFTER THIS Z WAS CLOSED"),
			    _("Sales entered from paper slips:"));
		fprintf(f, _("Receipt %lld, slip %s/%s\n"),
		    (long long)sqlite3_column_int64(st, 0), db_text(st, 1),
		    db_text(st, 2));
		fprintf(f, _("  sold %.16s  %14s\n"), db_text(st, 3),
		    money_format_plain(sqlite3_column_int64(st, 5), loc, a,
		    sizeof a));
		fprintf(f, _("  entered %.16s\n"), db_text(st, 4));
		total += sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	if (n == 0) {
		fclose(f);
		free(buf);
		return (0);
	}
	fprintf(f, "%-24s %15lld\n", _("Receipts added"), (long long)n);
	fprintf(f, "%-24s %15s\n", _("Sales added incl. VAT"),
	    money_format_plain(total, loc, a, sizeof a));
	st = db_prepare(db, "SELECT v.rate_bp, sum(v.tax), sum(v.gross) FROM "
	    "z_supplement z JOIN sale_vat v ON v.sale_id = z.sale_id WHERE "
	    "z.z_report_id = ? GROUP BY v.rate_bp ORDER BY v.rate_bp DESC",
	    cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, z_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		rate_format(sqlite3_column_int(st, 0), loc, r, sizeof r);
		fprintf(f, _("  VAT %-8s tax %12s"), r, money_format_plain(
		    sqlite3_column_int64(st, 1), loc, a, sizeof a));
		fprintf(f, " %12s\n", money_format_plain(
		    sqlite3_column_int64(st, 2), loc, a, sizeof a));
	}
	sqlite3_finalize(st);
	st = db_prepare(db, "SELECT t.type, count(*), sum(t.amount) FROM "
	    "z_supplement z JOIN sale_tender t ON t.sale_id = z.sale_id WHERE "
	    "z.z_report_id = ? GROUP BY t.type ORDER BY t.type", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, z_id);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(f, "  %-16s %4lld %17s\n", db_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    money_format_plain(sqlite3_column_int64(st, 2), loc, a,
		    sizeof a));
	sqlite3_finalize(st);
	fclose(f);
	*text = buf;
	return (0);
fail:
	fclose(f);
	free(buf);
	return (-1);
}
