/*
 * Plan B against real SQLite files: incidents recorded, listed and summed
 * per day; paper slips committed on their own day in the till's receipt
 * sequence, refused when already entered or dated in the future; a CSV
 * file entered whole or not at all; a closed Z completed, never changed.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backfill.h"
#include "catalog.h"
#include "db.h"
#include "incident.h"
#include "money.h"
#include "report.h"
#include "sales.h"
#include "unit.h"
#include "shift.h"
#include "user.h"
#include "xmalloc.h"

static char	 dir[] = "/tmp/kassa-check-planb.XXXXXX";
static char	*path;

static const char catalog_csv[] =
    "gtin,plu,name,price,vat,unit,department\n"
    "6449818992727,,Kevytmaito 1 l,1.25,13.5,pcs,Maito\n"
    ",4,Banaani,1.99,13.5,kg,Hedelmät\n"
    ",301,\"Hiustenleikkaus, naiset\",58.00,25.5,pcs,Kampaamo\n";

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	xasprintf(&path, "%s/kassa.db", dir);
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
}

static void
teardown(void)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(path);
	strcpy(dir, "/tmp/kassa-check-planb.XXXXXX");
}

static struct db *
new_store(void)
{
	struct db		*db;
	struct import_result	 res;
	char			*cause = NULL;

	ck_assert_msg(db_open(path, DB_OPEN_CREATE, &db, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(db_add_vat_rate(db, 2550, NULL), 0);
	ck_assert_int_eq(db_add_vat_rate(db, 1350, NULL), 0);
	ck_assert_int_eq(db_ensure_till(db, 1, "1", NULL), 0);
	ck_assert_int_eq(db_set_setting(db, "store.cash_rounding", "0.05",
	    NULL), 0);
	ck_assert_msg(catalog_import(db, catalog_csv, strlen(catalog_csv), 0,
	    NULL, 0, &res, &cause) == 0, "%s", cause);
	import_result_clear(&res);
	/* Anna, who enters the slips. */
	ck_assert_msg(user_add(db, 1, NULL, 1, "Anna", ROLE_ADMIN, "1111",
	    NULL, &cause) == 0, "%s", cause);
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

static char *
sql_text(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*v = NULL;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (v);
}

static void
sql_exec(const char *sql)
{
	sqlite3	*h;
	char	*err = NULL;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &err) == SQLITE_OK,
	    "%s", err);
	sqlite3_close(h);
}

static time_t
local(const char *date, const char *hm)
{
	time_t	t;

	ck_assert_int_eq(backfill_slip_time(date, hm, &t, NULL), 0);
	return (t);
}

/* A paid slip of two milks and a haircut, paid in cash. */
static struct sale *
slip(struct db *db, time_t when, const char *book, const char *no)
{
	struct sale		*s = sale_create(5);
	struct catalog_item	 it;
	struct sale_item	 si;

	s->user_id = 1;
	ck_assert_int_eq(catalog_find(db, "6449818992727", NULL, 0, &it,
	    NULL), 0);
	catalog_item_to_sale(&it, &si);
	ck_assert_int_ge(sale_add_line(s, &si, 2 * QTY_ONE, NULL), 0);
	catalog_item_clear(&it);
	ck_assert_int_eq(catalog_find(db, "301", NULL, 0, &it, NULL), 0);
	catalog_item_to_sale(&it, &si);
	ck_assert_int_ge(sale_add_line(s, &si, QTY_ONE, NULL), 0);
	catalog_item_clear(&it);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 10000, NULL), 1);
	s->slip_time = (int64_t)when;
	snprintf(s->slip_book, SLIP_MAX, "%s", book);
	snprintf(s->slip_no, SLIP_MAX, "%s", no);
	return (s);
}

START_TEST(test_incidents)
{
	struct db		*db = new_store();
	struct incident		*in;
	struct incident_count	*ic;
	char			*cause = NULL;
	size_t			 n;
	int64_t			 id, note;

	ck_assert_int_eq(incident_add(db, 1, local("2026-01-10", "09:00"),
	    INCIDENT_PRINTER, "receipt 1: printer failed: paper out", 0, 0,
	    &id, NULL), 0);
	ck_assert_int_eq(incident_add(db, 1, local("2026-01-10", "09:01"),
	    INCIDENT_FALLBACK, "receipt 1 went to pdf", 0, 0, NULL, NULL), 0);
	ck_assert_int_eq(incident_add(db, 1, local("2026-01-10", "09:05"),
	    INCIDENT_PRINTER, "receipt 2: printer failed: paper out", 0, 0,
	    NULL, NULL), 0);
	ck_assert_int_eq(incident_add(db, 1, local("2026-01-10", "09:30"),
	    INCIDENT_NOTE, "new paper roll put in", 0, id, &note, NULL), 0);
	ck_assert_int_eq(incident_add(db, 1, local("2026-01-11", "08:00"),
	    INCIDENT_NOTE, "all well", 0, 0, NULL, NULL), 0);

	/* Refused: an unknown kind, an empty text, a note about nothing. */
	ck_assert_int_eq(incident_add(db, 1, time(NULL), "fire", "x", 0, 0,
	    NULL, &cause), -1);
	ck_assert_str_eq(cause, "\"fire\" is not a kind of incident");
	free(cause);
	cause = NULL;
	ck_assert_int_eq(incident_add(db, 1, time(NULL), INCIDENT_NOTE, "", 0,
	    0, NULL, NULL), -1);
	ck_assert_int_eq(incident_add(db, 1, time(NULL), INCIDENT_NOTE, "x", 0,
	    999, NULL, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "no incident 999"));
	free(cause);

	ck_assert_int_eq(incident_list(db, "2026-01-10", "2026-01-10", &in, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(in[0].kind, "printer");
	ck_assert_str_eq(in[0].at, "2026-01-10 09:00:00");
	ck_assert_str_eq(in[3].detail, "new paper roll put in");
	ck_assert_int_eq(in[3].refers_to, id);
	ck_assert_int_eq(in[3].id, note);
	incident_list_free(in, n);
	ck_assert_int_eq(incident_list(db, "2026-01-11", NULL, &in, &n, NULL),
	    0);
	ck_assert_uint_eq(n, 1);
	incident_list_free(in, n);

	ck_assert_int_eq(incident_day_summary(db, 1, "2026-01-10", &ic, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(ic[0].kind, "printer");
	ck_assert_int_eq(ic[0].count, 2);
	ck_assert_str_eq(ic[1].kind, "fallback");
	ck_assert_int_eq(ic[1].count, 1);
	ck_assert_str_eq(ic[2].kind, "note");
	ck_assert_int_eq(ic[2].count, 1);
	free(ic);
	ck_assert_int_eq(incident_day_summary(db, 2, "2026-01-10", &ic, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, 0);
	free(ic);
	db_close(db);
}
END_TEST

START_TEST(test_slip_commit)
{
	struct db		*db = new_store();
	struct sale		*s, *back;
	struct day_report	 r;
	char			*cause = NULL, *txt, *data;
	int64_t			 no;
	time_t			 sold = local("2026-01-10", "14:30");

	/* A sale today (in a shift) takes receipt 1, the slip the next. */
	ck_assert_msg(shift_open(db, 1, 1, NULL, 0, 0, time(NULL), &no,
	    &cause) == 0, "%s", cause);
	s = slip(db, sold, "A", "12");
	s->slip_time = 0;
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no, NULL),
	    0);
	ck_assert_int_eq(no, 1);
	sale_free(s);

	/* The slip survives the open basket's round trip. */
	s = slip(db, sold, "A", "12");
	data = sale_serialize(s);
	back = sale_deserialize(data, NULL);
	free(data);
	ck_assert_ptr_nonnull(back);
	ck_assert_int_eq(back->slip_time, (int64_t)sold);
	ck_assert_str_eq(back->slip_book, "A");
	ck_assert_str_eq(back->slip_no, "12");
	sale_free(back);

	ck_assert_int_eq(basket_save(db, 1, s, NULL), 0);
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no, NULL),
	    0);
	ck_assert_int_eq(no, 2);
	sale_free(s);
	txt = sql_text("SELECT created_at || '|' || business_date || '|' || "
	    "backfill_book || '/' || backfill_no || '|' || (entered_at IS NOT "
	    "NULL) FROM sale WHERE receipt_no = 2");
	ck_assert_str_eq(txt, "2026-01-10 14:30:00|2026-01-10|A/12|1");
	free(txt);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM outbox o JOIN sale s "
	    "ON s.id = o.sale_id WHERE s.receipt_no = 2"), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM open_basket"), 0);

	/* The same slip again is refused, and takes no number. */
	s = slip(db, sold, "A", "12");
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no,
	    &cause), -1);
	ck_assert_msg(strstr(cause, "slip A/12 is already entered: receipt 2 "
	    "of till 1") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	sale_free(s);

	/* So is a slip dated in the future. */
	s = slip(db, time(NULL) + 3600, "A", "13");
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "in the future"));
	free(cause);
	sale_free(s);
	ck_assert_int_eq(sql_int("SELECT next_receipt FROM till"), 3);

	/* The day's report counts it on its own day. */
	ck_assert_int_eq(report_day(db, "2026-01-10", 1, &r, NULL), 0);
	ck_assert_int_eq(r.receipts, 1);
	ck_assert_int_eq(r.backfilled, 1);
	ck_assert_int_eq(r.gross, 2 * 125 + 5800);
	ck_assert_int_eq(r.backfilled_amount, 2 * 125 + 5800);
	report_clear(&r);
	db_close(db);
}
END_TEST

static const char slips_csv[] =
    "date,time,book,slip,code,qty,price,tender,amount\n"
    "2026-01-10,09:12,A,1,6449818992727,2,,cash,\n"
    "2026-01-10,09:12,A,1,301,,,,\n"
    "2026-01-10,10:40,A,2,4,\"0,5\",,card,\n"
    "2026-01-10,11:00,A,3,6449818992727,1,1.00,cash,5.00\n"
    "2026-01-11,08:05,B,1,301,1,50,card,20\n"
    "2026-01-11,08:05,B,1,,,,cash,\n";

START_TEST(test_backfill_file)
{
	struct db		*db = new_store();
	struct backfill_result	 res;
	struct backfill_till	 bt = { 1, "Anna", 1, NULL, 0, NULL, 0 };
	char			*cause = NULL, *txt;

	ck_assert_msg(backfill_import(db, &bt, slips_csv, strlen(slips_csv),
	    0, &res, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(res.rows, 6);
	ck_assert_uint_eq(res.slips, 4);
	ck_assert_int_eq(res.first_receipt, 1);
	ck_assert_int_eq(res.last_receipt, 4);
	/* 2 x 1,25 + 58,00; 0,5 kg x 1,99; 1,00 (price on the slip); 50,00 */
	ck_assert_int_eq(res.total, 6050 + 100 + 100 + 5000);
	ck_assert_uint_eq(res.noutages, 2);
	backfill_result_clear(&res);
	txt = sql_text("SELECT group_concat(business_date || ' ' || "
	    "backfill_book || '/' || backfill_no || ' ' || total || ' ' || "
	    "change, ';') FROM (SELECT * FROM sale ORDER BY receipt_no)");
	ck_assert_str_eq(txt, "2026-01-10 A/1 6050 0;2026-01-10 A/2 100 0;"
	    "2026-01-10 A/3 100 400;2026-01-11 B/1 5000 0");
	free(txt);
	txt = sql_text("SELECT group_concat(type || ' ' || amount, ';') FROM "
	    "sale_tender WHERE sale_id = 4");
	ck_assert_str_eq(txt, "card 2000;cash 3000");
	free(txt);
	ck_assert_int_eq(sql_int("SELECT list_price FROM sale_line WHERE "
	    "sale_id = 3"), 125);
	txt = sql_text("SELECT group_concat(business_date || ' ' || detail, "
	    "';') FROM incident WHERE kind = 'outage'");
	ck_assert_ptr_nonnull(strstr(txt, "2026-01-10 till down: 3 sales "
	    "written on paper from 09:12:00 to 11:00:00"));
	ck_assert_ptr_nonnull(strstr(txt, "2026-01-11 till down: 1 sale "
	    "written on paper from 08:05:00 to 08:05:00"));
	free(txt);

	/* Run again: every slip is refused, nothing is doubled. */
	ck_assert_int_eq(backfill_import(db, &bt, slips_csv, strlen(slips_csv),
	    0, &res, &cause), -1);
	ck_assert_uint_eq(res.nerrors, 4);
	ck_assert_msg(strncmp(res.errors[0], "line 2: slip A/1 is already "
	    "entered: receipt 1 of till 1", 47) == 0, "%s", res.errors[0]);
	ck_assert_ptr_nonnull(strstr(res.errors[3], "line 6: slip B/1"));
	ck_assert_ptr_nonnull(strstr(cause, "nothing was entered"));
	free(cause);
	cause = NULL;
	backfill_result_clear(&res);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale"), 4);
	ck_assert_int_eq(sql_int("SELECT next_receipt FROM till"), 5);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM incident"), 2);
	db_close(db);
}
END_TEST

static const char bad_csv[] =
    "date,time,book,slip,code,qty,tender,amount\n"
    "2026-01-10,09:12,C,1,6449818992727,1,cash,\n"		/* good */
    "2026-02-30,09:12,C,2,6449818992727,1,cash,\n"		/* no day */
    "2026-01-10,25:00,C,3,6449818992727,1,cash,\n"		/* no time */
    "2026-01-10,09:20,C,4,999999,1,cash,\n"			/* unknown */
    "2026-01-10,09:30,C,5,301,1,card,10\n"			/* unpaid */
    "2026-01-10,09:40,C,6,301,1,bitcoin,\n"			/* tender */
    "2099-01-10,09:50,C,7,301,1,cash,\n"			/* future */
    "2026-01-10,10:00,C,1,301,1,cash,\n";			/* again */

START_TEST(test_backfill_errors)
{
	struct db		*db = new_store();
	struct backfill_result	 res;
	struct backfill_till	 bt = { 1, "Anna", 1, NULL, 0, NULL, 0 };
	char			*cause = NULL;
	size_t			 i;
	static const char	*want[] = {
		"line 3: 2026-02-30 is not a day of the calendar",
		"line 4: \"25:00\" is not a time (HH:MM)",
		"line 5: unknown code 999999",
		"line 6: slip C/5 is paid 10.00 of 58.00",
		"line 7: unknown tender \"bitcoin\"",
		"line 8: slip C/7 is dated 2099-01-10 09:50:00, in the future",
		"line 9: slip C/1 appears again (first on line 2)",
	};

	ck_assert_int_eq(backfill_import(db, &bt, bad_csv, strlen(bad_csv), 0,
	    &res, &cause), -1);
	ck_assert_uint_eq(res.nerrors, sizeof want / sizeof want[0]);
	for (i = 0; i < res.nerrors; i++)
		ck_assert_msg(strncmp(res.errors[i], want[i],
		    strlen(want[i])) == 0, "got \"%s\", want \"%s\"",
		    res.errors[i], want[i]);
	free(cause);
	backfill_result_clear(&res);
	/* All or nothing: the good slip is not entered either. */
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale"), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM incident"), 0);
	ck_assert_int_eq(sql_int("SELECT next_receipt FROM till"), 1);
	db_close(db);
}
END_TEST

START_TEST(test_closed_z_gets_addendum)
{
	struct db	*db = new_store();
	struct sale	*s;
	char		*text = NULL, *cause = NULL, *before, *after;
	int64_t		 no;

	/* The day's shift was closed with a Z of what the till knew. */
	sql_exec("INSERT OR IGNORE INTO user (id, name, role, pin_hash, created_at) "
	    "VALUES (1, 'Anna', 'manager', 'x', '2026-01-01 00:00:00');"
	    "INSERT INTO shift (id, till_id, user_id, opened_at, "
	    "business_date, float_amount) VALUES (7, 1, 1, "
	    "'2026-01-10 08:00:00', '2026-01-10', 10000);"
	    "INSERT INTO z_report (id, till_id, z_no, shift_id, business_date, "
	    "created_at, user_id, figures, text) VALUES (3, 1, 1, 7, "
	    "'2026-01-10', '2026-01-10 18:00:00', 1, '{}', 'Z 1 as printed');");
	before = sql_text("SELECT figures || text FROM z_report WHERE id = 3");
	ck_assert_int_eq(backfill_z_addendum(db, 3, money_locale_find("fi_FI"),
	    &text, NULL), 0);
	ck_assert_ptr_null(text);

	s = slip(db, local("2026-01-10", "12:15"), "A", "7");
	ck_assert_msg(sale_commit(db, 1, "Anna", s, time(NULL), &no,
	    &cause) == 0, "%s", cause);
	sale_free(s);
	/* A slip of a day with no Z adds to none. */
	s = slip(db, local("2026-01-09", "12:15"), "A", "6");
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no, NULL),
	    0);
	sale_free(s);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM z_supplement"), 1);
	ck_assert_int_eq(sql_int("SELECT z_report_id FROM z_supplement"), 3);
	ck_assert_int_eq(sql_int("SELECT total FROM z_supplement"), 6050);

	after = sql_text("SELECT figures || text FROM z_report WHERE id = 3");
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	ck_assert_int_eq(backfill_z_addendum(db, 3, money_locale_find("fi_FI"),
	    &text, NULL), 0);
	ck_assert_ptr_nonnull(text);
	ck_assert_msg(strstr(text, "ADDED AFTER THIS Z WAS CLOSED") != NULL &&
	    strstr(text, "Receipt 1, slip A/7") != NULL &&
	    strstr(text, "sold 2026-01-10 12:15") != NULL &&
	    strstr(text, "60,50") != NULL, "%s", text);
	free(text);
	db_close(db);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("planb");
	TCase	*tc = tcase_create("planb");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_incidents);
	tcase_add_test(tc, test_slip_commit);
	tcase_add_test(tc, test_backfill_file);
	tcase_add_test(tc, test_backfill_errors);
	tcase_add_test(tc, test_closed_z_gets_addendum);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
