/*
 * Shifts and cash on real SQLite files: expected cash with refunds,
 * movements and rounding, the counted difference, Z numbers per till,
 * grand totals across Zs, a Z that reprints as it was, training apart.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "money.h"
#include "sale.h"
#include "sales.h"
#include "shift.h"
#include "unit.h"
#include "xmalloc.h"

static char	 dir[] = "/tmp/kassa-check-shift.XXXXXX";
static char	*path;

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	xasprintf(&path, "%s/kassa.db", dir);
}

static void
teardown(void)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(path);
	strcpy(dir, "/tmp/kassa-check-shift.XXXXXX");
}

static void
sql_exec(const char *sql)
{
	sqlite3	*h;
	char	*err = NULL;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &err) == SQLITE_OK,
	    "%s: %s", sql, err);
	sqlite3_close(h);
}

static sqlite3_int64
sql_int(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	sqlite3_int64	 v = -1;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (v);
}

static struct db *
new_store(void)
{
	struct db	*db;
	char		*cause = NULL;

	ck_assert_msg(db_open(path, DB_OPEN_CREATE, &db, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(db_add_vat_rate(db, 2550, NULL), 0);
	ck_assert_int_eq(db_add_vat_rate(db, 1400, NULL), 0);
	ck_assert_int_eq(db_ensure_till(db, 1, "1", NULL), 0);
	ck_assert_int_eq(db_ensure_till(db, 2, "2", NULL), 0);
	sql_exec("INSERT INTO user (id, name, role, pin_hash, created_at) "
	    "VALUES (1, 'Anna', 'cashier', '-', '2026-01-01 00:00:00'), "
	    "(2, 'Max', 'manager', '-', '2026-01-01 00:00:00')");
	return (db);
}

/* Sell one line at price on a till, paid with one tender. */
static int64_t
sell(struct db *db, int64_t till, int64_t price, int32_t vat,
    enum tender_type type, int64_t given, int64_t cash_unit)
{
	struct sale		*s = sale_create(cash_unit);
	struct sale_item	 si;
	char			*cause = NULL;
	int64_t			 no;

	memset(&si, 0, sizeof si);
	si.code = "1";
	si.name = "Thing";
	si.department = "Shop";
	si.price = price;
	si.vat_bp = vat;
	si.unit = UNIT_PIECE;
	si.price_source = PRICE_OPEN;
	s->user_id = 1;
	ck_assert_int_ge(sale_add_line(s, &si, QTY_ONE, NULL), 0);
	ck_assert_int_eq(sale_add_tender(s, type, given, NULL), 1);
	ck_assert_msg(sale_commit(db, till, "Anna", s, time(NULL), &no,
	    &cause) == 0, "%s", cause);
	sale_free(s);
	return (no);
}

static const struct cash_count float_count[] = {
	{ 5000, 2 }, { 1000, 3 }, { 200, 5 },		/* 140,00 */
};

START_TEST(test_open_refuses_second_and_movements_need_reason)
{
	struct db		*db = new_store();
	struct shift_info	 si;
	char			*cause = NULL;
	int64_t			 id, id2;

	ck_assert_int_eq(shift_current(db, 1, &si, NULL), 0);
	ck_assert_int_eq(cash_move(db, 1, 1, 0, "paid_in", 500, "change",
	    time(NULL), &cause), -1);
	ck_assert_str_eq(cause, "no shift is open on this till: open a shift "
	    "first");
	free(cause);
	ck_assert_int_eq(shift_open(db, 1, 1, float_count, 3, 0, time(NULL),
	    &id, NULL), 0);
	ck_assert_int_eq(shift_current(db, 1, &si, NULL), 1);
	ck_assert_int_eq(si.id, id);
	ck_assert_int_eq(si.float_amount, 14000);
	ck_assert_int_eq(sql_int("SELECT sum(denomination * count) FROM "
	    "cash_count WHERE stage = 'open'"), 14000);
	cause = NULL;
	ck_assert_int_eq(shift_open(db, 1, 2, NULL, 0, 0, time(NULL), &id2,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "still open"));
	free(cause);
	/* The other till opens its own. */
	ck_assert_int_eq(shift_open(db, 2, 2, NULL, 0, 5000, time(NULL), &id2,
	    NULL), 0);
	cause = NULL;
	ck_assert_int_eq(cash_move(db, 1, 1, 0, "paid_out", 500, "  ",
	    time(NULL), &cause), -1);
	ck_assert_str_eq(cause, "say why the cash moves: a reason is needed");
	free(cause);
	cause = NULL;
	ck_assert_int_eq(cash_move(db, 1, 9, 0, "paid_out", 500, "milk",
	    time(NULL), &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "no active user 9"));
	free(cause);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM cash_movement"), 0);
	ck_assert_int_eq(shift_open(db, 3, 1, NULL, 0, 0, time(NULL), &id2,
	    NULL), -1);
	db_close(db);
}
END_TEST

START_TEST(test_expected_cash_and_difference)
{
	struct db		*db = new_store();
	struct shift_figures	 f;
	struct shift_info	 si;
	struct cash_count	 close[] = { { 5000, 3 }, { 1000, 1 },
				    { 100, 4 } };
	int64_t			 id, z, cash, rounded;

	ck_assert_int_eq(shift_open(db, 1, 1, float_count, 3, 0, time(NULL),
	    &id, NULL), 0);
	/*
	 * 12,34 paid with 20,00 cash: 12,35 goes into the drawer after
	 * rounding to 5 cents.
	 */
	sell(db, 1, 1234, 2550, TENDER_CASH, 2000, 5);
	rounded = money_cash_round(1234, 5);
	sell(db, 1, 4000, 1400, TENDER_CARD, 4000, 5);
	ck_assert_int_eq(cash_move(db, 1, 1, 0, "paid_in", 1000, "change "
	    "from the bank", time(NULL), NULL), 0);
	ck_assert_int_eq(cash_move(db, 1, 1, 2, "paid_out", 1250, "window "
	    "cleaner", time(NULL), NULL), 0);
	ck_assert_int_eq(cash_move(db, 1, 2, 0, "drop", 2000, "safe",
	    time(NULL), NULL), 0);
	/* A refund of 3,00 in cash, as a return stores it. */
	ck_assert_int_eq(shift_current(db, 1, &si, NULL), 1);
	sql_exec("INSERT INTO sale (id, till_id, receipt_no, created_at, "
	    "created_utc, business_date, store_name, store_address, "
	    "business_id, currency, total, discount_total, rounding, change, "
	    "kind, shift_id) SELECT 100, 1, 99, '2026-01-01 10:00:00', 0, "
	    "'2026-01-01', '', '', '', 'EUR', -300, 0, 0, 0, 'return', id "
	    "FROM shift WHERE till_id = 1; INSERT INTO sale_tender (sale_id, "
	    "seq, type, amount, given) VALUES (100, 1, 'cash', -300, -300)");

	ck_assert_int_eq(shift_figures(db, id, &f, NULL), 0);
	cash = rounded - 300;
	ck_assert_int_eq(f.sales, 2);
	ck_assert_int_eq(f.gross, 1234 + 4000);	/* rounding apart */
	ck_assert_int_eq(f.returns, 1);
	ck_assert_int_eq(f.returns_amount, -300);
	ck_assert_int_eq(f.net, 1234 + 4000 - 300);
	ck_assert_int_eq(f.rounding, rounded - 1234);
	ck_assert_int_eq(f.cash_sales, cash);
	ck_assert_int_eq(f.expected, 14000 + cash + 1000 - 1250 - 2000);
	ck_assert_uint_eq(f.vat.n, 2);
	ck_assert_int_eq(f.vat.sums[1].gross, 4000);
	shift_figures_clear(&f);

	ck_assert_int_eq(shift_close(db, 1, 1, close, 3, 1, time(NULL), &z,
	    NULL), 0);
	ck_assert_int_eq(z, 1);
	ck_assert_int_eq(sql_int("SELECT counted_cash FROM shift_close"),
	    15000 + 1000 + 400);
	ck_assert_int_eq(sql_int("SELECT expected_cash FROM shift_close"),
	    14000 + cash + 1000 - 1250 - 2000);
	ck_assert_int_eq(sql_int("SELECT difference FROM shift_close"),
	    16400 - (14000 + cash + 1000 - 1250 - 2000));
	ck_assert_int_eq(sql_int("SELECT blind FROM shift_close"), 1);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM cash_count WHERE "
	    "stage = 'close'"), 3);
	/* The Z waits for the printer with its text. */
	ck_assert_int_eq(sql_int("SELECT count(*) FROM outbox WHERE kind = "
	    "'report' AND title = 'Z 1' AND text = (SELECT text FROM "
	    "z_report)"), 1);
	/* Closed: no more sales, movements or a second close. */
	ck_assert_int_eq(shift_current(db, 1, &si, NULL), 0);
	ck_assert_int_eq(shift_close(db, 1, 1, close, 3, 0, time(NULL), &z,
	    NULL), -1);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM z_report"), 1);
	db_close(db);
}
END_TEST

START_TEST(test_z_numbers_and_grand_totals)
{
	struct db		*db = new_store();
	struct shift_figures	 f;
	struct cash_count	 none[] = { { 100, 0 } };
	char			*text1, *again, *fig2;
	char			 want[160];
	int64_t			 id, z;

	ck_assert_int_eq(shift_open(db, 1, 1, NULL, 0, 0, time(NULL), &id,
	    NULL), 0);
	sell(db, 1, 1000, 2550, TENDER_CARD, 1000, 0);
	ck_assert_int_eq(shift_close(db, 1, 1, none, 1, 0, time(NULL), &z,
	    NULL), 0);
	ck_assert_int_eq(z, 1);
	ck_assert_int_eq(z_report_load(db, 1, 1, &text1, NULL, NULL), 0);

	ck_assert_int_eq(shift_open(db, 2, 2, NULL, 0, 0, time(NULL), &id,
	    NULL), 0);
	sell(db, 2, 700, 2550, TENDER_CARD, 700, 0);
	ck_assert_int_eq(shift_close(db, 2, 2, none, 1, 0, time(NULL), &z,
	    NULL), 0);
	ck_assert_int_eq(z, 1);		/* its own numbers */

	ck_assert_int_eq(shift_open(db, 1, 1, NULL, 0, 0, time(NULL), &id,
	    NULL), 0);
	sell(db, 1, 2500, 2550, TENDER_CARD, 2500, 0);
	/* Training: its own line, in no figure. */
	sql_exec("INSERT INTO sale (till_id, receipt_no, created_at, "
	    "created_utc, business_date, store_name, store_address, "
	    "business_id, currency, total, discount_total, rounding, change, "
	    "training, shift_id) SELECT 1, 98, '2026-01-01 10:00:00', 0, "
	    "'2026-01-01', '', '', '', 'EUR', 99900, 0, 0, 0, 1, max(id) "
	    "FROM shift WHERE till_id = 1");
	ck_assert_int_eq(x_report(db, 1, 1, time(NULL), &f, NULL), 0);
	ck_assert_int_eq(f.sales, 1);
	ck_assert_int_eq(f.gross, 2500);
	ck_assert_int_eq(f.training, 1);
	ck_assert_int_eq(f.gt_sales, 3500);	/* till 1, both shifts */
	ck_assert_int_eq(f.gt_net, 3500);
	shift_figures_clear(&f);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM till_event WHERE kind "
	    "= 'x_report' AND amount = 0"), 1);
	ck_assert_int_eq(shift_close(db, 1, 1, none, 1, 0, time(NULL), &z,
	    NULL), 0);
	ck_assert_int_eq(z, 2);
	ck_assert_int_eq(z_report_load(db, 1, 2, NULL, &fig2, NULL), 0);
	snprintf(want, sizeof want, "\"grand_totals\": {\"sales\": %d, "
	    "\"returns\": %d, \"net\": %d}", 3500, 0, 3500);
	ck_assert_ptr_nonnull(strstr(fig2, want));
	ck_assert_ptr_nonnull(strstr(fig2, "\"training_receipts\": 1"));
	free(fig2);

	/* Z 1 reprints as it was printed, later sales or not. */
	ck_assert_int_eq(z_report_load(db, 1, 1, &again, NULL, NULL), 0);
	ck_assert_str_eq(again, text1);
	ck_assert_ptr_nonnull(strstr(text1, "Z REPORT 1"));
	ck_assert_ptr_null(strstr(text1, "35,00"));
	free(again);
	free(text1);
	ck_assert_int_eq(z_report_load(db, 1, 3, &again, NULL, NULL), -1);
	ck_assert_int_eq(sql_int("SELECT next_z FROM till WHERE id = 1"), 3);
	db_close(db);
}
END_TEST

START_TEST(test_counts_parse)
{
	struct cash_count	*c;
	int64_t			*d, total;
	size_t			 n;
	char			*cause = NULL;

	ck_assert_int_eq(cash_counts_parse("1000x3,5000x2, 1000x1", &c, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(c[0].denomination, 5000);
	ck_assert_int_eq(c[1].count, 4);
	ck_assert_int_eq(cash_counts_total(c, n, &total, NULL), 0);
	ck_assert_int_eq(total, 14000);
	free(c);
	ck_assert_int_eq(cash_counts_parse("50 euros", &c, &n, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "e.g. 5000x2"));
	free(cause);
	ck_assert_int_eq(cash_denominations_parse("5,50000,200", &d, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(d[0], 50000);
	ck_assert_int_eq(d[2], 5);
	free(d);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("shift");
	TCase	*tc = tcase_create("shift");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_open_refuses_second_and_movements_need_reason);
	tcase_add_test(tc, test_expected_cash_and_difference);
	tcase_add_test(tc, test_z_numbers_and_grand_totals);
	tcase_add_test(tc, test_counts_parse);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
