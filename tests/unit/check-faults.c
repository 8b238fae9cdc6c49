/*
 * A failing disk during a sale's commit, on a real database file: the
 * fault VFS (src/store/db-fault.c) fails the k-th write or sync of the
 * commit with EIO or ENOSPC, for every k the commit has. Each time the sale
 * must be committed completely or not at all, the cashier must get a
 * message that says what happened, and once the disk is back the same
 * connection must commit the sale with the next gap-free number.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "db-fault.h"
#include "db.h"
#include "money.h"
#include "sales.h"
#include "shift.h"
#include "user.h"
#include "unit.h"
#include "xmalloc.h"

static char	 dir[] = "/tmp/kassa-check-faults.XXXXXX";
static char	*template, *path;

static const char catalog_csv[] =
    "gtin,plu,name,price,vat,unit,department\n"
    "6449818992727,,Kevytmaito 1 l,1.25,13.5,pcs,Maito\n"
    ",301,\"Hiustenleikkaus, naiset\",58.00,25.5,pcs,Kampaamo\n";

/* The sale of every case: two lines at two VAT rates, paid in cash. */
static struct sale *
basket(struct db *db)
{
	static const char	*codes[] = { "6449818992727", "301" };
	struct sale		*s = sale_create(0);

	s->user_id = 1;
	struct catalog_item	 it;
	struct sale_item	 si;
	size_t			 i;

	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(catalog_find(db, codes[i], NULL, 0, &it,
		    NULL), 0);
		catalog_item_to_sale(&it, &si);
		ck_assert_int_ge(sale_add_line(s, &si, (int64_t)(i + 1) *
		    QTY_ONE, NULL), 0);
		catalog_item_clear(&it);
	}
	return (s);
}

/* Basket saved, paid, saved again: as the console has it before commit. */
static struct sale *
paid_basket(struct db *db)
{
	struct sale	*s = basket(db);

	ck_assert_int_eq(basket_save(db, 1, s, NULL), 0);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 20000, NULL), 1);
	ck_assert_int_eq(basket_save(db, 1, s, NULL), 0);
	return (s);
}

/* A store with receipt 1 sold, closed so that its WAL is folded in. */
static void
setup(void)
{
	struct import_result	 res;
	struct db		*db;
	struct sale		*s;
	char			*cause = NULL;
	int64_t			 no;

	ck_assert_int_eq(db_fault_install(), 0);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	xasprintf(&template, "%s/template.db", dir);
	xasprintf(&path, "%s/kassa.db", dir);
	ck_assert_msg(db_open(template, DB_OPEN_CREATE, &db, &cause) == 0,
	    "%s", cause);
	ck_assert_int_eq(db_add_vat_rate(db, 2550, NULL), 0);
	ck_assert_int_eq(db_add_vat_rate(db, 1350, NULL), 0);
	ck_assert_int_eq(db_ensure_till(db, 1, "1", NULL), 0);
	ck_assert_msg(catalog_import(db, catalog_csv, strlen(catalog_csv), 0,
	    NULL, 0, &res, &cause) == 0, "%s", cause);
	import_result_clear(&res);
	/* A cashier and her shift: a sale needs both. */
	ck_assert_msg(user_add(db, 1, NULL, 1, "Anna", ROLE_ADMIN, "1111",
	    NULL, &cause) == 0, "%s", cause);
	ck_assert_msg(shift_open(db, 1, 1, NULL, 0, 0, time(NULL), &no,
	    &cause) == 0, "%s", cause);
	s = paid_basket(db);
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no, NULL),
	    0);
	ck_assert_int_eq(no, 1);
	sale_free(s);
	db_close(db);
}

static void
teardown(void)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(template);
	free(path);
	strcpy(dir, "/tmp/kassa-check-faults.XXXXXX");
}

/*
 * Every case starts from the same file, so its writes are the same; the
 * till's journal key goes with it (a sale is signed).
 */
static void
fresh_copy(void)
{
	char	*cmd;

	xasprintf(&cmd, "rm -f '%s' '%s-wal' '%s-shm' && cp '%s' '%s' && "
	    "cp -p '%s.key' '%s.key'", path, path, path, template, path,
	    template, path);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* One figure from the file, read past the fault VFS (the "unix" one). */
static sqlite3_int64
sql_int(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	sqlite3_int64	 v = -1;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE,
	    "unix"), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (v);
}

/* Receipts 1..last are there, each whole: lines, VAT, tender, outbox. */
static void
assert_sales(int64_t last, int64_t total)
{
	char	sql[512];

	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale"), last);
	ck_assert_int_eq(sql_int("SELECT max(receipt_no) FROM sale"), last);
	ck_assert_int_eq(sql_int("SELECT next_receipt FROM till WHERE id = 1"),
	    last + 1);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale s WHERE "
	    "(SELECT count(*) FROM sale_line WHERE sale_id = s.id) != 2 OR "
	    "(SELECT count(*) FROM sale_vat WHERE sale_id = s.id) != 2 OR "
	    "(SELECT sum(amount) FROM sale_tender WHERE sale_id = s.id) != "
	    "s.total OR (SELECT sum(gross) FROM sale_vat WHERE sale_id = "
	    "s.id) != s.total OR (SELECT count(*) FROM outbox WHERE "
	    "sale_id = s.id) != 1"), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sale WHERE total = "
	    "%lld", (long long)total);
	ck_assert_int_eq(sql_int(sql), last);
}

/* The basket as stored is the one that was paid, and it loads. */
static void
assert_basket(const struct sale *want)
{
	struct db	*db;
	struct sale	*s;
	char		*cause = NULL;

	ck_assert_int_eq(sql_int("SELECT count(*) FROM open_basket"), 1);
	ck_assert_msg(db_open(path, DB_OPEN_EXISTING, &db, &cause) == 0, "%s",
	    cause);
	ck_assert_msg(basket_load(db, 1, &s, &cause) == 0, "%s", cause);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->id, want->id);
	ck_assert_uint_eq(s->nlines, 2);
	ck_assert_uint_eq(s->ntenders, 1);
	ck_assert_int_eq(s->total, want->total);
	ck_assert(sale_is_paid(s));
	sale_free(s);
	db_close(db);
}

/*
 * One commit with the from-th op failing (and every later one, as a full
 * disk stays full) until the disk is "back". from 0 only counts.
 */
static void
commit_case(enum db_fault_op op, enum db_fault_kind kind, unsigned from,
    unsigned *writes, unsigned *syncs)
{
	struct db	*db;
	struct sale	*s;
	char		*cause = NULL;
	int64_t		 no = 0;
	int		 rc;
	unsigned	 failed;

	fresh_copy();
	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, NULL), 0);
	s = paid_basket(db);

	db_fault_arm(op, kind, from, 0);
	rc = sale_commit(db, 1, "Anna", s, time(NULL), &no, &cause);
	failed = db_fault_failed();
	if (writes != NULL)
		*writes = db_fault_count(DB_FAULT_WRITE);
	if (syncs != NULL)
		*syncs = db_fault_count(DB_FAULT_SYNC);
	db_fault_disarm();

	/* The fault really happened, and it was not taken for success. */
	ck_assert_uint_eq(failed > 0, from > 0);
	/* A failing disk is a database failure (-2), never a success. */
	ck_assert_msg(rc == (from > 0 ? -2 : 0), "%s %s fault at %u: "
	    "commit returned %d", op == DB_FAULT_WRITE ? "write" : "sync",
	    kind == DB_FAULT_EIO ? "EIO" : "ENOSPC", from, rc);
	if (rc == -2) {
		/* Nothing of the sale, no number taken, the basket kept. */
		ck_assert_ptr_nonnull(cause);
		if (kind == DB_FAULT_ENOSPC)
			ck_assert_msg(strstr(cause, "the disk is full") !=
			    NULL, "%s", cause);
		else
			ck_assert_msg(strstr(cause, "the disk reported an "
			    "error") != NULL, "%s", cause);
		ck_assert_ptr_nonnull(strstr(cause, path));
		ck_assert_ptr_null(strstr(cause, "database error"));
		free(cause);
		cause = NULL;
		assert_sales(1, s->total);
		assert_basket(s);

		/* The disk is back: the same connection commits it. */
		ck_assert_msg(sale_commit(db, 1, "Anna", s, time(NULL), &no,
		    &cause) == 0, "retry: %s", cause);
	}
	ck_assert_int_eq(no, 2);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM open_basket"), 0);
	assert_sales(2, s->total);
	sale_free(s);

	/* And the next sale takes the next number. */
	s = paid_basket(db);
	ck_assert_int_eq(sale_commit(db, 1, "Anna", s, time(NULL), &no, NULL),
	    0);
	ck_assert_int_eq(no, 3);
	assert_sales(3, s->total);
	sale_free(s);
	db_close(db);
}

START_TEST(test_every_write_and_sync_of_a_commit)
{
	static const enum db_fault_kind	 kinds[] = { DB_FAULT_EIO,
					    DB_FAULT_ENOSPC };
	unsigned			 writes, syncs, k, i, again;

	commit_case(DB_FAULT_WRITE, DB_FAULT_EIO, 0, &writes, &syncs);
	/* A commit writes its pages to the WAL and syncs it at least once. */
	ck_assert_uint_ge(writes, 2);
	ck_assert_uint_ge(syncs, 1);
	commit_case(DB_FAULT_WRITE, DB_FAULT_EIO, 0, &again, NULL);
	ck_assert_uint_eq(again, writes);
	for (i = 0; i < 2; i++) {
		for (k = 1; k <= writes; k++)
			commit_case(DB_FAULT_WRITE, kinds[i], k, NULL, NULL);
		for (k = 1; k <= syncs; k++)
			commit_case(DB_FAULT_SYNC, kinds[i], k, NULL, NULL);
	}
	printf("check-faults: a sale commit makes %u writes and %u syncs; "
	    "%u faults injected, each survived\n", writes, syncs,
	    2 * (writes + syncs));
}
END_TEST

START_TEST(test_fault_spec)
{
	struct db_fault_spec	 f;
	char			*cause = NULL;

	ck_assert_int_eq(db_fault_parse("sync:2:enospc", &f, NULL), 0);
	ck_assert_int_eq(f.op, DB_FAULT_SYNC);
	ck_assert_int_eq(f.kind, DB_FAULT_ENOSPC);
	ck_assert_uint_eq(f.from, 2);
	ck_assert_int_eq(db_fault_parse("write:1:eio", &f, NULL), 0);
	ck_assert_int_eq(f.op, DB_FAULT_WRITE);
	ck_assert_int_eq(f.kind, DB_FAULT_EIO);
	ck_assert_int_eq(db_fault_parse("write:0:eio", &f, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "write|sync:K:eio|enospc"));
	free(cause);
	ck_assert_int_eq(db_fault_parse("read:1:eio", &f, NULL), -1);
	ck_assert_int_eq(db_fault_parse("write:1:eio:x", &f, NULL), -1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("faults");
	TCase	*tc = tcase_create("commit");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_write_and_sync_of_a_commit);
	tcase_add_test(tc, test_fault_spec);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
