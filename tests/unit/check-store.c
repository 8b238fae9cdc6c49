/*
 * Storage against real SQLite files on disk: pragmas and schema, the
 * catalog import with its errors, look-ups, search, the open basket, the
 * commit with gap-free receipt numbers, and the day's figures.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "unit.h"
#include "db.h"
#include "money.h"
#include "report.h"
#include "sales.h"
#include "user.h"
#include "shift.h"
#include "xmalloc.h"

static char	 dir[] = "/tmp/kassa-check-store.XXXXXX";
static char	*path;

static const struct instore_rule rules[] = {
	{ 20, 22, INSTORE_PRICE, 5, 5, 2, 0 },
	{ 23, 24, INSTORE_WEIGHT, 5, 5, 3, 0 },
};

static const char catalog_csv[] =
    "gtin,plu,name,price,vat,unit,department\n"
    "6449818992727,,Kevytmaito 1 l,1.25,13.5,pcs,Maito\n"
    "6479602783736 6403602061686,,Ruisleipä 500 g,2.19,13.5,pcs,Leipä\n"
    "64368641,,Jogurtti 150 g,0.89,13.5,pcs,Maito\n"
    "042100005264,,Purukumi,1.50,13.5,pcs,Makeiset\n"
    ",4,Banaani,1.99,13.5,kg,Hedelmät\n"
    ",10001,Naudan sisäfilee,54.90,13.5,kg,Liha\n"
    ",11001,\"Omenapiirakka, oma leipomo\",6.90,13.5,pcs,Leipä\n"
    ",301,\"Hiustenleikkaus, naiset\",58.00,25.5,pcs,Kampaamo\n";

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	xasprintf(&path, "%s/sub/kassa.db", dir);
}

static void
teardown(void)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(path);
	strcpy(dir, "/tmp/kassa-check-store.XXXXXX");
}

/* Admin 9, cashier 1 (Anna, PIN 1111), manager 2 (Mikko, PIN 2222). */
static void
add_users(struct db *db)
{
	struct actor	 admin = { 9, ROLE_ADMIN };
	char		*cause = NULL;

	ck_assert_msg(user_add(db, 1, NULL, 9, "Admin", ROLE_ADMIN, "9999",
	    NULL, &cause) == 0, "%s", cause);
	ck_assert_int_eq(user_add(db, 1, &admin, 1, "Anna", ROLE_CASHIER,
	    "1111", NULL, NULL), 0);
	ck_assert_int_eq(user_add(db, 1, &admin, 2, "Mikko", ROLE_MANAGER,
	    "2222", NULL, NULL), 0);
}

static struct db *
new_store(void)
{
	struct db	*db;
	char		*cause = NULL;
	struct import_result res;

	ck_assert_msg(db_open(path, DB_OPEN_CREATE, &db, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(db_add_vat_rate(db, 2550, NULL), 0);
	ck_assert_int_eq(db_add_vat_rate(db, 1350, NULL), 0);
	ck_assert_int_eq(db_add_vat_rate(db, 1000, NULL), 0);
	ck_assert_int_eq(db_add_vat_rate(db, 0, NULL), 0);
	ck_assert_int_eq(db_ensure_till(db, 1, "1", NULL), 0);
	ck_assert_int_eq(db_set_setting(db, "store.name", "Testikauppa",
	    NULL), 0);
	ck_assert_msg(catalog_import(db, catalog_csv, strlen(catalog_csv), 0,
	    rules, 2, &res, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(res.inserted, 8);
	import_result_clear(&res);
	add_users(db);
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

/* A sale needs an open shift, and a shift a user (add_users: Anna). */
static void
open_shift(struct db *db)
{
	char	*cause = NULL;
	int64_t	 id;

	ck_assert_msg(shift_open(db, 1, 1, NULL, 0, 10000, time(NULL), &id,
	    &cause) == 0, "%s", cause);
}

START_TEST(test_open_and_pragmas)
{
	struct db	*db;
	char		*cause = NULL;

	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "kassa init"));
	free(cause);
	ck_assert_int_eq(db_open(path, DB_OPEN_CREATE, &db, NULL), 0);
	ck_assert_int_eq(db_schema_version(db), 3);
	db_close(db);
	ck_assert_int_eq(access(path, F_OK), 0);
	ck_assert_int_eq(sql_int("PRAGMA user_version"), 3);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM pragma_journal_mode "
	    "WHERE journal_mode = 'wal'"), 1);
	/* Opening again migrates nothing and loses nothing. */
	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, NULL), 0);
	ck_assert_int_eq(db_set_setting(db, "k", "v", NULL), 0);
	db_close(db);
	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, NULL), 0);
	cause = db_setting(db, "k", NULL);
	ck_assert_str_eq(cause, "v");
	free(cause);
	db_close(db);
	/* A database from a newer kassa is refused, not damaged. */
	ck_assert_int_eq(sql_int("PRAGMA user_version = 99"), -1);
	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "newer kassa"));
	free(cause);
}
END_TEST

/* A database of schema 1, as kassa 0.1 made it, is brought up to date. */
START_TEST(test_migrate_from_v1)
{
	extern const char	 db_schema_sql[];
	const char		*v2 = strstr(db_schema_sql, "\n-- @version 2");
	sqlite3			*h;
	struct db		*db;
	char			*v1, *cmd;

	ck_assert_ptr_nonnull(v2);
	v1 = xstrndup(db_schema_sql, (size_t)(v2 - db_schema_sql));
	xasprintf(&cmd, "mkdir -p '%s/sub'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, v1, NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA user_version = 1;"
	    "INSERT INTO vat_rate VALUES (1350, NULL);"
	    "INSERT INTO item (plu, name, price, vat_bp) VALUES "
	    "('1', 'Old item', 100, 1350)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	free(v1);

	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, NULL), 0);
	ck_assert_int_eq(db_schema_version(db), 3);
	ck_assert_uint_eq(catalog_count(db), 1);
	db_close(db);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM outbox"), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM pragma_table_info("
	    "'sale_line') WHERE name = 'list_price'"), 1);
	/* Version 3: the old item has a stock, the old sales a kind. */
	ck_assert_int_eq(sql_int("SELECT stock FROM item WHERE plu = '1'"), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM pragma_table_info("
	    "'sale') WHERE name = 'kind'"), 1);
}
END_TEST

START_TEST(test_import_errors_import_nothing)
{
	static const char bad[] =
	    "gtin;plu;name;price;vat;unit;department\r\n"
	    "6449818992727;;Good row;1,00;13.5;pcs;A\r\n"
	    "6449818992728;;Bad check digit;1,00;13.5;pcs;A\r\n"
	    "6449818992727;;Duplicate code;1,00;13.5;pcs;A\r\n"
	    "64368641;;No price;;13.5;pcs;A\r\n"
	    "73513537;;Unknown VAT;1,00;24;pcs;A\r\n"
	    ";77;Bad unit;1,00;13.5;litre;A\r\n"
	    ";;No code;1,00;13.5;pcs;A\r\n"
	    "2000000000015;;In-store range;1,00;13.5;pcs;A\r\n"
	    ";79;\"Two\nlines\";1,00;13.5;pcs;A\r\n"
	    ";78;Too few fields;1,00\r\n"
	    "2312345012341;;In-store, wrong check digit;1,00;13.5;pcs;A\r\n";
	static const char *expect[] = {
	    "line 3: GTIN \"6449818992728\" has a wrong check digit (expected 7)",
	    "line 4: duplicate GTIN 6449818992727 (also on line 2)",
	    "line 5: the price is missing",
	    "line 6: unknown VAT rate 24 % (the store has no such rate)",
	    "line 7: unknown unit \"litre\" (pcs or kg)",
	    "line 8: the item has neither a GTIN nor a PLU, so it could never "
	    "be sold",
	    "line 9: GTIN 2000000000015 falls in the in-store range 20-22, so a "
	    "scan would read it as a price or weight label",
	    "line 10: the name or department has a line break, a control "
	    "character or is not UTF-8",
	    "line 12: 4 fields where the header has 7 (a separator too many or "
	    "too few?)",
	    /* The range is named even when the check digit is wrong too. */
	    "line 13: GTIN 2312345012341 falls in the in-store range 23-24, so a "
	    "scan would read it as a price or weight label",
	};
	struct import_result	 res;
	struct db		*db = new_store();
	char			*cause = NULL;
	size_t			 i;

	ck_assert_int_eq(catalog_import(db, bad, strlen(bad), 0, rules, 2, &res,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "nothing was imported"));
	free(cause);
	ck_assert_uint_eq(res.nerrors, sizeof expect / sizeof expect[0]);
	for (i = 0; i < res.nerrors; i++)
		ck_assert_str_eq(res.errors[i], expect[i]);
	import_result_clear(&res);
	/* Nothing changed: the first row would have renamed the milk. */
	ck_assert_uint_eq(catalog_count(db), 8);
	db_close(db);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM item WHERE name = "
	    "'Good row'"), 0);

	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, NULL), 0);
	ck_assert_int_eq(catalog_import(db, bad, strlen(bad), 1, rules, 2, &res,
	    NULL), 0);
	ck_assert_uint_eq(res.updated, 1);
	ck_assert_uint_eq(res.inserted, 0);
	ck_assert_uint_eq(res.invalid, 10);
	import_result_clear(&res);
	db_close(db);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM item WHERE name = "
	    "'Good row'"), 1);
}
END_TEST

START_TEST(test_import_header_errors)
{
	static const char bad[] = "gtin,name,prize,vat\n1,a,1,0\n";
	static const char none[] = "";
	struct import_result	 res;
	struct db		*db = new_store();
	char			*cause = NULL;

	ck_assert_int_eq(catalog_import(db, bad, strlen(bad), 1, rules, 2, &res,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(res.errors[0], "unknown column \"prize\""));
	free(cause);
	import_result_clear(&res);
	ck_assert_int_eq(catalog_import(db, none, 0, 0, rules, 2, &res,
	    &cause), -1);
	ck_assert_str_eq(cause, "the file is empty");
	free(cause);
	import_result_clear(&res);
	db_close(db);
}
END_TEST

START_TEST(test_export_import_identity)
{
	struct import_result	 res;
	struct db		*db = new_store(), *db2;
	char			*a = NULL, *b = NULL, *p2;
	size_t			 alen, blen;
	FILE			*f;

	f = open_memstream(&a, &alen);
	ck_assert_int_eq(catalog_export(db, f, NULL), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(a, "gtin,plu,name,price,vat,unit,"
	    "department,active,stocked\n"));
	ck_assert_ptr_nonnull(strstr(a, "6479602783736 6403602061686,,"
	    "Ruisleipä 500 g,2.19,13.5,pcs,Leipä,1,1\n"));
	ck_assert_ptr_nonnull(strstr(a, ",11001,\"Omenapiirakka, oma "
	    "leipomo\",6.90,13.5,pcs,Leipä,1,1\n"));
	/* Importing the export into the same store changes nothing... */
	ck_assert_int_eq(catalog_import(db, a, alen, 0, rules, 2, &res, NULL), 0);
	ck_assert_uint_eq(res.updated, 8);
	ck_assert_uint_eq(res.inserted, 0);
	import_result_clear(&res);
	/* ...and into an empty one gives the same export back. */
	xasprintf(&p2, "%s/two.db", dir);
	ck_assert_int_eq(db_open(p2, DB_OPEN_CREATE, &db2, NULL), 0);
	db_add_vat_rate(db2, 1350, NULL);
	db_add_vat_rate(db2, 2550, NULL);
	ck_assert_int_eq(catalog_import(db2, a, alen, 0, rules, 2, &res, NULL), 0);
	import_result_clear(&res);
	f = open_memstream(&b, &blen);
	ck_assert_int_eq(catalog_export(db2, f, NULL), 0);
	fclose(f);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	free(p2);
	db_close(db2);
	db_close(db);
}
END_TEST

static void
find(struct db *db, const char *code, const char *name, int64_t price,
    int64_t qty)
{
	struct catalog_item	 it;
	char			*cause = NULL;

	ck_assert_msg(catalog_find(db, code, rules, 2, &it, &cause) == 0,
	    "%s: %s", code, cause);
	ck_assert_str_eq(it.name, name);
	ck_assert_int_eq(it.price, price);
	ck_assert_int_eq(it.qty, qty);
	catalog_item_clear(&it);
}

static void
not_found(struct db *db, const char *code, const char *msg)
{
	struct catalog_item	 it;
	char			*cause = NULL;
	int			 want = strncmp(msg, "unknown", 7) == 0 ?
				    CATALOG_UNKNOWN : -1;

	ck_assert_int_eq(catalog_find(db, code, rules, 2, &it, &cause), want);
	ck_assert_str_eq(cause, msg);
	free(cause);
}

START_TEST(test_lookup)
{
	struct db	*db = new_store();

	find(db, "6449818992727", "Kevytmaito 1 l", 125, 0);
	find(db, "06449818992727", "Kevytmaito 1 l", 125, 0);	/* GTIN-14 */
	find(db, "6403602061686", "Ruisleipä 500 g", 219, 0);	/* second */
	find(db, "64368641", "Jogurtti 150 g", 89, 0);		/* EAN-8 */
	find(db, "04252614", "Purukumi", 150, 0);		/* UPC-E */
	find(db, "4", "Banaani", 199, 0);			/* PLU */
	find(db, "301", "Hiustenleikkaus, naiset", 5800, 0);
	/* 23 10001 01250 5: 1,250 kg of beef at the counter. */
	find(db, "2310001012505", "Naudan sisäfilee", 5490, 1250);
	/* 20 11001 00590 x: an apple pie priced 5,90 by the store. */
	find(db, "2011001005909", "Omenapiirakka, oma leipomo", 590, 0);
	not_found(db, "999", "unknown code 999");
	not_found(db, "6449818992728", "6449818992728 has a wrong check "
	    "digit: scan it again or type it carefully");
	not_found(db, "12a", "\"12a\" is not a code: type digits, or scan");
	not_found(db, "2399999012506", "in-store code 2399999012506: no "
	    "item number 99999 in the catalog");
	db_close(db);
}
END_TEST

START_TEST(test_search)
{
	struct db		*db = new_store();
	struct catalog_item	*items;
	size_t			 n, i;

	ck_assert_int_eq(catalog_search(db, "ruisl", 10, &items, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(items[0].name, "Ruisleipä 500 g");
	catalog_item_clear(&items[0]);
	free(items);
	/* Accents ignored, words in any order, FTS syntax inert. */
	ck_assert_int_eq(catalog_search(db, "naiset hiusten", 10, &items, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 1);
	catalog_item_clear(&items[0]);
	free(items);
	ck_assert_int_eq(catalog_search(db, "RUISLEIPA", 10, &items, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(items[0].name, "Ruisleipä 500 g");
	for (i = 0; i < n; i++)
		catalog_item_clear(&items[i]);
	free(items);
	ck_assert_int_eq(catalog_search(db, "\"OR* NEAR(", 10, &items, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 0);
	free(items);
	db_close(db);
}
END_TEST

static struct sale *
basket(struct db *db)
{
	struct sale		*s = sale_create(5);
	struct catalog_item	 it;
	struct sale_item	 si;

	s->user_id = 1;

	ck_assert_int_eq(catalog_find(db, "6449818992727", rules, 2, &it,
	    NULL), 0);
	catalog_item_to_sale(&it, &si);
	ck_assert_int_ge(sale_add_line(s, &si, 2 * QTY_ONE, NULL), 0);
	catalog_item_clear(&it);
	ck_assert_int_eq(catalog_find(db, "301", rules, 2, &it, NULL), 0);
	catalog_item_to_sale(&it, &si);
	ck_assert_int_ge(sale_add_line(s, &si, QTY_ONE, NULL), 0);
	catalog_item_clear(&it);
	return (s);
}

START_TEST(test_basket_survives_reopen)
{
	struct db	*db = new_store();
	struct sale	*s = basket(db), *back;

	ck_assert_int_eq(basket_save(db, 1, s, NULL), 0);
	db_close(db);
	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, NULL), 0);
	ck_assert_int_eq(basket_load(db, 1, &back, NULL), 0);
	ck_assert_ptr_nonnull(back);
	ck_assert_uint_eq(back->nlines, 2);
	ck_assert_int_eq(back->total, 250 + 5800);
	sale_free(back);
	ck_assert_int_eq(basket_load(db, 2, &back, NULL), 0);
	ck_assert_ptr_null(back);
	sale_free(s);
	db_close(db);
}
END_TEST

START_TEST(test_commit_numbers_and_report)
{
	struct db		*db = new_store();
	struct sale		*s, *loaded;
	struct sale_header	 h;
	struct vat_summary	 vs;
	struct day_report	 r;
	char			*cause = NULL, day[11];
	time_t			 now = time(NULL);
	int64_t			 no = 0;
	int			 i;

	/* An unpaid sale takes no number. */
	s = basket(db);
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, now, &no, &cause), -1);
	ck_assert_str_eq(cause, "the sale is not paid");
	free(cause);
	/* Nor a paid one while no shift is open, and it loses nothing. */
	ck_assert_int_eq(basket_save(db, 1, s, NULL), 0);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 10000, NULL), 1);
	cause = NULL;
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, now, &no, &cause), -1);
	ck_assert_str_eq(cause, "no shift is open on this till: open a shift "
	    "first (kassa shift open)");
	free(cause);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale"), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM open_basket"), 1);
	sale_free(s);
	s = basket(db);
	open_shift(db);
	for (i = 1; i <= 3; i++) {
		if (i > 1)
			s = basket(db);
		ck_assert_int_eq(basket_save(db, 1, s, NULL), 0);
		ck_assert_int_eq(sale_add_tender(s, i == 2 ? TENDER_CARD :
		    TENDER_CASH, i == 2 ? s->total : 10000, NULL), 1);
		ck_assert_int_eq(sale_commit(db, 1, "Anna", s, now, &no, NULL),
		    0);
		ck_assert_int_eq(no, i);
		sale_free(s);
	}
	/* The open basket went with the commit. */
	ck_assert_int_eq(basket_load(db, 1, &s, NULL), 0);
	ck_assert_ptr_null(s);

	ck_assert_int_eq(sale_load(db, 1, 2, &loaded, &h, &vs, NULL), 0);
	ck_assert_str_eq(h.store_name, "Testikauppa");
	ck_assert_str_eq(h.cashier, "Anna");
	ck_assert_int_eq(loaded->total, 6050);
	ck_assert_int_eq(loaded->ntenders, 1);
	ck_assert_int_eq(loaded->tenders[0].type, TENDER_CARD);
	ck_assert_uint_eq(vs.n, 2);
	ck_assert_int_eq(vs.sums[0].gross + vs.sums[1].gross, 6050);
	sale_free(loaded);
	sale_header_clear(&h);
	vat_summary_clear(&vs);
	ck_assert_int_eq(sale_load(db, 1, 4, &loaded, &h, &vs, &cause), -1);
	ck_assert_str_eq(cause, "there is no receipt 4 on till 1");
	free(cause);

	strftime(day, sizeof day, "%Y-%m-%d", localtime(&now));
	ck_assert_int_eq(report_day(db, day, 0, &r, NULL), 0);
	ck_assert_int_eq(r.receipts, 3);
	ck_assert_int_eq(r.first_receipt, 1);
	ck_assert_int_eq(r.last_receipt, 3);
	ck_assert_int_eq(r.gross, 3 * 6050);
	ck_assert_int_eq(r.rounding, 0);
	ck_assert_uint_eq(r.vat.n, 2);
	ck_assert_int_eq(r.vat.sums[0].rate_bp, 2550);
	ck_assert_int_eq(r.vat.sums[0].gross, 3 * 5800);
	ck_assert_int_eq(r.vat.sums[1].gross, 3 * 250);
	ck_assert_uint_eq(r.ntenders, 2);
	ck_assert_str_eq(r.tenders[0].type, "card");
	ck_assert_int_eq(r.tenders[0].amount, 6050);
	ck_assert_str_eq(r.tenders[1].type, "cash");
	ck_assert_int_eq(r.tenders[1].amount, 2 * 6050);
	report_clear(&r);
	ck_assert_int_eq(report_day(db, "2001-01-01", 0, &r, NULL), 0);
	ck_assert_int_eq(r.receipts, 0);
	report_clear(&r);
	db_close(db);
	ck_assert_int_eq(sql_int("SELECT next_receipt FROM till WHERE id = 1"),
	    4);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale WHERE shift_id = "
	    "(SELECT id FROM shift)"), 3);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("store");
	TCase	*tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_open_and_pragmas);
	tcase_add_test(tc, test_migrate_from_v1);
	tcase_add_test(tc, test_import_errors_import_nothing);
	tcase_add_test(tc, test_import_header_errors);
	tcase_add_test(tc, test_export_import_identity);
	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_search);
	tcase_add_test(tc, test_basket_survives_reopen);
	tcase_add_test(tc, test_commit_numbers_and_report);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
