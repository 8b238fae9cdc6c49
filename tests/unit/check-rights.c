/*
 * Who may do what: the rules of src/core/rights.c, and the same rules
 * enforced by the store on real SQLite files whatever the console does:
 * a sale with an unapproved override or discount does not commit, a
 * cashier cannot approve, a disabled manager cannot either; PINs are
 * hashed, wrong PINs lock a user.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "money.h"
#include "rights.h"
#include "sale.h"
#include "sales.h"
#include "shift.h"
#include "unit.h"
#include "events.h"
#include "user.h"
#include "xmalloc.h"

static char	 dir[] = "/tmp/kassa-check-rights.XXXXXX";
static char	*path;

static const struct actor cashier = { 1, ROLE_CASHIER };
static const struct actor manager = { 2, ROLE_MANAGER };
static const struct actor admin = { 9, ROLE_ADMIN };

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
	strcpy(dir, "/tmp/kassa-check-rights.XXXXXX");
}

START_TEST(test_roles)
{
	char	*cause = NULL;

	ck_assert(rights_allow(&cashier, ACT_SELL));
	ck_assert(!rights_allow(&cashier, ACT_PRICE_OVERRIDE));
	ck_assert(!rights_allow(&cashier, ACT_NO_SALE));
	ck_assert(!rights_allow(&cashier, ACT_CANCEL_SALE));
	ck_assert(!rights_allow(&cashier, ACT_REFUND));
	ck_assert(!rights_allow(&cashier, ACT_VOID_PAID));
	ck_assert(!rights_allow(&cashier, ACT_PAID_OUT));
	ck_assert(rights_allow(&cashier, ACT_DROP));
	ck_assert(rights_allow(&manager, ACT_PRICE_OVERRIDE));
	ck_assert(!rights_allow(&manager, ACT_USERS));
	ck_assert(rights_allow(&admin, ACT_USERS));
	ck_assert(rights_allow(&admin, ACT_NO_SALE));

	/* A cashier with a manager's approval may; with a cashier's not. */
	ck_assert_int_eq(rights_check(&cashier, &manager, ACT_NO_SALE, NULL),
	    0);
	ck_assert_int_eq(rights_check(&cashier, &cashier, ACT_NO_SALE,
	    &cause), -1);
	ck_assert_str_eq(cause, "open the drawer without a sale needs a "
	    "manager; user 1 is a cashier");
	free(cause);
	ck_assert_int_eq(rights_check(&cashier, NULL, ACT_CANCEL_SALE,
	    &cause), -1);
	ck_assert_str_eq(cause, "cancel a sale needs a manager's approval");
	free(cause);
	/* Users are the admin's, approval or not. */
	ck_assert_int_eq(rights_check(&manager, &admin, ACT_USERS, &cause),
	    -1);
	ck_assert_str_eq(cause, "only an admin may manage users");
	free(cause);
	/* Nobody logged in may do nothing. */
	ck_assert_int_eq(rights_check(NULL, &admin, ACT_SELL, &cause), -1);
	ck_assert_str_eq(cause, "nobody is logged in");
	free(cause);
}
END_TEST

START_TEST(test_discount_limit)
{
	/* 10 % of 20,00 is the limit: 2,00 is within, 2,01 above. */
	ck_assert_int_eq(rights_discount_action(200, 2000, 1000), ACT_DISCOUNT);
	ck_assert_int_eq(rights_discount_action(201, 2000, 1000),
	    ACT_DISCOUNT_OVER);
	ck_assert_int_eq(rights_discount_action(0, 0, 1000), ACT_DISCOUNT);
	ck_assert_int_eq(rights_discount_action(1, 0, 1000), ACT_DISCOUNT_OVER);
	ck_assert_int_eq(rights_discount_action(1, 2000, 0), ACT_DISCOUNT_OVER);
	/* 10 % of 2,19 rounds to 0,22: still within a 10 % limit. */
	ck_assert_int_eq(rights_discount_action(22, 219, 1000), ACT_DISCOUNT);
	ck_assert_int_eq(rights_discount_action(23, 219, 1000),
	    ACT_DISCOUNT_OVER);
}
END_TEST

static struct db *
store(void)
{
	struct db	*db;
	char		*cause = NULL;
	int64_t		 id;

	ck_assert_msg(db_open(path, DB_OPEN_CREATE, &db, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(db_add_vat_rate(db, 2550, NULL), 0);
	ck_assert_int_eq(db_ensure_till(db, 1, "1", NULL), 0);
	ck_assert_msg(user_add(db, 1, NULL, 9, "Admin", ROLE_ADMIN, "9999",
	    NULL, &cause) == 0, "%s", cause);
	ck_assert_int_eq(user_add(db, 1, &admin, 1, "Anna", ROLE_CASHIER,
	    "1111", NULL, NULL), 0);
	ck_assert_int_eq(user_add(db, 1, &admin, 2, "Mikko", ROLE_MANAGER,
	    "2222", NULL, NULL), 0);
	ck_assert_int_eq(user_add(db, 1, &admin, 3, "Pekka", ROLE_CASHIER,
	    "3333", NULL, NULL), 0);
	ck_assert_msg(shift_open(db, 1, 1, NULL, 0, 0, time(NULL), &id,
	    &cause) == 0, "%s", cause);
	return (db);
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

static struct sale *
paid_sale(int64_t user)
{
	struct sale	*s = sale_create(0);
	struct sale_item it = { 0, "1", "Kampaus", "Kampaamo", 2000, 2550,
	    UNIT_PIECE, PRICE_CATALOG };

	s->user_id = user;
	ck_assert_int_ge(sale_add_line(s, &it, QTY_ONE, NULL), 0);
	return (s);
}

static int
pay_commit(struct db *db, struct sale *s, char **cause)
{
	int64_t	no;

	sale_recompute(s);
	s->ntenders = 0;
	s->paid = 0;
	ck_assert_int_eq(sale_add_tender(s, TENDER_CARD, s->total, NULL), 1);
	return (sale_commit(db, 1, "Anna", s, time(NULL), &no, cause));
}

/* The store refuses what the rules refuse, whatever the basket says. */
START_TEST(test_commit_enforces)
{
	struct db	*db = store();
	struct sale	*s;
	char		*cause = NULL;

	/* Nobody logged in. */
	s = paid_sale(0);
	ck_assert_int_eq(pay_commit(db, s, &cause), -1);
	ck_assert_str_eq(cause, "nobody is logged in: log in to sell");
	free(cause);
	sale_free(s);

	/* A price override by a cashier alone, then "approved" by a cashier. */
	s = paid_sale(1);
	ck_assert_int_eq(sale_override_price(s, 0, 1500, NULL), 0);
	ck_assert_int_eq(pay_commit(db, s, &cause), -1);
	ck_assert_str_eq(cause, "Kampaus: price override needs a manager's "
	    "approval");
	free(cause);
	s->lines[0].approver_id = 3;
	ck_assert_int_eq(pay_commit(db, s, &cause), -1);
	ck_assert_str_eq(cause, "Kampaus: price override needs a manager; "
	    "user 3 is a cashier");
	free(cause);
	/* A manager's approval: it commits, and both are on record. */
	s->lines[0].approver_id = 2;
	ck_assert_int_eq(pay_commit(db, s, NULL), 0);
	sale_free(s);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale WHERE user_id = 1 "
	    "AND total = 1500"), 1);
	ck_assert_int_eq(sql_int("SELECT approver_id FROM sale_line"), 2);

	/* A 10 % discount is the cashier's; 15 % needs a manager. */
	s = paid_sale(1);
	ck_assert_int_eq(sale_basket_discount(s, DISCOUNT_PERCENT, 1000,
	    "kanta-asiakas", NULL), 0);
	ck_assert_int_eq(pay_commit(db, s, NULL), 0);
	sale_free(s);
	s = paid_sale(1);
	ck_assert_int_eq(sale_line_discount(s, 0, DISCOUNT_PERCENT, 1500,
	    "vika", NULL), 0);
	ck_assert_int_eq(pay_commit(db, s, &cause), -1);
	ck_assert_str_eq(cause, "Kampaus: discount above the limit needs a "
	    "manager's approval");
	free(cause);
	/* The store's limit is a setting. */
	ck_assert_int_eq(db_set_setting(db, "rights.discount_limit", "20",
	    NULL), 0);
	ck_assert_int_eq(pay_commit(db, s, NULL), 0);
	sale_free(s);

	/* A disabled manager approves nothing. */
	ck_assert_int_eq(user_disable(db, 1, &admin, 2, NULL), 0);
	s = paid_sale(1);
	ck_assert_int_eq(sale_override_price(s, 0, 1000, NULL), 0);
	s->lines[0].approver_id = 2;
	ck_assert_int_eq(pay_commit(db, s, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "needs a manager"));
	free(cause);
	sale_free(s);
	/* Nor sells. */
	s = paid_sale(2);
	ck_assert_int_eq(pay_commit(db, s, &cause), -1);
	ck_assert_str_eq(cause, "nobody is logged in: log in to sell");
	free(cause);
	sale_free(s);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale"), 3);
	db_close(db);
}
END_TEST

START_TEST(test_pins)
{
	struct db	*db = store();
	struct user	 u;
	struct actor	 ok;
	char		*cause = NULL;
	time_t		 now = time(NULL);
	int		 i;

	/* Hashed with argon2id, never stored as typed. */
	ck_assert_int_eq(sql_int("SELECT count(*) FROM user WHERE pin_hash "
	    "LIKE '$argon2id$%' AND pin_hash NOT LIKE '%1111%'"), 4);
	ck_assert_int_eq(user_login(db, 1, 1, "1111", now, &u, NULL), 0);
	ck_assert_str_eq(u.name, "Anna");
	ck_assert_int_eq(u.role, ROLE_CASHIER);
	user_clear(&u);
	/* Wrong PINs count down, then lock, even the right PIN then. */
	for (i = 1; i < PIN_TRIES; i++) {
		ck_assert_int_eq(user_login(db, 1, 1, "0000", now, &u, &cause),
		    -1);
		ck_assert_ptr_nonnull(strstr(cause, "wrong user number or "
		    "PIN"));
		free(cause);
	}
	ck_assert_int_eq(user_login(db, 1, 1, "0000", now, &u, &cause), -1);
	ck_assert_str_eq(cause, "wrong PIN 5 times: user 1 is locked for 5 "
	    "minutes");
	free(cause);
	ck_assert_int_eq(user_login(db, 1, 1, "1111", now + 60, &u, &cause),
	    -1);
	ck_assert_ptr_nonnull(strstr(cause, "is locked"));
	free(cause);
	/* The lock ends by itself... */
	ck_assert_int_eq(user_login(db, 1, 1, "1111", now + PIN_LOCK_SECS + 1,
	    &u, NULL), 0);
	user_clear(&u);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM access_log WHERE kind "
	    "= 'user_locked' AND user_id = 1"), 1);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM access_log WHERE kind "
	    "= 'pin_failed'"), PIN_TRIES - 1);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM access_log WHERE kind "
	    "= 'login'"), 2);
	/* ...or with a new PIN from the admin; a cashier cannot set one. */
	ck_assert_int_eq(user_set_pin(db, 1, &cashier, 3, "4444", &cause), -1);
	ck_assert_str_eq(cause, "only an admin may manage users");
	free(cause);
	ck_assert_int_eq(user_set_pin(db, 1, &admin, 3, "4444", NULL), 0);
	ck_assert_int_eq(user_login(db, 1, 3, "3333", now, &u, NULL), -1);
	ck_assert_int_eq(user_login(db, 1, 3, "4444", now, &u, NULL), 0);
	user_clear(&u);

	/* An approval: by another user whose role allows it. */
	ck_assert_int_eq(user_approve(db, 1, &cashier, ACT_REFUND, 2, "2222",
	    now, &ok, NULL), 0);
	ck_assert_int_eq(ok.id, 2);
	ck_assert_int_eq(user_approve(db, 1, &cashier, ACT_REFUND, 3, "4444",
	    now, &ok, &cause), -1);
	ck_assert_str_eq(cause, "refund needs a manager; user 3 is a cashier");
	free(cause);
	ck_assert_int_eq(user_approve(db, 1, &manager, ACT_REFUND, 2, "2222",
	    now, &ok, &cause), -1);
	free(cause);
	ck_assert_int_eq(user_approve(db, 1, &cashier, ACT_REFUND, 2, "2223",
	    now, &ok, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "wrong user number or PIN"));
	free(cause);

	/* Bad PINs and a taken number are refused. */
	ck_assert_int_eq(user_add(db, 1, &admin, 0, "X", ROLE_CASHIER, "12",
	    NULL, &cause), -1);
	ck_assert_str_eq(cause, "a PIN is 4 to 12 digits");
	free(cause);
	ck_assert_int_eq(user_add(db, 1, &admin, 1, "X", ROLE_CASHIER, "1234",
	    NULL, &cause), -1);
	ck_assert_str_eq(cause, "user number 1 is taken");
	free(cause);
	ck_assert_int_eq(user_add(db, 1, &manager, 0, "X", ROLE_CASHIER,
	    "1234", NULL, &cause), -1);
	free(cause);
	db_close(db);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("rights");
	TCase	*tc = tcase_create("rights");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_discount_limit);
	tcase_add_test(tc, test_commit_enforces);
	tcase_add_test(tc, test_pins);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
