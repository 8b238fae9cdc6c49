/*
 * Figures for the bookkeeper, per business day over a range of days:
 *
 * The summary is the Z report of each day (report_day, all tills, so the
 * two always agree) with what bookkeeping adds: sales and returns apart,
 * and the cash differences of the shifts closed that day. Training sales
 * never count. JSON carries minor units; CSV decimals (kassa(1)).
 *
 * A voucher books one day: debit each tender (cash, card clearing, the
 * other tenders) and a cash surplus, credit the sales net of VAT and the
 * VAT per rate, the cash rounding and a cash shortage, on the accounts of
 * [accounts] in kassa.conf. A negative figure (a day of more returns than
 * sales) changes side, so no amount is ever negative. A voucher that does
 * not balance is never written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "export.h"
#include "i18n.h"
#include "money.h"
#include "store.h"
#include "xmalloc.h"

void
json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* The business days from..to (inclusive) with a sale or a closed shift. */
int
export_days(struct db *db, const char *from, const char *to, char ***days,
    size_t *ndays, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*days = NULL;
	*ndays = 0;
	st = db_prepare(db, "SELECT business_date FROM sale WHERE "
	    "business_date BETWEEN ?1 AND ?2 AND training = 0 UNION "
	    "SELECT s.business_date FROM shift s JOIN shift_close c ON "
	    "c.shift_id = s.id WHERE s.business_date BETWEEN ?1 AND ?2 "
	    "ORDER BY 1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*days = xreallocarray(*days, *ndays + 1, sizeof **days);
		(*days)[(*ndays)++] = xstrdup(db_text(st, 0));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, "reading the days");
		export_days_free(*days, *ndays);
		return (-1);
	}
	return (0);
}

void
export_days_free(char **days, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(days[i]);
	free(days);
}

int
export_summary_day(struct db *db, const char *date, struct day_summary *d,
    char **cause)
{
	sqlite3_stmt	*st;

	memset(d, 0, sizeof *d);
	if (report_day(db, date, 0, &d->z, cause) != 0)
		return (-1);
	st = db_prepare(db, "SELECT coalesce(sum(kind = 'sale'), 0), "
	    "coalesce(sum(CASE kind WHEN 'sale' THEN total END), 0), "
	    "coalesce(sum(kind = 'return'), 0), "
	    "coalesce(sum(CASE kind WHEN 'return' THEN total END), 0) "
	    "FROM sale WHERE business_date = ? AND training = 0", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		d->sales = sqlite3_column_int64(st, 0);
		d->sales_amount = sqlite3_column_int64(st, 1);
		d->returns = sqlite3_column_int64(st, 2);
		d->returns_amount = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	st = db_prepare(db, "SELECT count(*), coalesce(sum(c.difference), 0) "
	    "FROM shift_close c JOIN shift s ON s.id = c.shift_id "
	    "WHERE s.business_date = ?", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		d->shifts_closed = sqlite3_column_int64(st, 0);
		d->cash_difference = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return (0);
fail:
	export_summary_clear(d);
	return (-1);
}

void
export_summary_clear(struct day_summary *d)
{
	report_clear(&d->z);
	memset(d, 0, sizeof *d);
}

/* A CSV field: quoted only when it holds the separator, a quote or a newline. */
static void
field(FILE *f, const struct export_style *es, const char *s, int last)
{
	if (strchr(s, es->sep) != NULL || strchr(s, '"') != NULL ||
	    strchr(s, '\n') != NULL) {
		fputc('"', f);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else
		fputs(s, f);
	fputc(last ? '\n' : es->sep, f);
}

static const char *
amount(const struct export_style *es, int64_t v, char *buf, size_t len)
{
	return (fixed_format(v, 2, es->decimal_comma ? "," : ".", "", buf,
	    len));
}

static const char *
rate(const struct export_style *es, int32_t bp, char *buf, size_t len)
{
	return (rate_format(bp, money_locale_find(es->decimal_comma ?
	    "fi_FI" : "C"), buf, len));
}

static void
summary_row(FILE *f, const struct export_style *es, const char *date,
    const char *figure, const char *detail, int64_t count, int has_count,
    int64_t value, int has_value)
{
	char	n[32], a[MONEY_BUFSIZE];

	snprintf(n, sizeof n, "%lld", (long long)count);
	field(f, es, date, 0);
	field(f, es, figure, 0);
	field(f, es, detail, 0);
	field(f, es, has_count ? n : "", 0);
	field(f, es, has_value ? amount(es, value, a, sizeof a) : "", 1);
}

static int
finish(FILE *f, char **cause)
{
	if (fflush(f) != 0 || ferror(f)) {
		set_cause(cause, _("could not write the export"));
		return (-1);
	}
	return (0);
}

/*
 * Long format, one figure a row (date, figure, detail, count, amount), as
 * kassa report z --format csv, with amounts in decimals.
 */
int
export_summary_csv(struct db *db, FILE *f, const char *from, const char *to,
    const struct export_style *es, char **cause)
{
	struct day_summary	 d;
	char			**days, r[16];
	size_t			 ndays, i, j;

	if (export_days(db, from, to, &days, &ndays, cause) != 0)
		return (-1);
	field(f, es, "date", 0);
	field(f, es, "figure", 0);
	field(f, es, "detail", 0);
	field(f, es, "count", 0);
	field(f, es, "amount", 1);
	for (i = 0; i < ndays; i++) {
		if (export_summary_day(db, days[i], &d, cause) != 0) {
			export_days_free(days, ndays);
			return (-1);
		}
		summary_row(f, es, d.z.date, "receipts", "", d.z.receipts, 1,
		    d.z.gross, 1);
		summary_row(f, es, d.z.date, "sales", "", d.sales, 1,
		    d.sales_amount, 1);
		summary_row(f, es, d.z.date, "returns", "", d.returns, 1,
		    d.returns_amount, 1);
		summary_row(f, es, d.z.date, "discounts", "", 0, 0,
		    d.z.discounts, 1);
		summary_row(f, es, d.z.date, "rounding", "", 0, 0,
		    d.z.rounding, 1);
		summary_row(f, es, d.z.date, "cash_difference", "",
		    d.shifts_closed, 1, d.cash_difference, 1);
		for (j = 0; j < d.z.vat.n; j++) {
			const struct vat_sum *v = &d.z.vat.sums[j];

			rate(es, v->rate_bp, r, sizeof r);
			summary_row(f, es, d.z.date, "vat_gross", r, 0, 0,
			    v->gross, 1);
			summary_row(f, es, d.z.date, "vat_net", r, 0, 0,
			    v->net, 1);
			summary_row(f, es, d.z.date, "vat_tax", r, 0, 0,
			    v->tax, 1);
		}
		for (j = 0; j < d.z.ntenders; j++)
			summary_row(f, es, d.z.date, "tender",
			    d.z.tenders[j].type, d.z.tenders[j].count, 1,
			    d.z.tenders[j].amount, 1);
		export_summary_clear(&d);
	}
	export_days_free(days, ndays);
	return (finish(f, cause));
}

int
export_summary_json(struct db *db, FILE *f, const char *from, const char *to,
    char **cause)
{
	struct day_summary	 d;
	char			**days, *cur;
	size_t			 ndays, i, j;

	if (export_days(db, from, to, &days, &ndays, cause) != 0)
		return (-1);
	cur = db_setting(db, "store.currency", "EUR");
	fputs("{\n  \"from\": ", f);
	json_string(f, from);
	fputs(",\n  \"to\": ", f);
	json_string(f, to);
	fputs(",\n  \"currency\": ", f);
	json_string(f, cur);
	free(cur);
	fputs(",\n  \"days\": [", f);
	for (i = 0; i < ndays; i++) {
		if (export_summary_day(db, days[i], &d, cause) != 0) {
			export_days_free(days, ndays);
			return (-1);
		}
		fprintf(f, "%s\n    {\"date\": \"%s\", \"receipts\": %lld, "
		    "\"gross\": %lld, \"sales\": %lld, \"sales_amount\": %lld, "
		    "\"returns\": %lld, \"returns_amount\": %lld, "
		    "\"discounts\": %lld, \"rounding\": %lld, "
		    "\"shifts_closed\": %lld, \"cash_difference\": %lld,\n"
		    "     \"vat\": [", i ? "," : "", d.z.date,
		    (long long)d.z.receipts, (long long)d.z.gross,
		    (long long)d.sales, (long long)d.sales_amount,
		    (long long)d.returns, (long long)d.returns_amount,
		    (long long)d.z.discounts, (long long)d.z.rounding,
		    (long long)d.shifts_closed, (long long)d.cash_difference);
		for (j = 0; j < d.z.vat.n; j++)
			fprintf(f, "%s{\"rate_bp\": %d, \"gross\": %lld, "
			    "\"net\": %lld, \"tax\": %lld}", j ? ", " : "",
			    d.z.vat.sums[j].rate_bp,
			    (long long)d.z.vat.sums[j].gross,
			    (long long)d.z.vat.sums[j].net,
			    (long long)d.z.vat.sums[j].tax);
		fputs("],\n     \"tenders\": [", f);
		for (j = 0; j < d.z.ntenders; j++) {
			fprintf(f, "%s{\"type\": ", j ? ", " : "");
			json_string(f, d.z.tenders[j].type);
			fprintf(f, ", \"amount\": %lld, \"count\": %lld}",
			    (long long)d.z.tenders[j].amount,
			    (long long)d.z.tenders[j].count);
		}
		fputs("]}", f);
		export_summary_clear(&d);
	}
	fprintf(f, "%s]\n}\n", ndays ? "\n  " : "");
	export_days_free(days, ndays);
	return (finish(f, cause));
}

/*
 * The account for a key: [accounts] KEY, else (for sales.RATE, vat.RATE
 * and tender.NAME) the general key, else a default from a Finnish chart
 * of accounts that a bookkeeper replaces with the company's own.
 */
static const char *
account_for(const struct account *acc, size_t nacc, const char *key)
{
	static const struct {
		const char	*key;
		const char	*account;
	} def[] = {
		{ "cash", "1900" }, { "card", "1910" }, { "other", "1920" },
		{ "sales", "3000" }, { "vat", "2939" }, { "rounding", "3790" },
		{ "cash_difference", "8590" },
	};
	char	 general[32];
	size_t	 i;

	for (i = 0; i < nacc; i++)
		if (strcmp(acc[i].key, key) == 0)
			return (acc[i].account);
	if (strncmp(key, "tender.", 7) == 0)
		snprintf(general, sizeof general, "other");
	else
		snprintf(general, sizeof general, "%.*s",
		    (int)strcspn(key, "."), key);
	for (i = 0; i < nacc; i++)
		if (strcmp(acc[i].key, general) == 0)
			return (acc[i].account);
	for (i = 0; i < sizeof def / sizeof def[0]; i++)
		if (strcmp(def[i].key, general) == 0)
			return (def[i].account);
	return ("");
}

struct voucher {
	FILE				*f;
	const struct export_style	*es;
	const struct account		*acc;
	size_t				 nacc;
	char				 date[11];
	char				 number[16];
	int64_t				 debit;
	int64_t				 credit;
};

/* One line: a positive value on its side, a negative one on the other. */
static void
voucher_line(struct voucher *v, const char *key, const char *text,
    const char *vat_code, int64_t value, int debit)
{
	char	a[MONEY_BUFSIZE];

	if (value == 0)
		return;
	if (value < 0) {
		value = -value;
		debit = !debit;
	}
	if (debit)
		v->debit += value;
	else
		v->credit += value;
	amount(v->es, value, a, sizeof a);
	field(v->f, v->es, v->date, 0);
	field(v->f, v->es, v->number, 0);
	field(v->f, v->es, account_for(v->acc, v->nacc, key), 0);
	field(v->f, v->es, text, 0);
	field(v->f, v->es, debit ? a : "", 0);
	field(v->f, v->es, debit ? "" : a, 0);
	field(v->f, v->es, vat_code, 1);
}

static void
vat_code(const struct voucher *v, int32_t bp, char *buf, size_t len)
{
	char	key[32];
	size_t	i;

	snprintf(key, sizeof key, "vat_code.");
	rate_format(bp, money_locale_find("C"), key + 9, sizeof key - 9);
	for (i = 0; i < v->nacc; i++) {
		if (strcmp(v->acc[i].key, key) == 0) {
			snprintf(buf, len, "%s", v->acc[i].account);
			return;
		}
	}
	rate(v->es, bp, buf, len);
}

/*
 * One balanced voucher per business day, numbered by its date (YYYYMMDD),
 * so exporting a month again gives the same numbers. Columns: date,
 * voucher, account, description, debit, credit, vat_code.
 */
int
export_vouchers(struct db *db, FILE *f, const char *from, const char *to,
    const struct account *acc, size_t nacc, const struct export_style *es,
    char **cause)
{
	struct day_summary	 d;
	struct voucher		 v;
	char			**days, key[40], text[80], r[16], code[40];
	size_t			 ndays, i, j;

	if (export_days(db, from, to, &days, &ndays, cause) != 0)
		return (-1);
	memset(&v, 0, sizeof v);
	v.f = f;
	v.es = es;
	v.acc = acc;
	v.nacc = nacc;
	field(f, es, "date", 0);
	field(f, es, "voucher", 0);
	field(f, es, "account", 0);
	field(f, es, "description", 0);
	field(f, es, "debit", 0);
	field(f, es, "credit", 0);
	field(f, es, "vat_code", 1);
	for (i = 0; i < ndays; i++) {
		if (export_summary_day(db, days[i], &d, cause) != 0)
			goto fail;
		snprintf(v.date, sizeof v.date, "%s", d.z.date);
		snprintf(v.number, sizeof v.number, "%.4s%.2s%.2s", d.z.date,
		    d.z.date + 5, d.z.date + 8);
		v.debit = v.credit = 0;
		for (j = 0; j < d.z.ntenders; j++) {
			const char *t = d.z.tenders[j].type;

			if (strcmp(t, "cash") == 0 || strcmp(t, "card") == 0)
				snprintf(key, sizeof key, "%s", t);
			else
				snprintf(key, sizeof key, "tender.%s", t);
			snprintf(text, sizeof text, "Sales %s %s", d.z.date, t);
			voucher_line(&v, key, text, "", d.z.tenders[j].amount,
			    1);
		}
		for (j = 0; j < d.z.vat.n; j++) {
			const struct vat_sum *s = &d.z.vat.sums[j];

			rate_format(s->rate_bp, money_locale_find("C"), r,
			    sizeof r);
			vat_code(&v, s->rate_bp, code, sizeof code);
			snprintf(key, sizeof key, "sales.%s", r);
			snprintf(text, sizeof text, "Sales %s VAT %s %%",
			    d.z.date, r);
			voucher_line(&v, key, text, code, s->net, 0);
			snprintf(key, sizeof key, "vat.%s", r);
			snprintf(text, sizeof text, "VAT %s %% %s", r,
			    d.z.date);
			voucher_line(&v, key, text, code, s->tax, 0);
		}
		snprintf(text, sizeof text, "Cash rounding %s", d.z.date);
		voucher_line(&v, "rounding", text, "", d.z.rounding, 0);
		snprintf(text, sizeof text, "Cash difference %s", d.z.date);
		voucher_line(&v, "cash", text, "", d.cash_difference, 1);
		voucher_line(&v, "cash_difference", text, "",
		    d.cash_difference, 0);
		export_summary_clear(&d);
		if (v.debit != v.credit) {
			set_cause(cause, _("the figures of %s do not balance "
			    "(debit %lld, credit %lld in minor units); the "
			    "export stops there"), v.date,
			    (long long)v.debit, (long long)v.credit);
			goto fail;
		}
	}
	export_days_free(days, ndays);
	return (finish(f, cause));
fail:
	export_days_free(days, ndays);
	return (-1);
}
