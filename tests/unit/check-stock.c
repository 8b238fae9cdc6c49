/*
 * Stock and the reports against a real SQLite file: a sale lowers stock,
 * a return raises it, training and services leave it alone, a count shows
 * its variance and only a manager applies it; and every report's figures
 * against sums worked out by hand from the sales rung up here.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "customer.h"
#include "db.h"
#include "money.h"
#include "report.h"
#include "sales.h"
#include "stock.h"
#include "table.h"
#include "unit.h"
#include "xmalloc.h"

static char	 dir[] = "/tmp/kassa-check-stock.XXXXXX";
static char	*path;
static struct db *db;

static const char catalog_csv[] =
    "gtin,plu,name,price,vat,unit,department,stocked\n"
    "6449818992727,,Kevytmaito 1 l,1.25,13.5,pcs,Maito,1\n"
    "6479602783736,,Ruisleipä 500 g,2.19,13.5,pcs,Leipä,1\n"
    ",4,Banaani,1.99,13.5,kg,Hedelmät,1\n"
    ",301,\"Hiustenleikkaus, naiset\",58.00,25.5,pcs,Kampaamo,0\n";

#define MILK	"6449818992727"
#define BREAD	"6479602783736"
#define HAIRCUT	"301"

static void
sql(const char *q)
{
	sqlite3	*h;
	char	*err = NULL;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	ck_assert_msg(sqlite3_exec(h, q, NULL, NULL, &err) == SQLITE_OK,
	    "%s: %s", q, err);
	sqlite3_close(h);
}

static int64_t
sql_int(const char *q)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	int64_t		 v = -999999;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, q, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (v);
}

static void
setup(void)
{
	struct import_result	 res;
	char			*cause = NULL;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	xasprintf(&path, "%s/kassa.db", dir);
	ck_assert_msg(db_open(path, DB_OPEN_CREATE, &db, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(db_add_vat_rate(db, 2550, NULL), 0);
	ck_assert_int_eq(db_add_vat_rate(db, 1350, NULL), 0);
	ck_assert_int_eq(db_ensure_till(db, 1, "1", NULL), 0);
	ck_assert_msg(catalog_import(db, catalog_csv, strlen(catalog_csv), 0,
	    NULL, 0, &res, &cause) == 0, "%s", cause);
	import_result_clear(&res);
	sql("INSERT INTO user (id, name, role, pin_hash, created_at) VALUES "
	    "(1, 'Maija', 'cashier', 'x', '2026-03-02 08:00:00'), "
	    "(2, 'Pekka', 'manager', 'x', '2026-03-02 08:00:00')");
	/* The shift the sales are rung up in (it stays open). */
	sql("INSERT INTO shift (id, till_id, user_id, opened_at, business_date, "
	    "float_amount) VALUES (50, 1, 1, '2026-03-02 07:00:00', "
	    "'2026-03-02', 0)");
}

static void
teardown(void)
{
	char	*cmd;

	db_close(db);
	xasprintf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(path);
	strcpy(dir, "/tmp/kassa-check-stock.XXXXXX");
}

static int64_t
item_id(const char *code)
{
	struct catalog_item	it;
	int64_t			id;

	ck_assert_int_eq(catalog_find(db, code, NULL, 0, &it, NULL), 0);
	id = it.id;
	catalog_item_clear(&it);
	return (id);
}

static int64_t
stock_of(const char *code)
{
	char	q[128];

	snprintf(q, sizeof q, "SELECT stock FROM item WHERE id = %lld",
	    (long long)item_id(code));
	return (sql_int(q));
}

static void
add(struct sale *s, const char *code, int64_t qty)
{
	struct catalog_item	it;
	struct sale_item	si;

	ck_assert_int_eq(catalog_find(db, code, NULL, 0, &it, NULL), 0);
	catalog_item_to_sale(&it, &si);
	ck_assert_int_ge(sale_add_line(s, &si, qty, NULL), 0);
	catalog_item_clear(&it);
}

/*
 * Pay in cash and commit at 2026-03-02 hh:mm local time, sold by the
 * manager (user 2) unless the sale names its user; the receipt.
 */
static int64_t
pay(struct sale *s, int hh, int mm)
{
	struct tm	tm;
	char		*cause = NULL;
	int64_t		 no;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = 126;
	tm.tm_mon = 2;
	tm.tm_mday = 2;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_isdst = -1;
	if (s->user_id == 0)
		s->user_id = 2;
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, sale_remaining(s),
	    NULL), 1);
	ck_assert_msg(sale_commit(db, 1, "Testi", s, mktime(&tm), &no,
	    &cause) == 0, "%s", cause);
	return (no);
}

static void
receive(const char *code, int64_t qty)
{
	struct stock_line	 l;
	char			*cause = NULL;
	int64_t			 id;

	memset(&l, 0, sizeof l);
	l.item_id = item_id(code);
	l.name = (char *)code;
	l.qty = qty;
	ck_assert_msg(stock_receive(db, 1, "LS-1", &l, 1, 0, &id, &cause) ==
	    0, "%s", cause);
}

START_TEST(test_sale_lowers_return_raises)
{
	struct sale	*s = sale_create(0);
	char		*cause = NULL;
	int64_t		 milk = item_id(MILK);
	char		 q[1024];

	receive(MILK, 10 * QTY_ONE);
	ck_assert_int_eq(stock_of(MILK), 10000);
	/* Two milk, a voided milk line and a haircut (a service). */
	add(s, MILK, 2 * QTY_ONE);
	add(s, MILK, QTY_ONE);
	ck_assert_int_eq(sale_void_line(s, 1, NULL), 0);
	add(s, HAIRCUT, QTY_ONE);
	pay(s, 9, 15);
	sale_free(s);
	ck_assert_int_eq(stock_of(MILK), 8000);
	ck_assert_int_eq(stock_of(HAIRCUT), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM stock_move WHERE "
	    "kind = 'sale'"), 1);
	snprintf(q, sizeof q, "SELECT sum(qty) FROM stock_move WHERE "
	    "item_id = %lld", (long long)milk);
	ck_assert_int_eq(sql_int(q), 8000);

	/* A return: a sale row of kind 'return' with a negative line. */
	snprintf(q, sizeof q, "INSERT INTO sale (id, till_id, receipt_no, "
	    "created_at, created_utc, business_date, store_name, "
	    "store_address, business_id, currency, total, discount_total, "
	    "rounding, change, kind, return_of) VALUES (50, 1, 50, "
	    "'2026-03-02 10:00:00', 0, '2026-03-02', '', '', '', 'EUR', -125, "
	    "0, 0, 0, 'return', 1); INSERT INTO sale_line VALUES (50, 1, %lld, "
	    "'" MILK "', 'Kevytmaito 1 l', 'Maito', 'pcs', -1000, 125, 1350, 0, "
	    "0, 0, NULL, 0, -125, 0, 0, -125, NULL, NULL, 1)", (long long)milk);
	sql(q);
	ck_assert_int_eq(db_begin(db, NULL), 0);
	ck_assert_msg(stock_sale_moves(db, 50, &cause) == 0, "%s", cause);
	ck_assert_int_eq(db_commit(db, NULL), 0);
	ck_assert_int_eq(stock_of(MILK), 9000);
	ck_assert_int_eq(sql_int("SELECT qty FROM stock_move WHERE kind = "
	    "'return' AND ref_id = 50"), 1000);
}
END_TEST

START_TEST(test_training_leaves_stock)
{
	struct sale	*s = sale_create(0);
	char		 q[1024];

	receive(MILK, 5 * QTY_ONE);
	add(s, MILK, 3 * QTY_ONE);
	pay(s, 11, 0);
	sale_free(s);
	ck_assert_int_eq(stock_of(MILK), 2000);
	/* The same sale as a training sale moves nothing. */
	snprintf(q, sizeof q, "INSERT INTO sale (id, till_id, receipt_no, "
	    "created_at, created_utc, business_date, store_name, "
	    "store_address, business_id, currency, total, discount_total, "
	    "rounding, change, training) VALUES (60, 1, 60, "
	    "'2026-03-02 11:30:00', 0, '2026-03-02', '', '', '', 'EUR', 375, 0, "
	    "0, 0, 1); INSERT INTO sale_line VALUES (60, 1, %lld, '" MILK "', "
	    "'Kevytmaito 1 l', 'Maito', 'pcs', 3000, 125, 1350, 0, 0, 0, NULL, "
	    "0, 375, 0, 0, 375, NULL, NULL, NULL)", (long long)item_id(MILK));
	sql(q);
	ck_assert_int_eq(stock_sale_moves(db, 60, NULL), 0);
	ck_assert_int_eq(stock_of(MILK), 2000);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM stock_move WHERE "
	    "ref_id = 60 AND kind = 'sale'"), 0);
}
END_TEST

START_TEST(test_count_variance_and_apply)
{
	struct stock_line	*l;
	struct table		*t;
	char			*cause = NULL;
	int64_t			 count, counted, again;
	size_t			 n;

	receive(MILK, 9 * QTY_ONE);
	receive(BREAD, 4 * QTY_ONE);
	ck_assert_int_eq(stock_count_open(db, 1, 0, 0, &count, NULL), 0);
	ck_assert_int_eq(count, 0);
	ck_assert_int_eq(stock_count_open(db, 1, 1, 1, &count, NULL), 0);
	ck_assert_int_gt(count, 0);
	/* Milk on two shelves: 4 and 3; bread 5; a haircut cannot count. */
	ck_assert_int_eq(stock_count_add(db, count, item_id(MILK), 4000,
	    &counted, NULL), 0);
	ck_assert_int_eq(stock_count_add(db, count, item_id(MILK), 3000,
	    &counted, NULL), 0);
	ck_assert_int_eq(counted, 7000);
	ck_assert_int_eq(stock_count_add(db, count, item_id(BREAD), 5000,
	    NULL, NULL), 0);
	ck_assert_int_eq(stock_count_add(db, count, item_id(HAIRCUT), 1000,
	    NULL, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "service"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(stock_count_add(db, count, item_id(BREAD), -6000,
	    NULL, NULL), -1);
	/* The same count is found again, not a new one. */
	ck_assert_int_eq(stock_count_open(db, 1, 1, 1, &again, NULL), 0);
	ck_assert_int_eq(again, count);

	ck_assert_int_eq(stock_count_lines(db, count, &l, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	/* By name: Kevytmaito, then Ruisleipä. */
	ck_assert_int_eq(l[0].expected, 9000);
	ck_assert_int_eq(l[0].qty, 7000);
	ck_assert_int_eq(l[1].expected, 4000);
	ck_assert_int_eq(l[1].qty, 5000);
	t = stock_variance(l, n, count);
	ck_assert_uint_eq(t->nrows, 3);
	ck_assert_int_eq(table_cell(t, 0, 4)->v, -2000);
	ck_assert_int_eq(table_cell(t, 0, 6)->v, -250);	/* 2 x 1,25 */
	ck_assert_int_eq(table_cell(t, 1, 6)->v, 219);
	ck_assert_int_eq(table_cell(t, 2, 6)->v, -31);	/* the total */
	table_free(t);
	stock_lines_free(l, n);

	/* A cashier may not apply it alone, nor approve it; a manager may. */
	ck_assert_int_eq(stock_count_apply(db, count, 1, 0, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "manager"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(stock_count_apply(db, count, 1, 1, NULL), -1);
	ck_assert_int_eq(stock_count_apply(db, count, 0, 0, NULL), -1);
	ck_assert_int_eq(stock_of(MILK), 9000);
	ck_assert_msg(stock_count_apply(db, count, 1, 2, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(sql_int("SELECT applied_by FROM stock_count"), 2);
	ck_assert_int_eq(stock_of(MILK), 7000);
	ck_assert_int_eq(stock_of(BREAD), 5000);
	ck_assert_int_eq(sql_int("SELECT sum(qty) FROM stock_move WHERE kind "
	    "= 'count'"), -1000);
	ck_assert_int_eq(stock_count_apply(db, count, 2, 0, NULL), -1);
	ck_assert_int_eq(stock_count_add(db, count, item_id(MILK), 1000,
	    NULL, NULL), -1);
	/* Applied, it still shows what it replaced. */
	ck_assert_int_eq(stock_count_lines(db, count, &l, &n, NULL), 0);
	ck_assert_int_eq(l[0].expected, 9000);
	stock_lines_free(l, n);
	ck_assert_int_eq(stock_count_open(db, 1, 0, 0, &again, NULL), 0);
	ck_assert_int_eq(again, 0);
}
END_TEST

START_TEST(test_receive_csv)
{
	struct import_result	 res;
	struct stock_line	*l;
	size_t			 n;
	const char		*good = "code;qty\n" MILK ";12\n4;2,5\n" MILK
				    ";3\n";
	const char		*bad = MILK ";x\n" HAIRCUT ";1\n999;1\n";

	ck_assert_int_eq(stock_read_csv(db, good, strlen(good), NULL, 0, &l,
	    &n, &res), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(l[0].qty, 15000);
	ck_assert_int_eq(l[1].qty, 2500);
	import_result_clear(&res);
	stock_lines_free(l, n);
	ck_assert_int_eq(stock_read_csv(db, bad, strlen(bad), NULL, 0, &l,
	    &n, &res), -1);
	ck_assert_uint_eq(res.nerrors, 3);
	ck_assert_ptr_nonnull(strstr(res.errors[0], "line 1"));
	ck_assert_ptr_nonnull(strstr(res.errors[1], "service"));
	ck_assert_ptr_nonnull(strstr(res.errors[2], "line 3"));
	import_result_clear(&res);
}
END_TEST

/*
 * A day rung up by hand: the sales, and the figures worked out from them.
 *   09:15  2 milk 2,50 + bread 2,19                          =  4,69
 *   09:40  haircut 58,00 - 10 % "regular" (5,80)             = 52,20
 *          both by Pekka (user 2, a manager)
 *   14:05  bread overridden to 1,50 (was 2,19), a milk voided =  1,50
 *          by Maija (user 1), the override approved by Pekka
 *   14:30  3 milk 3,75, a training sale: never counted
 *   16:00  a return of 1 milk, -1,25, reason "sour", cashier "Testi"
 *          as a till without users wrote it
 */
static void
ring_up_day(void)
{
	struct sale	*s;
	char		 q[1024];

	s = sale_create(0);
	add(s, MILK, 2 * QTY_ONE);
	add(s, BREAD, QTY_ONE);
	pay(s, 9, 15);
	sale_free(s);
	s = sale_create(0);
	add(s, HAIRCUT, QTY_ONE);
	ck_assert_int_eq(sale_line_discount(s, 0, DISCOUNT_PERCENT, 1000,
	    "regular", NULL), 0);
	pay(s, 9, 40);
	sale_free(s);
	s = sale_create(0);
	s->user_id = 1;
	add(s, BREAD, QTY_ONE);
	ck_assert_int_eq(sale_override_price(s, 0, 150, NULL), 0);
	s->lines[0].approver_id = 2;
	add(s, MILK, QTY_ONE);
	ck_assert_int_eq(sale_void_line(s, 1, NULL), 0);
	pay(s, 14, 5);
	sale_free(s);
	s = sale_create(0);
	s->training = 1;
	add(s, MILK, 3 * QTY_ONE);
	pay(s, 14, 30);
	sale_free(s);
	snprintf(q, sizeof q, "INSERT INTO sale (till_id, receipt_no, "
	    "created_at, created_utc, business_date, cashier, store_name, "
	    "store_address, business_id, currency, total, discount_total, "
	    "rounding, change, kind, reason) VALUES (1, 5, "
	    "'2026-03-02 16:00:00', 0, '2026-03-02', 'Testi', '', '', '', "
	    "'EUR', -125, 0, 0, 0, 'return', 'sour'); INSERT INTO sale_line "
	    "VALUES (last_insert_rowid(), 1, %lld, '" MILK "', "
	    "'Kevytmaito 1 l', 'Maito', 'pcs', -1000, 125, 1350, 0, 0, 0, "
	    "NULL, 0, -125, 0, 0, -125, NULL, NULL, 1)",
	    (long long)item_id(MILK));
	sql(q);
	sql("INSERT INTO till_event (till_id, kind, user_id, amount, detail, "
	    "created_at, business_date, training) VALUES "
	    "(1, 'no_sale', 1, NULL, 'change for the bank', "
	    "'2026-03-02 12:00:00', '2026-03-02', 0), "
	    "(1, 'cancel', 1, 690, NULL, '2026-03-02 13:00:00', '2026-03-02', 0),"
	    "(1, 'no_sale', 1, NULL, 'training', '2026-03-02 13:30:00', "
	    "'2026-03-02', 1)");
	sql("INSERT INTO shift (id, till_id, user_id, opened_at, business_date, "
	    "float_amount) VALUES (1, 1, 1, '2026-03-02 08:00:00', "
	    "'2026-03-02', 15000); INSERT INTO shift_close VALUES (1, 2, "
	    "'2026-03-02 18:00:00', 1, 20689, 20639, -50)");
}

static struct table *
report(enum report_kind k)
{
	struct table	*t;
	char		*cause = NULL;

	ck_assert_msg(report_table(db, k, "2026-03-02", "2026-03-02", 0, &t,
	    &cause) == 0, "%s", cause);
	return (t);
}

/* The row whose first column is key. */
static size_t
row(struct table *t, const char *key)
{
	size_t	r;

	for (r = 0; r < t->nrows; r++)
		if (strcmp(table_cell(t, r, 0)->text, key) == 0)
			return (r);
	ck_abort_msg("no row %s in %s", key, t->kind);
	return (0);
}

#define CELL(t, r, c)	(table_cell(t, r, c)->v)

START_TEST(test_reports_by_hand)
{
	struct table	*t;
	size_t		 r, c;

	ring_up_day();

	t = report(REPORT_HOURLY);
	ck_assert_uint_eq(t->nrows, 4);		/* 09, 14, 16 and total */
	r = row(t, "09:00-10:00");
	ck_assert_int_eq(CELL(t, r, 1), 2);
	ck_assert_int_eq(CELL(t, r, 3), 469 + 5220);
	r = row(t, "14:00-15:00");
	ck_assert_int_eq(CELL(t, r, 1), 1);
	ck_assert_int_eq(CELL(t, r, 3), 150);
	r = row(t, "16:00-17:00");
	ck_assert_int_eq(CELL(t, r, 2), 1);
	ck_assert_int_eq(CELL(t, r, 3), -125);
	r = row(t, "Total");
	ck_assert_int_eq(CELL(t, r, 1), 3);
	ck_assert_int_eq(CELL(t, r, 3), 469 + 5220 + 150 - 125);
	table_free(t);

	t = report(REPORT_DEPARTMENTS);
	ck_assert_int_eq(CELL(t, row(t, "Maito"), 2), 250 - 125);
	ck_assert_int_eq(CELL(t, row(t, "Maito"), 1), 2);
	ck_assert_int_eq(CELL(t, row(t, "Leipä"), 2), 219 + 150);
	ck_assert_int_eq(CELL(t, row(t, "Kampaamo"), 2), 5220);
	ck_assert_int_eq(CELL(t, row(t, "Total"), 2), 5714);
	table_free(t);

	t = report(REPORT_ITEMS);
	ck_assert_int_eq(CELL(t, row(t, MILK), 2), 1000);	/* 2 - 1 */
	ck_assert_int_eq(CELL(t, row(t, MILK), 3), 125);
	ck_assert_int_eq(CELL(t, row(t, BREAD), 2), 2000);
	ck_assert_int_eq(CELL(t, row(t, BREAD), 3), 369);
	ck_assert_int_eq(CELL(t, row(t, HAIRCUT), 3), 5220);
	table_free(t);

	/* By user name; a sale without a user by its cashier text. */
	t = report(REPORT_CASHIERS);
	ck_assert_uint_eq(t->nrows, 4);
	r = row(t, "Maija");
	ck_assert_int_eq(CELL(t, r, 1), 1);
	ck_assert_int_eq(CELL(t, r, 4), 150);
	r = row(t, "Pekka");
	ck_assert_int_eq(CELL(t, r, 1), 2);
	ck_assert_int_eq(CELL(t, r, 2), 0);
	ck_assert_int_eq(CELL(t, r, 3), 580);
	ck_assert_int_eq(CELL(t, r, 4), 469 + 5220);
	r = row(t, "Testi");
	ck_assert_int_eq(CELL(t, r, 1), 0);
	ck_assert_int_eq(CELL(t, r, 2), 1);
	ck_assert_int_eq(CELL(t, r, 4), -125);
	ck_assert_int_eq(CELL(t, row(t, "Total"), 4), 5714);
	table_free(t);

	/* discount, no sale, cancel, override, void, refund: by time. */
	t = report(REPORT_LOSSES);
	ck_assert_uint_eq(t->nrows, 6);
	{
		const char *kinds[] = { "discount", "no_sale", "cancel",
		    "override", "void", "refund" };
		const int64_t amounts[] = { 580, 0, 690, 69, 125, 125 };

		for (r = 0; r < 6; r++) {
			ck_assert_str_eq(table_cell(t, r, 3)->text, kinds[r]);
			if (amounts[r] != 0)
				ck_assert_int_eq(CELL(t, r, 6), amounts[r]);
		}
	}
	ck_assert_str_eq(table_cell(t, 0, 7)->text, "regular");
	ck_assert_int_eq(table_cell(t, 1, 6)->null, 1);
	ck_assert_str_eq(table_cell(t, 1, 7)->text, "change for the bank");
	ck_assert_str_eq(table_cell(t, 3, 4)->text, "Maija");
	ck_assert_str_eq(table_cell(t, 3, 8)->text, "Pekka");
	ck_assert_str_eq(table_cell(t, 3, 7)->text, "catalog price 2,19");
	ck_assert_str_eq(table_cell(t, 5, 7)->text, "sour");
	table_free(t);

	t = report(REPORT_CASH);
	ck_assert_uint_eq(t->nrows, 2);
	ck_assert_str_eq(table_cell(t, 0, 2)->text, "Maija");
	ck_assert_str_eq(table_cell(t, 0, 5)->text, "Pekka");
	ck_assert_int_eq(CELL(t, 0, 7), 20689);
	ck_assert_int_eq(CELL(t, 0, 9), -50);
	table_free(t);

	/* Another day has nothing; the training sale is nowhere. */
	ck_assert_int_eq(report_table(db, REPORT_ITEMS, "2026-03-03",
	    "2026-03-09", 0, &t, NULL), 0);
	ck_assert_uint_eq(t->nrows, 0);
	table_free(t);
	t = report(REPORT_HOURLY);
	for (r = 0; r < t->nrows; r++)
		for (c = 1; c < 3; c++)
			ck_assert_int_le(CELL(t, r, c), 3);
	ck_assert_int_eq(CELL(t, row(t, "Total"), 3), 5714);
	table_free(t);
}
END_TEST

START_TEST(test_customer_on_sale)
{
	struct customer	*c;
	struct visit	*v;
	struct sale	*s, *back;
	char		*text, *cause = NULL;
	int64_t		 id, no;
	size_t		 n;

	ck_assert_int_eq(customer_add(db, "Anna Virtanen", "040 123 4567",
	    "anna@example.com", &id, NULL), 0);
	ck_assert_int_eq(customer_add(db, "Bad", NULL, "not-an-address",
	    &no, &cause), -1);
	free(cause);
	ck_assert_int_eq(customer_find(db, "0401234", 10, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(c[0].name, "Anna Virtanen");
	customers_free(c, n);
	ck_assert_int_eq(customer_find(db, "virt", 10, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	customers_free(c, n);

	/* The open basket keeps its customer across a save and a load. */
	s = sale_create(0);
	add(s, BREAD, QTY_ONE);
	sale_set_customer(s, id, "Anna Virtanen", "anna@example.com");
	text = sale_serialize(s);
	back = sale_deserialize(text, NULL);
	free(text);
	ck_assert_ptr_nonnull(back);
	ck_assert_int_eq(back->customer_id, id);
	ck_assert_str_eq(back->customer_email, "anna@example.com");
	sale_free(back);
	no = pay(s, 10, 0);
	sale_free(s);
	ck_assert_int_eq(sql_int("SELECT customer_id FROM sale WHERE "
	    "receipt_no = 1"), id);
	ck_assert_int_eq(customer_visits(db, id, &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].receipt_no, no);
	ck_assert_uint_eq(v[0].nlines, 1);
	ck_assert_str_eq(v[0].lines[0].name, "Ruisleipä 500 g");
	visits_free(v, n);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("stock");
	TCase	*tc = tcase_create("stock");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_sale_lowers_return_raises);
	tcase_add_test(tc, test_training_leaves_stock);
	tcase_add_test(tc, test_count_variance_and_apply);
	tcase_add_test(tc, test_receive_csv);
	tcase_add_test(tc, test_reports_by_hand);
	tcase_add_test(tc, test_customer_on_sale);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
