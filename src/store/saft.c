/*
 * The SAF-T Cash Register audit file for the business days from..to, as
 * the Norwegian schema 1.00 has it (urn:StandardAuditFile-Taxation-
 * CashRegister:NO; the schema and its code lists are in the project's
 * shared standards folder, and the tests validate against it).
 *
 * header	the period, the currency, kassa and its version
 * company	store.name, store.business_id, store.address; the VAT rates
 *		(vatCodeDetails), the users (employees), the items (articles)
 *		and the codes the file uses (basics), each mapped to the
 *		code lists' predefined codes
 * location	the store, with each till as a cashregister:
 *   event	shifts opened and closed, Z reports and X reports with their
 *		figures as stored (z_report.figures, the x_report event's
 *		detail), no-sale drawer openings, cancelled sales, training
 *		on and off, cash paid in and out, user changes, logins and
 *		logouts, receipt copies
 *   cashtransaction  every sale and return, training ones flagged, with
 *		its lines (voided lines at 0 as lineType VOID), VAT per rate
 *		as stored on the sale, rounding, payments, and the signature
 *		and key version of its journal entry
 *
 * Amounts are written with their side (amntTp): C for a sale, D for a
 * return, so the signed sum of a day's cash transactions that are not
 * training is the day's Z gross. The file is written with fprintf and
 * escaped here; text longer than the schema allows is cut at a character.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <config.h>
#include "i18n.h"
#include "money.h"
#include "saft.h"
#include "store.h"
#include "vat.h"
#include "xmalloc.h"

struct saft {
	struct db	*db;
	FILE		*f;
	const char	*from;
	const char	*to;
	char		*company_id;
	char		*company_name;
	char		*currency;
	int64_t		 unsigned_sales;
};

/* The codes the file uses: basicType, basicID, predefinedBasicID, text. */
static const struct {
	const char	*type;
	const char	*id;
	const char	*predefined;
	const char	*desc;
} basics[] = {
	{ "05", "SALE", NULL, "Sale line" },
	{ "05", "RETURN", NULL, "Return line: an item given back" },
	{ "05", "VOID", NULL, "Voided line: scanned, then taken off the "
	    "receipt before payment (not charged)" },
	{ "11", "CASHSALE", "11001", "Sale at the till (cash, card or other "
	    "tender)" },
	{ "11", "CASHRETURN", "11006", "Return: money back to the customer" },
	{ "12", "CASH", "12001", "Cash" },
	{ "12", "CARD", "12003", "Payment card" },
	{ "12", "OTHER", "12999", "Other tender" },
	{ "13", "LOGIN", "13003", "Employee log in" },
	{ "13", "LOGOUT", "13004", "Employee log out" },
	{ "13", "NOSALE", "13005", "Cash drawer opened without a sale" },
	{ "13", "XREPORT", "13008", "X report" },
	{ "13", "ZREPORT", "13009", "Z report" },
	{ "13", "COPY", "13014", "Copy of a receipt" },
	{ "13", "CANCEL", "13028", "Sale cancelled before payment (void "
	    "receipt)" },
	{ "13", "TRAINON", "13023", "Training mode on" },
	{ "13", "TRAINOFF", "13024", "Training mode off" },
	{ "13", "PAIDOUT", "13019", "Cash paid out of the drawer" },
	{ "13", "DROP", "13019", "Cash taken from the drawer to the safe" },
	{ "13", "PAIDIN", "13999", "Cash paid into the drawer" },
	{ "13", "SHIFTOPEN", "13999", "Shift opened with the float counted" },
	{ "13", "SHIFTCLOSE", "13999", "Shift closed with the cash counted" },
	{ "13", "USER", "13999", "User added or changed" },
	{ "13", "OTHER13", "13999", "Other event" },
};
#define NBASICS	(sizeof basics / sizeof basics[0])

/* Text as XML character data, cut after max characters. */
static void
xml_text(FILE *f, const char *s, size_t max)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xc0) != 0x80 && n++ == max)
			break;
		switch (c) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '\n':
		case '\r':
		case '\t':
			fputc(' ', f);
			break;
		default:
			/* Not allowed in XML 1.0, even escaped. */
			fputc(c < 0x20 || c == 0x7f ? '?' : c, f);
		}
	}
}

static void
el(struct saft *x, int depth, const char *name, const char *text,
    size_t max)
{
	fprintf(x->f, "%*s<%s>", depth, "", name);
	xml_text(x->f, text, max);
	fprintf(x->f, "</%s>\n", name);
}

static void
el_int(struct saft *x, int depth, const char *name, int64_t v)
{
	fprintf(x->f, "%*s<%s>%lld</%s>\n", depth, "", name, (long long)v,
	    name);
}

/* v / 10^decimals: minor units as 2 decimals, thousandths as 3. */
static void
el_fixed(struct saft *x, int depth, const char *name, int64_t v,
    int decimals)
{
	char	buf[64];

	fprintf(x->f, "%*s<%s>%s</%s>\n", depth, "", name,
	    fixed_format(v, decimals, ".", "", buf, sizeof buf), name);
}

#define el_amount(x, d, n, v)	el_fixed(x, d, n, v, 2)

static void
open_el(struct saft *x, int depth, const char *name)
{
	fprintf(x->f, "%*s<%s>\n", depth, "", name);
}

static void
close_el(struct saft *x, int depth, const char *name)
{
	fprintf(x->f, "%*s</%s>\n", depth, "", name);
}

/* "YYYY-MM-DD HH:MM:SS" as a date and a time element. */
static void
el_stamp(struct saft *x, int depth, const char *date, const char *time,
    const char *at)
{
	char	d[11] = "1970-01-01", t[9] = "00:00:00";

	if (at != NULL && strlen(at) >= 19) {
		memcpy(d, at, 10);
		memcpy(t, at + 11, 8);
	}
	el(x, depth, date, d, 10);
	el(x, depth, time, t, 8);
}

static sqlite3_stmt *
query(struct saft *x, const char *sql, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = db_prepare(x->db, sql, cause)) == NULL)
		return (NULL);
	sqlite3_bind_text(st, 1, x->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, x->to, -1, SQLITE_STATIC);
	return (st);
}

/* The step that ended a loop: SQLITE_DONE, or the cause of the error. */
static int
done(struct saft *x, sqlite3_stmt *st, int rc, char **cause,
    const char *what)
{
	if (rc != SQLITE_DONE)
		db_cause(x->db, cause, what);
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/*
 * The schema's standard VAT code of a rate: the Norwegian codes of output
 * VAT at the regular (3), medium (31) and low (33) rates and zero-rated
 * sales (5). A rate of another country takes the code of its tier.
 */
static const char *
standard_vat_code(int64_t bp)
{
	if (bp == 0)
		return ("5");
	if (bp >= 2000)
		return ("3");
	if (bp >= 1300)
		return ("31");
	return ("33");
}

static void
el_vat_code(struct saft *x, int depth, int64_t bp)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long)bp);
	el(x, depth, "vatCode", buf, 20);
	el_fixed(x, depth, "vatPerc", bp, 2);
}

static int
write_header(struct saft *x)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	char		 d[11], t[9], year[5], comment[128];

	localtime_r(&now, &tm);
	strftime(d, sizeof d, "%Y-%m-%d", &tm);
	strftime(t, sizeof t, "%H:%M:%S", &tm);
	snprintf(year, sizeof year, "%.4s", x->from);
	open_el(x, 1, "header");
	el(x, 2, "fiscalYear", year, 9);
	el(x, 2, "startDate", x->from, 10);
	el(x, 2, "endDate", x->to, 10);
	el(x, 2, "curCode", x->currency, 3);
	el(x, 2, "dateCreated", d, 10);
	el(x, 2, "timeCreated", t, 8);
	el(x, 2, "softwareDesc", "kassa, a cashier console", 100);
	el(x, 2, "softwareVersion", PACKAGE_VERSION, 20);
	el(x, 2, "softwareCompanyName", "kassa developers", 100);
	el(x, 2, "auditfileVersion", "1.00", 35);
	snprintf(comment, sizeof comment, "kassa export saft --from %s "
	    "--to %s", x->from, x->to);
	el(x, 2, "headerComment", comment, 999);
	close_el(x, 1, "header");
	return (0);
}

static int
write_company_head(struct saft *x, char **cause)
{
	char	*addr, *loc, *bid, *p, country[3] = "";

	bid = db_setting(x->db, "store.business_id", "");
	addr = db_setting(x->db, "store.address", "");
	loc = db_setting(x->db, "store.locale", "fi_FI");
	if ((p = strchr(loc, '_')) != NULL && strlen(p + 1) >= 2 &&
	    p[1] >= 'A' && p[1] <= 'Z' && p[2] >= 'A' && p[2] <= 'Z')
		snprintf(country, sizeof country, "%.2s", p + 1);
	open_el(x, 1, "company");
	el(x, 2, "companyIdent", x->company_id, 35);
	el(x, 2, "companyName", x->company_name, 100);
	if (country[0] != '\0')
		el(x, 2, "taxRegistrationCountry", country, 2);
	if (*bid != '\0')
		el(x, 2, "taxRegIdent", bid, 50);
	if (*addr != '\0') {
		open_el(x, 2, "streetAddress");
		el(x, 3, "streetname", addr, 100);
		if (country[0] != '\0')
			el(x, 3, "country", country, 2);
		close_el(x, 2, "streetAddress");
	}
	free(bid);
	free(addr);
	free(loc);
	(void)cause;
	return (0);
}

static int
write_vat_codes(struct saft *x, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = SQLITE_DONE;

	st = query(x, "SELECT rate_bp, coalesce(name, '') FROM vat_rate "
	    "UNION SELECT DISTINCT rate_bp, '' FROM sale_vat WHERE rate_bp "
	    "NOT IN (SELECT rate_bp FROM vat_rate) ORDER BY 1", cause);
	if (st == NULL)
		return (-1);
	open_el(x, 2, "vatCodeDetails");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t	 bp = sqlite3_column_int64(st, 0);
		char	 code[32], desc[160], rate[32];

		snprintf(code, sizeof code, "%lld", (long long)bp);
		fixed_format(bp, 2, ".", "", rate, sizeof rate);
		snprintf(desc, sizeof desc, "VAT %s %%%s%s", rate,
		    *db_text(st, 1) ? ": " : "", db_text(st, 1));
		open_el(x, 3, "vatCodeDetail");
		el(x, 4, "vatCode", code, 20);
		el(x, 4, "dateOfEntry", x->from, 10);
		el(x, 4, "vatDesc", desc, 100);
		el(x, 4, "standardVatCode", standard_vat_code(bp), 9);
		close_el(x, 3, "vatCodeDetail");
	}
	close_el(x, 2, "vatCodeDetails");
	return (done(x, st, rc, cause, "reading the VAT rates"));
}

static int
write_employees(struct saft *x, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = SQLITE_DONE;

	st = query(x, "SELECT id, name, role, created_at FROM user "
	    "ORDER BY id", cause);
	if (st == NULL)
		return (-1);
	open_el(x, 2, "employees");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		open_el(x, 3, "employee");
		el(x, 4, "empID", db_text(st, 0), 35);
		el_stamp(x, 4, "dateOfEntry", "timeOfEntry", db_text(st, 3));
		el(x, 4, "surName", db_text(st, 1), 100);
		open_el(x, 4, "employeeRole");
		el(x, 5, "roleType", db_text(st, 2), 50);
		close_el(x, 4, "employeeRole");
		close_el(x, 3, "employee");
	}
	close_el(x, 2, "employees");
	return (done(x, st, rc, cause, "reading the users"));
}

static int
write_articles(struct saft *x, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = SQLITE_DONE;

	st = query(x, "SELECT i.id, coalesce(i.plu, ''), i.name, "
	    "coalesce(i.department_id, 0), i.price, i.vat_bp, i.unit FROM "
	    "item i ORDER BY i.id", cause);
	if (st == NULL)
		return (-1);
	open_el(x, 2, "articles");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char	*desc, group[32], price[32], vat[32];

		snprintf(group, sizeof group, "D%lld",
		    (long long)sqlite3_column_int64(st, 3));
		fixed_format(sqlite3_column_int64(st, 4), 2, ".", "", price,
		    sizeof price);
		fixed_format(sqlite3_column_int64(st, 5), 2, ".", "", vat,
		    sizeof vat);
		xasprintf(&desc, "%s (PLU %s, %s %s per %s, VAT %s %%)",
		    db_text(st, 2), *db_text(st, 1) ? db_text(st, 1) : "none",
		    price, x->currency, db_text(st, 6), vat);
		open_el(x, 3, "article");
		el(x, 4, "artID", db_text(st, 0), 35);
		el(x, 4, "dateOfEntry", x->from, 10);
		el(x, 4, "artGroupID", group, 35);
		el(x, 4, "artDesc", desc, 999);
		close_el(x, 3, "article");
		free(desc);
	}
	close_el(x, 2, "articles");
	return (done(x, st, rc, cause, "reading the items"));
}

static int
write_basics(struct saft *x, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc = SQLITE_DONE;

	open_el(x, 2, "basics");
	st = query(x, "SELECT 0, 'No department' UNION ALL SELECT id, name "
	    "FROM department ORDER BY 1", cause);
	if (st == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char	id[32];

		snprintf(id, sizeof id, "D%lld",
		    (long long)sqlite3_column_int64(st, 0));
		open_el(x, 3, "basic");
		el(x, 4, "basicType", "04", 9);
		el(x, 4, "basicID", id, 35);
		el(x, 4, "predefinedBasicID", "04999", 9);
		el(x, 4, "basicDesc", db_text(st, 1), 999);
		close_el(x, 3, "basic");
	}
	if (done(x, st, rc, cause, "reading the departments") != 0)
		return (-1);
	for (i = 0; i < NBASICS; i++) {
		open_el(x, 3, "basic");
		el(x, 4, "basicType", basics[i].type, 9);
		el(x, 4, "basicID", basics[i].id, 35);
		if (basics[i].predefined != NULL)
			el(x, 4, "predefinedBasicID", basics[i].predefined, 9);
		el(x, 4, "basicDesc", basics[i].desc, 999);
		close_el(x, 3, "basic");
	}
	close_el(x, 2, "basics");
	return (0);
}

static const char *
payment_code(const char *type)
{
	if (strcmp(type, "cash") == 0)
		return ("CASH");
	if (strcmp(type, "card") == 0)
		return ("CARD");
	return ("OTHER");
}

/* One row of a shift's figures up to a report's time: ?1 shift, ?2 time. */
static int
shift_row(struct saft *x, const char *sql, int64_t shift, const char *at,
    int64_t *a, int64_t *b, char **cause)
{
	sqlite3_stmt	*st;

	*a = *b = 0;
	if ((st = db_prepare(x->db, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, shift);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*a = sqlite3_column_int64(st, 0);
		*b = sqlite3_column_int64(st, 1);
		sqlite3_finalize(st);
		return (0);
	}
	db_cause(x->db, cause, "reading a shift's figures");
	sqlite3_finalize(st);
	return (-1);
}

/*
 * An X or Z report's figures: what the report showed (its JSON, as stored
 * when it was taken) and the counts the schema asks for besides, from the
 * shift's rows up to the report's time.
 */
static int
write_report(struct saft *x, const char *type, const char *report_id,
    int64_t till, const char *json, const char *at, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 shift = 0, v[12], n, a;
	char		 regid[32];
	int		 rc, rows;
	size_t		 i;

	st = db_prepare(x->db, "SELECT json_extract(?1, '$.shift'), "
	    "json_extract(?1, '$.net'), json_extract(?1, '$.float'), "
	    "json_extract(?1, '$.sales') + json_extract(?1, '$.returns'), "
	    "json_extract(?1, '$.returns'), "
	    "json_extract(?1, '$.returns_amount'), "
	    "json_extract(?1, '$.discounts'), "
	    "json_extract(?1, '$.voided_lines'), "
	    "json_extract(?1, '$.voided_amount'), "
	    "json_extract(?1, '$.grand_totals.sales'), "
	    "json_extract(?1, '$.grand_totals.returns'), "
	    "json_extract(?1, '$.grand_totals.net')", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_cause(x->db, cause, "reading a report's figures");
		sqlite3_finalize(st);
		return (-1);
	}
	for (i = 0; i < 12; i++)
		v[i] = sqlite3_column_int64(st, (int)i);
	sqlite3_finalize(st);
	shift = v[0];

	snprintf(regid, sizeof regid, "%lld", (long long)till);
	open_el(x, 4, "eventReport");
	el(x, 5, "reportID", report_id, 35);
	el(x, 5, "reportType", type, 35);
	el(x, 5, "companyIdent", x->company_id, 35);
	el(x, 5, "companyName", x->company_name, 100);
	el_stamp(x, 5, "reportDate", "reportTime", at);
	el(x, 5, "registerID", regid, 100);
	open_el(x, 5, "reportTotalCashSales");
	el_amount(x, 6, "totalCashSaleAmnt", v[1]);
	close_el(x, 5, "reportTotalCashSales");

	/* Sales per department, net of voided lines. */
	open_el(x, 5, "reportArtGroups");
	st = db_prepare(x->db, "SELECT coalesce(d.id, 0), sum(l.qty), "
	    "sum(l.total) FROM sale_line l JOIN sale s ON s.id = l.sale_id "
	    "LEFT JOIN department d ON d.name = l.department WHERE "
	    "s.shift_id = ?1 AND s.training = 0 AND NOT l.voided AND "
	    "s.created_at <= ?2 GROUP BY 1 ORDER BY 1", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, shift);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	rows = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW || rows == 0) {
		char	group[32];

		snprintf(group, sizeof group, "D%lld", rc == SQLITE_ROW ?
		    (long long)sqlite3_column_int64(st, 0) : 0LL);
		open_el(x, 6, "reportArtGroup");
		el(x, 7, "artGroupID", group, 35);
		el_fixed(x, 7, "artGroupNum", rc == SQLITE_ROW ?
		    sqlite3_column_int64(st, 1) : 0, 3);
		el_amount(x, 7, "artGroupAmnt", rc == SQLITE_ROW ?
		    sqlite3_column_int64(st, 2) : 0);
		close_el(x, 6, "reportArtGroup");
		if (rc != SQLITE_ROW)
			break;
		rows++;
	}
	if (done(x, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, cause,
	    "reading a report's departments") != 0)
		return (-1);
	close_el(x, 5, "reportArtGroups");

	open_el(x, 5, "reportPayments");
	st = db_prepare(x->db, "SELECT json_extract(value, '$.type'), "
	    "json_extract(value, '$.count'), json_extract(value, '$.amount') "
	    "FROM json_each(?1, '$.tenders')", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	rows = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW || rows == 0) {
		open_el(x, 6, "reportPayment");
		el(x, 7, "paymentType", rc == SQLITE_ROW ?
		    payment_code(db_text(st, 0)) : "CASH", 35);
		el_int(x, 7, "paymentNum", rc == SQLITE_ROW ?
		    sqlite3_column_int64(st, 1) : 0);
		el_amount(x, 7, "paymentAmnt", rc == SQLITE_ROW ?
		    sqlite3_column_int64(st, 2) : 0);
		close_el(x, 6, "reportPayment");
		if (rc != SQLITE_ROW)
			break;
		rows++;
	}
	if (done(x, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, cause,
	    "reading a report's tenders") != 0)
		return (-1);
	close_el(x, 5, "reportPayments");

	open_el(x, 5, "reportCashSalesVat");
	st = db_prepare(x->db, "SELECT json_extract(value, '$.rate_bp'), "
	    "json_extract(value, '$.net'), json_extract(value, '$.tax') "
	    "FROM json_each(?1, '$.vat')", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	rows = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW || rows == 0) {
		int64_t	net = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
		int64_t	tax = rc == SQLITE_ROW ? sqlite3_column_int64(st, 2) : 0;

		open_el(x, 6, "reportCashSaleVat");
		el_vat_code(x, 7, rc == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : 0);
		el_amount(x, 7, "cashSaleAmnt", net < 0 ? -net : net);
		el_amount(x, 7, "vatAmnt", tax < 0 ? -tax : tax);
		el(x, 7, "vatAmntTp", tax < 0 ? "D" : "C", 1);
		close_el(x, 6, "reportCashSaleVat");
		if (rc != SQLITE_ROW)
			break;
		rows++;
	}
	if (done(x, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, cause,
	    "reading a report's VAT") != 0)
		return (-1);
	close_el(x, 5, "reportCashSalesVat");
	el_amount(x, 5, "reportOpeningChangeFloat", v[2]);
	el_int(x, 5, "reportReceiptNum", v[3]);

	if (shift_row(x, "SELECT count(*), 0 FROM till_event WHERE "
	    "shift_id = ?1 AND kind = 'no_sale' AND created_at <= ?2",
	    shift, at, &n, &a, cause) != 0)
		return (-1);
	el_int(x, 5, "reportOpenCashBoxNum", n);
	if (shift_row(x, "SELECT count(*), coalesce(sum(abs(s.total)), 0) "
	    "FROM outbox o JOIN sale s ON s.id = o.sale_id WHERE o.copy AND "
	    "s.shift_id = ?1 AND o.created_at <= ?2", shift, at, &n, &a,
	    cause) != 0)
		return (-1);
	el_int(x, 5, "reportReceiptCopyNum", n);
	el_amount(x, 5, "reportReceiptCopyAmnt", a);
	el_int(x, 5, "reportReceiptProformaNum", 0);
	el_amount(x, 5, "reportReceiptProformaAmnt", 0);
	el_int(x, 5, "reportReturnNum", v[4]);
	el_amount(x, 5, "reportReturnAmnt", v[5] < 0 ? -v[5] : v[5]);
	if (shift_row(x, "SELECT count(*), 0 FROM sale WHERE shift_id = ?1 "
	    "AND training = 0 AND discount_total != 0 AND created_at <= ?2",
	    shift, at, &n, &a, cause) != 0)
		return (-1);
	el_int(x, 5, "reportDiscountNum", n);
	el_amount(x, 5, "reportDiscountAmnt", v[6]);
	if (shift_row(x, "SELECT count(*), coalesce(sum(amount), 0) FROM "
	    "till_event WHERE shift_id = ?1 AND kind = 'cancel' AND NOT "
	    "training AND created_at <= ?2", shift, at, &n, &a, cause) != 0)
		return (-1);
	el_int(x, 5, "reportVoidTransNum", n);
	el_amount(x, 5, "reportVoidTransAmnt", a);
	open_el(x, 5, "reportCorrLines");
	open_el(x, 6, "reportCorrLine");
	el(x, 7, "corrLineType", "VOID", 35);
	el_int(x, 7, "corrLineNum", v[7]);
	el_amount(x, 7, "corrLineAmnt", v[8]);
	close_el(x, 6, "reportCorrLine");
	close_el(x, 5, "reportCorrLines");
	/* kassa records no price look-ups and no other corrections. */
	open_el(x, 5, "reportPriceInquiries");
	open_el(x, 6, "reportPriceInquiry");
	el(x, 7, "priceInquiryGroup", "None", 35);
	el_int(x, 7, "priceInquiryNum", 0);
	el_amount(x, 7, "priceInquiryAmnt", 0);
	close_el(x, 6, "reportPriceInquiry");
	close_el(x, 5, "reportPriceInquiries");
	open_el(x, 5, "reportOtherCorrs");
	open_el(x, 6, "reportOtherCorr");
	el(x, 7, "otherCorrType", "None", 35);
	el_int(x, 7, "otherCorrNum", 0);
	el_amount(x, 7, "otherCorrAmnt", 0);
	close_el(x, 6, "reportOtherCorr");
	close_el(x, 5, "reportOtherCorrs");
	el_int(x, 5, "reportReceiptDeliveryNum", 0);
	el_amount(x, 5, "reportReceiptDeliveryAmnt", 0);
	if (shift_row(x, "SELECT count(*), coalesce(sum(total), 0) FROM sale "
	    "WHERE shift_id = ?1 AND training AND created_at <= ?2", shift,
	    at, &n, &a, cause) != 0)
		return (-1);
	el_int(x, 5, "reportTrainingNum", n);
	el_amount(x, 5, "reportTrainingAmnt", a);

	for (i = 0; i < 2; i++) {
		const char *kind = i == 0 ? "paid_in" : "paid_out";

		st = db_prepare(x->db, "SELECT count(*), "
		    "coalesce(sum(amount), 0) FROM cash_movement WHERE "
		    "shift_id = ?1 AND created_at <= ?2 AND kind = ?3", cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, shift);
		sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			db_cause(x->db, cause, "reading the cash movements");
			sqlite3_finalize(st);
			return (-1);
		}
		n = sqlite3_column_int64(st, 0);
		a = sqlite3_column_int64(st, 1);
		sqlite3_finalize(st);
		if (n == 0)
			continue;
		open_el(x, 5, i == 0 ? "reportPayIns" : "reportPayOuts");
		open_el(x, 6, i == 0 ? "reportPayIn" : "reportPayOut");
		el(x, 7, i == 0 ? "payInType" : "payOutType",
		    i == 0 ? "PAIDIN" : "PAIDOUT", 35);
		el_int(x, 7, i == 0 ? "payInNum" : "payOutNum", n);
		el_amount(x, 7, i == 0 ? "payInAmnt" : "payOutAmnt", a);
		close_el(x, 6, i == 0 ? "reportPayIn" : "reportPayOut");
		close_el(x, 5, i == 0 ? "reportPayIns" : "reportPayOuts");
	}
	el_amount(x, 5, "reportGrandTotalSales", v[9]);
	el_amount(x, 5, "reportGrandTotalReturn", v[10] < 0 ? -v[10] : v[10]);
	el_amount(x, 5, "reportGrandTotalSalesNet", v[11]);
	close_el(x, 4, "eventReport");
	return (0);
}

/* The event type of a till_event kind. */
static const char *
event_type(const char *src)
{
	static const struct {
		const char *src, *type;
	} map[] = {
		{ "shift_open", "SHIFTOPEN" }, { "shift_close", "SHIFTCLOSE" },
		{ "z_report", "ZREPORT" }, { "ev:x_report", "XREPORT" },
		{ "ev:no_sale", "NOSALE" }, { "ev:cancel", "CANCEL" },
		{ "ev:training_on", "TRAINON" },
		{ "ev:training_off", "TRAINOFF" },
		{ "cash:paid_in", "PAIDIN" }, { "cash:paid_out", "PAIDOUT" },
		{ "cash:drop", "DROP" }, { "access:login", "LOGIN" },
		{ "access:logout", "LOGOUT" }, { "copy", "COPY" },
	};
	size_t	i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].src, src) == 0)
			return (map[i].type);
	if (strncmp(src, "ev:user", 7) == 0)
		return ("USER");
	return ("OTHER13");
}

/*
 * The till's events of the period in time order. Columns: time, source,
 * id, user, amount, detail (a report's JSON), sale, journal seq, key
 * version, Z number.
 */
static const char events_sql[] =
    "SELECT opened_at, 'shift_open', id, user_id, float_amount, NULL, "
    "NULL, NULL FROM shift WHERE till_id = ?3 AND business_date BETWEEN "
    "?1 AND ?2 "
    "UNION ALL SELECT c.closed_at, 'shift_close', s.id, c.user_id, "
    "c.difference, NULL, NULL, NULL FROM shift_close c JOIN shift s ON "
    "s.id = c.shift_id WHERE s.till_id = ?3 AND s.business_date BETWEEN "
    "?1 AND ?2 "
    "UNION ALL SELECT created_at, 'z_report', id, user_id, NULL, figures, "
    "NULL, z_no FROM z_report WHERE till_id = ?3 AND business_date "
    "BETWEEN ?1 AND ?2 "
    "UNION ALL SELECT created_at, 'ev:' || kind, id, user_id, amount, "
    "detail, sale_id, training FROM till_event WHERE till_id = ?3 AND "
    "business_date BETWEEN ?1 AND ?2 "
    "UNION ALL SELECT created_at, 'cash:' || kind, id, user_id, amount, "
    "reason, NULL, NULL FROM cash_movement WHERE till_id = ?3 AND "
    "business_date BETWEEN ?1 AND ?2 "
    "UNION ALL SELECT created_at, 'access:' || kind, id, user_id, NULL, "
    "NULL, NULL, NULL FROM access_log WHERE till_id = ?3 AND kind IN "
    "('login', 'logout') AND substr(created_at, 1, 10) BETWEEN ?1 AND ?2 "
    "UNION ALL SELECT o.created_at, 'copy', o.id, s.user_id, s.total, "
    "NULL, s.id, NULL FROM outbox o JOIN sale s ON s.id = o.sale_id WHERE "
    "o.copy AND s.till_id = ?3 AND substr(o.created_at, 1, 10) BETWEEN "
    "?1 AND ?2 "
    "ORDER BY 1, 2, 3";

/* The journal entry of a record: "seq N, key version V", or "". */
static void
journal_ref(struct saft *x, const char *type, int64_t ref, char *buf,
    size_t len)
{
	sqlite3_stmt	*st;

	buf[0] = '\0';
	st = db_prepare(x->db, "SELECT seq, key_version FROM journal WHERE "
	    "type = ? AND ref = ?", NULL);
	if (st == NULL)
		return;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, ref);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, len, "; journal entry %lld, key version %lld",
		    (long long)sqlite3_column_int64(st, 0),
		    (long long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
}

static int
write_events(struct saft *x, int64_t till, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = SQLITE_DONE, err = 0;

	if ((st = query(x, events_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 3, till);
	while (err == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char	*at = db_text(st, 0), *src = db_text(st, 1);
		const char	*type = event_type(src), *jtype = NULL;
		int64_t		 id = sqlite3_column_int64(st, 2);
		char		 eid[48], text[512], jref[96], amt[32];
		char		 rid[48];

		snprintf(eid, sizeof eid, "%s-%lld", type, (long long)id);
		open_el(x, 3, "event");
		el(x, 4, "eventID", eid, 35);
		el(x, 4, "eventType", type, 35);
		if (sqlite3_column_type(st, 6) != SQLITE_NULL)
			el(x, 4, "transID", db_text(st, 6), 35);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			el(x, 4, "empID", db_text(st, 3), 35);
		el_stamp(x, 4, "eventDate", "eventTime", at);

		if (strcmp(src, "shift_open") == 0)
			jtype = "shift_open";
		else if (strcmp(src, "shift_close") == 0)
			jtype = "shift_close";
		else if (strcmp(src, "z_report") == 0)
			jtype = "z_report";
		else if (strncmp(src, "ev:", 3) == 0)
			jtype = "till_event";
		else if (strncmp(src, "cash:", 5) == 0)
			jtype = "cash_movement";
		jref[0] = '\0';
		if (jtype != NULL)
			journal_ref(x, jtype, id, jref, sizeof jref);
		amt[0] = '\0';
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			fixed_format(sqlite3_column_int64(st, 4), 2, ".", "",
			    amt, sizeof amt);
		if (strcmp(src, "shift_open") == 0)
			snprintf(text, sizeof text, "shift %lld opened, float "
			    "%s%s", (long long)id, amt, jref);
		else if (strcmp(src, "shift_close") == 0)
			snprintf(text, sizeof text, "shift %lld closed, cash "
			    "difference %s%s", (long long)id, amt, jref);
		else if (strcmp(src, "z_report") == 0)
			snprintf(text, sizeof text, "Z %lld%s",
			    (long long)sqlite3_column_int64(st, 7), jref);
		else if (strcmp(src, "ev:x_report") == 0)
			snprintf(text, sizeof text, "X report%s", jref);
		else if (strcmp(src, "copy") == 0)
			snprintf(text, sizeof text, "copy of sale %lld, "
			    "amount %s", (long long)sqlite3_column_int64(st, 6),
			    amt);
		else
			snprintf(text, sizeof text, "%s%s%s%s%.200s%s%s",
			    strchr(src, ':') + 1, amt[0] ? ", amount " : "",
			    amt, sqlite3_column_type(st, 5) != SQLITE_NULL ?
			    ": " : "", sqlite3_column_type(st, 5) !=
			    SQLITE_NULL ? db_text(st, 5) : "",
			    strncmp(src, "ev:", 3) == 0 &&
			    sqlite3_column_int(st, 7) ? " (training)" : "",
			    jref);
		el(x, 4, "eventText", text, 9999);
		if (strcmp(src, "z_report") == 0) {
			snprintf(rid, sizeof rid, "Z-%lld-%lld",
			    (long long)till,
			    (long long)sqlite3_column_int64(st, 7));
			err = write_report(x, "Z report", rid, till,
			    db_text(st, 5), at, cause);
		} else if (strcmp(src, "ev:x_report") == 0 &&
		    sqlite3_column_type(st, 5) != SQLITE_NULL) {
			snprintf(rid, sizeof rid, "X-%lld", (long long)id);
			err = write_report(x, "X report", rid, till,
			    db_text(st, 5), at, cause);
		}
		close_el(x, 3, "event");
	}
	if (err != 0) {
		sqlite3_finalize(st);
		return (-1);
	}
	return (done(x, st, rc, cause, "reading the till's events"));
}

/* The lines of a sale: a line's VAT is its share of its total. */
static int
write_lines(struct saft *x, sqlite3_stmt *sale, char **cause)
{
	sqlite3_stmt	*st;
	const char	*nr = db_text(sale, 1);
	int		 ret = strcmp(db_text(sale, 5), "return") == 0, rc;

	st = db_prepare(x->db, "SELECT l.line_no, coalesce((SELECT id FROM "
	    "department WHERE name = l.department), 0), (SELECT id FROM item "
	    "WHERE id = l.item_id), l.qty, l.total, l.vat_bp, l.unit_price, "
	    "l.voided, l.gross, l.name, l.code FROM sale_line l WHERE "
	    "l.sale_id = ? ORDER BY l.line_no", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, sqlite3_column_int64(sale, 0));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t	 total = sqlite3_column_int64(st, 4);
		int64_t	 bp = sqlite3_column_int64(st, 5);
		int64_t	 tax = vat_tax_of_gross(total, (int32_t)bp);
		int	 voided = sqlite3_column_int(st, 7);
		char	 group[32], *descr, gross[32];

		snprintf(group, sizeof group, "D%lld",
		    (long long)sqlite3_column_int64(st, 1));
		open_el(x, 4, "ctLine");
		el(x, 5, "nr", nr, 35);
		el(x, 5, "lineID", db_text(st, 0), 35);
		el(x, 5, "lineType", voided ? "VOID" : ret ? "RETURN" : "SALE",
		    35);
		el(x, 5, "artGroupID", group, 35);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			el(x, 5, "artID", db_text(st, 2), 35);
		el_fixed(x, 5, "qnt", sqlite3_column_int64(st, 3), 3);
		el_amount(x, 5, "lineAmntIn", total < 0 ? -total : total);
		el_amount(x, 5, "lineAmntEx", total - tax < 0 ? tax - total :
		    total - tax);
		el(x, 5, "amntTp", total < 0 || (total == 0 && ret) ? "D" :
		    "C", 1);
		el_amount(x, 5, "ppu", sqlite3_column_int64(st, 6));
		if (sqlite3_column_type(sale, 6) != SQLITE_NULL)
			el(x, 5, "empID", db_text(sale, 6), 35);
		if (voided)
			xasprintf(&descr, "%s %s (voided, not charged: %s)",
			    db_text(st, 10), db_text(st, 9),
			    fixed_format(sqlite3_column_int64(st, 8), 2, ".",
			    "", gross, sizeof gross));
		else
			xasprintf(&descr, "%s %s", db_text(st, 10),
			    db_text(st, 9));
		el(x, 5, "cashTransLineDescr", descr, 9999);
		free(descr);
		open_el(x, 5, "vat");
		el_vat_code(x, 6, bp);
		el_amount(x, 6, "vatAmnt", tax < 0 ? -tax : tax);
		el(x, 6, "vatAmntTp", tax < 0 ? "D" : "C", 1);
		el_amount(x, 6, "vatBasAmnt", total - tax < 0 ? tax - total :
		    total - tax);
		close_el(x, 5, "vat");
		close_el(x, 4, "ctLine");
	}
	return (done(x, st, rc, cause, "reading a sale's lines"));
}

static int
write_sale_vat(struct saft *x, int64_t sale, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = SQLITE_DONE;

	st = db_prepare(x->db, "SELECT rate_bp, net, tax FROM sale_vat WHERE "
	    "sale_id = ? ORDER BY rate_bp", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, sale);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t	net = sqlite3_column_int64(st, 1);
		int64_t	tax = sqlite3_column_int64(st, 2);

		open_el(x, 4, "vat");
		el_vat_code(x, 5, sqlite3_column_int64(st, 0));
		el_amount(x, 5, "vatAmnt", tax < 0 ? -tax : tax);
		el(x, 5, "vatAmntTp", tax < 0 ? "D" : "C", 1);
		el_amount(x, 5, "vatBasAmnt", net < 0 ? -net : net);
		close_el(x, 4, "vat");
	}
	return (done(x, st, rc, cause, "reading a sale's VAT"));
}

static int
write_payments(struct saft *x, sqlite3_stmt *sale, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = SQLITE_DONE;

	st = db_prepare(x->db, "SELECT type, amount FROM sale_tender WHERE "
	    "sale_id = ? ORDER BY seq", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, sqlite3_column_int64(sale, 0));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		open_el(x, 4, "payment");
		el(x, 5, "paymentType", payment_code(db_text(st, 0)), 35);
		el_amount(x, 5, "paidAmnt", sqlite3_column_int64(st, 1));
		if (sqlite3_column_type(sale, 6) != SQLITE_NULL)
			el(x, 5, "empID", db_text(sale, 6), 35);
		el(x, 5, "curCode", db_text(sale, 12), 3);
		close_el(x, 4, "payment");
	}
	return (done(x, st, rc, cause, "reading a sale's payments"));
}

/*
 * The till's sales and returns. Columns: id, receipt_no, created_at,
 * business_date, total, kind, user_id, tax, rounding, training, return_of,
 * paper slip, currency, journal signature, key version, copies.
 */
static int
write_transactions(struct saft *x, int64_t till, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = SQLITE_DONE, err = 0;

	st = query(x, "SELECT s.id, s.receipt_no, s.created_at, "
	    "s.business_date, s.total, s.kind, (SELECT id FROM user WHERE "
	    "id = s.user_id), (SELECT coalesce(sum(tax), 0) FROM sale_vat "
	    "WHERE sale_id = s.id), s.rounding, s.training, s.return_of, "
	    "CASE WHEN s.backfill_book IS NOT NULL THEN s.backfill_book || "
	    "' ' || s.backfill_no END, s.currency, j.signature, "
	    "j.key_version, (SELECT count(*) FROM outbox o WHERE o.sale_id = "
	    "s.id AND o.copy) FROM sale s LEFT JOIN journal j ON j.type = "
	    "'sale' AND j.ref = s.id WHERE s.till_id = ?3 AND "
	    "s.business_date BETWEEN ?1 AND ?2 ORDER BY s.id", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 3, till);
	while (err == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t	 total = sqlite3_column_int64(st, 4);
		int64_t	 ex = total - sqlite3_column_int64(st, 7);
		int64_t	 copies = sqlite3_column_int64(st, 15);
		int	 ret = strcmp(db_text(st, 5), "return") == 0;
		char	 ref[160];

		open_el(x, 3, "cashtransaction");
		el(x, 4, "nr", db_text(st, 1), 35);
		el(x, 4, "transID", db_text(st, 0), 35);
		el(x, 4, "transType", ret ? "CASHRETURN" : "CASHSALE", 35);
		el_amount(x, 4, "transAmntIn", total < 0 ? -total : total);
		el_amount(x, 4, "transAmntEx", ex < 0 ? -ex : ex);
		el(x, 4, "amntTp", total < 0 || (total == 0 && ret) ? "D" :
		    "C", 1);
		if (sqlite3_column_type(st, 6) != SQLITE_NULL)
			el(x, 4, "empID", db_text(st, 6), 35);
		el_stamp(x, 4, "transDate", "transTime", db_text(st, 2));
		el(x, 4, "bookDate", db_text(st, 3), 10);
		ref[0] = '\0';
		if (sqlite3_column_type(st, 10) != SQLITE_NULL)
			snprintf(ref, sizeof ref, "return of sale %s",
			    db_text(st, 10));
		else if (sqlite3_column_type(st, 11) != SQLITE_NULL)
			snprintf(ref, sizeof ref, "entered from paper slip %s",
			    db_text(st, 11));
		if (ref[0] != '\0')
			el(x, 4, "refID", ref, 9999);
		if (write_lines(x, st, cause) != 0 ||
		    write_sale_vat(x, sqlite3_column_int64(st, 0), cause) != 0) {
			err = -1;
			break;
		}
		open_el(x, 4, "rounding");
		el_amount(x, 5, "roundingAmnt", sqlite3_column_int64(st, 8));
		close_el(x, 4, "rounding");
		if (write_payments(x, st, cause) != 0) {
			err = -1;
			break;
		}
		if (sqlite3_column_type(st, 13) == SQLITE_NULL) {
			x->unsigned_sales++;
			el(x, 4, "signature", "", 999);
			el(x, 4, "keyVersion", "none", 50);
		} else {
			el(x, 4, "signature", db_text(st, 13), 999);
			el(x, 4, "keyVersion", db_text(st, 14), 50);
		}
		el_int(x, 4, "receiptCopyNum", copies > 999 ? 999 : copies);
		el(x, 4, "voidTransaction", "false", 5);
		el(x, 4, "trainingID", sqlite3_column_int(st, 9) ? "true" :
		    "false", 5);
		close_el(x, 3, "cashtransaction");
	}
	if (err != 0) {
		sqlite3_finalize(st);
		return (-1);
	}
	return (done(x, st, rc, cause, "reading the sales"));
}

static int
write_location(struct saft *x, char **cause)
{
	sqlite3_stmt	*st;
	char		*addr;
	int		 rc = SQLITE_DONE, err = 0;

	open_el(x, 2, "location");
	el(x, 3, "name", x->company_name, 100);
	addr = db_setting(x->db, "store.address", "");
	if (*addr != '\0') {
		open_el(x, 3, "streetAddress");
		el(x, 4, "streetname", addr, 100);
		close_el(x, 3, "streetAddress");
	}
	free(addr);
	if ((st = query(x, "SELECT id, name FROM till ORDER BY id",
	    cause)) == NULL)
		return (-1);
	while (err == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t	till = sqlite3_column_int64(st, 0);

		open_el(x, 3, "cashregister");
		el(x, 4, "registerID", db_text(st, 0), 100);
		el(x, 4, "regDesc", db_text(st, 1), 999);
		if (write_events(x, till, cause) != 0 ||
		    write_transactions(x, till, cause) != 0)
			err = -1;
		close_el(x, 3, "cashregister");
	}
	if (err != 0) {
		sqlite3_finalize(st);
		return (-1);
	}
	if (done(x, st, rc, cause, "reading the tills") != 0)
		return (-1);
	close_el(x, 2, "location");
	return (0);
}

int
saft_write(struct db *db, FILE *f, const char *from, const char *to,
    char **cause)
{
	struct saft	 x;
	char		*bid;
	int		 rc = -1;

	memset(&x, 0, sizeof x);
	x.db = db;
	x.f = f;
	x.from = from;
	x.to = to;
	x.company_name = db_setting(db, "store.name", "");
	x.currency = db_setting(db, "store.currency", "EUR");
	bid = db_setting(db, "store.business_id", "");
	x.company_id = xstrdup(*bid != '\0' ? bid : x.company_name);
	free(bid);
	if (strlen(x.currency) != 3) {
		set_cause(cause, _("the store's currency \"%s\" is not a "
		    "three-letter ISO 4217 code: set store.currency"),
		    x.currency);
		goto out;
	}

	/* One read transaction: the file is one moment of the database. */
	if (db_exec(db, "BEGIN", cause) != 0)
		goto out;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<auditfile xmlns=\"urn:StandardAuditFile-Taxation-CashRegister:"
	    "NO\">\n", f);
	if (write_header(&x) != 0 || write_company_head(&x, cause) != 0 ||
	    write_vat_codes(&x, cause) != 0 ||
	    write_employees(&x, cause) != 0 ||
	    write_articles(&x, cause) != 0 || write_basics(&x, cause) != 0 ||
	    write_location(&x, cause) != 0) {
		db_exec(db, "ROLLBACK", NULL);
		goto out;
	}
	db_exec(db, "COMMIT", NULL);
	close_el(&x, 1, "company");
	fputs("</auditfile>\n", f);
	if (fflush(f) != 0 || ferror(f)) {
		set_cause(cause, _("cannot write the audit file"));
		goto out;
	}
	if (x.unsigned_sales > 0)
		fprintf(stderr, "kassa: note: %lld sales have no journal entry "
		    "(written before the journal): their signature is empty\n",
		    (long long)x.unsigned_sales);
	rc = 0;
out:
	free(x.company_name);
	free(x.currency);
	free(x.company_id);
	return (rc);
}
