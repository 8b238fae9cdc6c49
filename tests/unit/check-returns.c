/*
 * Returns on real SQLite files: never more than was sold net of earlier
 * returns, each line gives back its share of what was paid, a manager
 * approves, and the store checks it all again whatever the basket says.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "money.h"
#include "report.h"
#include "returns.h"
#include "sale.h"
#include "sales.h"
#include "shift.h"
#include "unit.h"
#include "user.h"
#include "xmalloc.h"

static char	 dir[] = "/tmp/kassa-check-returns.XXXXXX";
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
	strcpy(dir, "/tmp/kassa-check-returns.XXXXXX");
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

static const struct actor admin = { 9, ROLE_ADMIN };

/* A store, Anna (cashier 1) and Mikko (manager 2) in a shift. */
static struct db *
store(void)
{
	struct db	*db;
	char		*cause = NULL;
	int64_t		 id;

	ck_assert_msg(db_open(path, DB_OPEN_CREATE, &db, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(db_add_vat_rate(db, 2550, NULL), 0);
	ck_assert_int_eq(db_add_vat_rate(db, 1350, NULL), 0);
	ck_assert_int_eq(db_ensure_till(db, 1, "1", NULL), 0);
	ck_assert_int_eq(db_set_setting(db, "rights.discount_limit", "50",
	    NULL), 0);
	ck_assert_int_eq(user_add(db, 1, NULL, 9, "Admin", ROLE_ADMIN, "9999",
	    NULL, NULL), 0);
	ck_assert_int_eq(user_add(db, 1, &admin, 1, "Anna", ROLE_CASHIER,
	    "1111", NULL, NULL), 0);
	ck_assert_int_eq(user_add(db, 1, &admin, 2, "Mikko", ROLE_MANAGER,
	    "2222", NULL, NULL), 0);
	ck_assert_msg(shift_open(db, 1, 1, NULL, 0, 0, time(NULL), &id,
	    &cause) == 0, "%s", cause);
	return (db);
}

static const struct sale_item shampoo = { 0, "101", "Shampoo", "Salon",
    1299, 2550, UNIT_PIECE, PRICE_CATALOG };
static const struct sale_item bread = { 0, "102", "Bread", "Bakery", 219,
    1350, UNIT_PIECE, PRICE_CATALOG };

/* Receipt 1: 3 shampoos with 20 % off the line, a bread; cash. */
static void
first_sale(struct db *db)
{
	struct sale	*s = sale_create(5);
	int64_t		 no;

	s->user_id = 1;
	ck_assert_int_ge(sale_add_line(s, &shampoo, 3 * QTY_ONE, NULL), 0);
	ck_assert_int_ge(sale_add_line(s, &bread, QTY_ONE, NULL), 0);
	ck_assert_int_eq(sale_line_discount(s, 0, DISCOUNT_PERCENT, 2000,
	    "damaged box", NULL), 0);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 5000, NULL), 1);
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no, NULL),
	    0);
	ck_assert_int_eq(no, 1);
	sale_free(s);
}

START_TEST(test_share_of_what_was_paid)
{
	/* 3 for 31,18: one gives back 10,39, two 20,79, all 31,18. */
	ck_assert_int_eq(return_amount(3118, 3000, 1000), 1039);
	ck_assert_int_eq(return_amount(3118, 3000, 2000), 2079);
	ck_assert_int_eq(return_amount(3118, 3000, 3000), 3118);
	ck_assert_int_eq(return_amount(3118, 3000, 1000) * 2 +
	    return_amount(3118, 3000, 1000), 3117);	/* one by one */
	ck_assert_int_eq(return_amount(-100, 3000, 1000), -33);
}
END_TEST

START_TEST(test_return_against_receipt)
{
	struct db		*db = store();
	struct return_source	 rs;
	struct day_report	 r;
	struct sale		*s;
	char			*cause = NULL, day[11];
	int64_t			 no;
	time_t			 now = time(NULL);

	first_sale(db);
	ck_assert_int_eq(return_source_load(db, 1, 1, &rs, NULL), 0);
	ck_assert_uint_eq(rs.nlines, 2);
	ck_assert_int_eq(rs.lines[0].sold, 3000);
	ck_assert_int_eq(rs.lines[0].total, 3118);	/* 38,97 - 20 % */
	ck_assert_str_eq(rs.tender, "cash");

	/* Two shampoos back, by the cashier with the manager's approval. */
	s = sale_create(5);
	s->user_id = 1;
	ck_assert_int_eq(return_add(s, &rs, 0, 2000, NULL), 0);
	ck_assert_int_eq(s->total, -2079);
	ck_assert_int_eq(sale_refund(s, TENDER_CASH, NULL, NULL), 1);
	ck_assert_int_eq(s->paid, -2080);		/* cash rounding */
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, now, &no, &cause), -1);
	ck_assert_str_eq(cause, "the return: refund needs a manager's "
	    "approval");
	free(cause);
	s->approver_id = 1;		/* a cashier cannot approve */
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, now, &no, &cause), -1);
	ck_assert_str_eq(cause, "the return: refund needs a manager; user 1 "
	    "is a cashier");
	free(cause);
	s->approver_id = 2;
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, now, &no, &cause), -1);
	ck_assert_str_eq(cause, "a return needs a reason");
	free(cause);
	snprintf(s->return_reason, sizeof s->return_reason, "damaged");
	ck_assert_msg(sale_commit(db, 1, "Anna", s, now, &no, &cause) == 0,
	    "%s", cause);
	ck_assert_int_eq(no, 2);
	sale_free(s);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale WHERE kind = "
	    "'return' AND return_of = 1 AND approver_id = 2 AND total = -2079 "
	    "AND reason = 'damaged'"), 1);
	ck_assert_int_eq(sql_int("SELECT amount FROM sale_tender WHERE "
	    "sale_id = 2"), -2080);
	ck_assert_int_eq(sql_int("SELECT qty || return_line FROM sale_line "
	    "WHERE sale_id = 2"), -20001);
	return_source_clear(&rs);

	/* Earlier returns count: only one shampoo is left. */
	ck_assert_int_eq(return_source_load(db, 1, 1, &rs, NULL), 0);
	ck_assert_int_eq(rs.lines[0].returned, 2000);
	s = sale_create(5);
	s->user_id = 2;			/* the manager himself */
	ck_assert_int_eq(return_add(s, &rs, 0, 2000, &cause), -1);
	ck_assert_str_eq(cause, "only 1 of Shampoo can be returned: 3 sold, "
	    "2 returned before");
	free(cause);
	ck_assert_int_eq(return_add(s, &rs, 0, 1000, NULL), 0);
	ck_assert_int_eq(return_add(s, &rs, 0, 1000, &cause), -1);
	ck_assert_str_eq(cause, "all of Shampoo has been returned already");
	free(cause);
	/* A basket that says two is refused by the store, and one that pays
	 * back more than the line cost too. */
	snprintf(s->return_reason, sizeof s->return_reason, "unwanted");
	s->lines[0].qty = -2000;
	s->lines[0].fixed_total = -2079;
	sale_recompute(s);
	ck_assert_int_eq(sale_refund(s, TENDER_CASH, NULL, NULL), 1);
	ck_assert_int_eq(sale_commit(db, 1, "Mikko", s, now, &no, &cause), -1);
	ck_assert_str_eq(cause, "Shampoo: more would be returned than was "
	    "sold");
	free(cause);
	sale_free(s);
	s = sale_create(5);
	s->user_id = 2;
	ck_assert_int_eq(return_add(s, &rs, 0, 1000, NULL), 0);
	s->lines[0].fixed_total = -1299;
	sale_recompute(s);
	snprintf(s->return_reason, sizeof s->return_reason, "unwanted");
	ck_assert_int_eq(sale_refund(s, TENDER_CASH, NULL, NULL), 1);
	ck_assert_int_eq(sale_commit(db, 1, "Mikko", s, now, &no, &cause), -1);
	ck_assert_str_eq(cause, "Shampoo: the amount given back is not what "
	    "was paid for it");
	free(cause);
	sale_free(s);
	return_source_clear(&rs);

	/* The day: 50,15 sold, 20,79 given back (rounded: 20,80 cash). */
	strftime(day, sizeof day, "%Y-%m-%d", localtime(&now));
	ck_assert_int_eq(report_day(db, day, 0, &r, NULL), 0);
	ck_assert_int_eq(r.gross, 3118 + 219 - 2079);
	report_clear(&r);
	/* A return cannot be returned. */
	ck_assert_int_eq(return_source_load(db, 1, 2, &rs, &cause), 1);
	ck_assert_str_eq(cause, "receipt 2 is itself a return");
	free(cause);
	db_close(db);
}
END_TEST

START_TEST(test_return_without_receipt)
{
	struct db	*db = store();
	struct sale	*s = sale_create(5);
	char		*cause = NULL;
	int64_t		 no;

	s->user_id = 1;
	ck_assert_int_ge(sale_add_return_item(s, &bread, QTY_ONE, NULL), 0);
	ck_assert_int_eq(s->total, -219);
	snprintf(s->return_reason, sizeof s->return_reason, "wrong item");
	ck_assert_int_eq(sale_refund(s, TENDER_CASH, NULL, NULL), 1);
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no,
	    &cause), -1);
	ck_assert_str_eq(cause, "the return: return without a receipt needs "
	    "a manager's approval");
	free(cause);
	s->approver_id = 2;
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no, NULL),
	    0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale WHERE kind = "
	    "'return' AND return_of IS NULL AND total = -219"), 1);
	sale_free(s);
	db_close(db);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("returns");
	TCase	*tc = tcase_create("returns");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_share_of_what_was_paid);
	tcase_add_test(tc, test_return_against_receipt);
	tcase_add_test(tc, test_return_without_receipt);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
