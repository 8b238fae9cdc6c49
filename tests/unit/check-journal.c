/*
 * The journal against real SQLite files: committed sales are journaled in
 * their transaction, the chain verifies, and every way of tampering with
 * plain SQL (the append-only triggers dropped first, as an attacker would)
 * is found with the sequence number of the first break. The hash is
 * computed here again from the layout documented in journal.c, so the
 * layout is what the code does.
 */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"
#include "catalog.h"
#include "backup.h"
#include "db.h"
#include "journal.h"
#include "money.h"
#include "sales.h"
#include "xmalloc.h"

static char	 dir[] = "/tmp/kassa-check-journal.XXXXXX";
static char	*path, *key_path;

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	xasprintf(&path, "%s/kassa.db", dir);
	key_path = journal_key_path(path);
	ck_assert_int_ge(sodium_init(), 0);
}

static void
teardown(void)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(path);
	free(key_path);
	strcpy(dir, "/tmp/kassa-check-journal.XXXXXX");
}

static sqlite3	*raw_open(void);

static struct db *
new_store(void)
{
	struct db	*db;
	sqlite3		*h;
	char		*cause = NULL;

	ck_assert_msg(db_open(path, DB_OPEN_CREATE, &db, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(db_add_vat_rate(db, 2550, NULL), 0);
	ck_assert_int_eq(db_add_vat_rate(db, 1350, NULL), 0);
	ck_assert_int_eq(db_ensure_till(db, 1, "1", NULL), 0);
	/* A seller, written straight in: a user is no journaled record. */
	h = raw_open();
	ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO user (id, name, role, "
	    "pin_hash, created_at) VALUES (1, 'Anna', 'cashier', '-', "
	    "'2026-01-01 00:00:00')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	return (db);
}

/* Sell n pieces of bread and one haircut; returns commit's result. */
static int
sell(struct db *db, int n, char **cause)
{
	struct sale_item	 bread = { 0, "1001", "Ruisleipä", "Leipä",
				    219, 1350, UNIT_PIECE, PRICE_CATALOG };
	struct sale_item	 cut = { 0, "301", "Hiustenleikkaus",
				    "Kampaamo", 5800, 2550, UNIT_PIECE,
				    PRICE_CATALOG };
	struct sale		*s = sale_create(5);
	int64_t			 no;
	int			 rc;

	/*
	 * Training sales: journaled exactly as real ones, but they need no
	 * shift, so the entries here are the sales alone (the shift's own
	 * entries are tested in check-shift and journal.sh).
	 */
	s->user_id = 1;
	s->training = 1;
	ck_assert_int_ge(sale_add_line(s, &bread, n * QTY_ONE, NULL), 0);
	ck_assert_int_ge(sale_add_line(s, &cut, QTY_ONE, NULL), 0);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 10000, NULL), 1);
	rc = sale_commit(db, 1, "Anna", s, time(NULL), &no, cause);
	sale_free(s);
	return (rc);
}

static struct db *
store_with_sales(int n)
{
	struct db	*db = new_store();
	char		*cause = NULL;
	int		 i;

	for (i = 1; i <= n; i++)
		ck_assert_msg(sell(db, i, &cause) == 0, "%s", cause);
	return (db);
}

static sqlite3 *
raw_open(void)
{
	sqlite3	*h;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	return (h);
}

static sqlite3_int64
sql_int(const char *sql)
{
	sqlite3		*h = raw_open();
	sqlite3_stmt	*st;
	sqlite3_int64	 v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (v);
}

static char *
sql_text(sqlite3 *h, const char *sql)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	ck_assert_ptr_nonnull(v);
	return (v);
}

/* What someone with write access to the file does: drop the guards. */
static sqlite3 *
attacker(void)
{
	sqlite3		*h = raw_open();
	sqlite3_stmt	*st;
	char		*drop;

	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master "
	    "WHERE type = 'trigger' AND name LIKE '%_no_%'", -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xasprintf(&drop, "DROP TRIGGER \"%s\"",
		    sqlite3_column_text(st, 0));
		ck_assert_int_eq(sqlite3_exec(h, drop, NULL, NULL, NULL),
		    SQLITE_OK);
		free(drop);
	}
	sqlite3_finalize(st);
	return (h);
}

static void
attack(const char *sql)
{
	sqlite3	*h = attacker();
	char	*err = NULL;

	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &err) == SQLITE_OK,
	    "%s: %s", sql, err);
	sqlite3_close(h);
}

static void
put_u64(crypto_hash_sha256_state *st, uint64_t v)
{
	unsigned char	b[8];
	int		i;

	for (i = 0; i < 8; i++)
		b[i] = (v >> (56 - 8 * i)) & 0xff;
	crypto_hash_sha256_update(st, b, 8);
}

static void
put_str(crypto_hash_sha256_state *st, const char *s)
{
	uint32_t	n = (uint32_t)strlen(s);
	unsigned char	b[4] = { n >> 24, (n >> 16) & 0xff, (n >> 8) & 0xff,
			    n & 0xff };

	crypto_hash_sha256_update(st, b, 4);
	crypto_hash_sha256_update(st, (const unsigned char *)s, n);
}

/* The hash of journal row seq as the layout in journal.c defines it. */
static void
layout_hash(sqlite3 *h, int64_t seq, char out[65])
{
	crypto_hash_sha256_state	 st;
	sqlite3_stmt			*q;
	unsigned char			 prev[32], hash[32];

	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT prev_hash, seq, "
	    "till_id, key_version, created_at, type, ref, content FROM journal "
	    "WHERE seq = ?", -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_int64(q, 1, seq);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	ck_assert_int_eq(sodium_hex2bin(prev, 32,
	    (const char *)sqlite3_column_text(q, 0), 64, NULL, NULL, NULL), 0);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, prev, 32);
	put_u64(&st, (uint64_t)sqlite3_column_int64(q, 1));
	put_u64(&st, (uint64_t)sqlite3_column_int64(q, 2));
	put_u64(&st, (uint64_t)sqlite3_column_int64(q, 3));
	put_str(&st, (const char *)sqlite3_column_text(q, 4));
	put_str(&st, (const char *)sqlite3_column_text(q, 5));
	put_u64(&st, (uint64_t)sqlite3_column_int64(q, 6));
	put_str(&st, (const char *)sqlite3_column_text(q, 7));
	crypto_hash_sha256_final(&st, hash);
	sqlite3_finalize(q);
	sodium_bin2hex(out, 65, hash, 32);
}

/*
 * Rehash the chain from seq on, as someone without the key would after
 * changing an entry: every hash and link right, the signatures not.
 */
static void
rehash_from(sqlite3 *h, int64_t seq)
{
	int64_t		 last = -1, s;
	char		 hash[65], *sql;

	last = 0;
	{
		sqlite3_stmt *q;

		ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT max(seq) FROM "
		    "journal", -1, &q, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
		last = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	for (s = seq; s <= last; s++) {
		layout_hash(h, s, hash);
		xasprintf(&sql, "UPDATE journal SET hash = '%s' WHERE seq = %lld;"
		    "UPDATE journal SET prev_hash = '%s' WHERE seq = %lld",
		    hash, (long long)s, hash, (long long)s + 1);
		ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL),
		    SQLITE_OK);
		free(sql);
	}
}

static void
verify(struct journal_check *c)
{
	struct db	*db;
	char		*cause = NULL;

	ck_assert_msg(db_open(path, DB_OPEN_EXISTING, &db, &cause) == 0, "%s",
	    cause);
	ck_assert_msg(journal_verify(db, c, &cause) == 0, "%s", cause);
	db_close(db);
}

/*
 * A price change is journaled with the import that made it, also as the
 * journal's very first entry (which adopts what was not journaled yet).
 */
START_TEST(test_price_changes)
{
	static const char first[] = "plu,name,price,vat\n1,Omena,3.49,13.5\n"
	    "2,Banaani,1.99,13.5\n";
	static const char second[] = "plu,name,price,vat\n1,Omena,3.29,13.5\n"
	    "2,Banaani,1.99,25.5\n";
	struct import_result	 res;
	struct journal_check	 c;
	struct db		*db = new_store();
	char			*cause = NULL;

	ck_assert_int_eq(db_add_vat_rate(db, 2550, NULL), 0);
	ck_assert_int_eq(catalog_import(db, first, strlen(first), 0, NULL, 0,
	    &res, NULL), 0);
	import_result_clear(&res);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM journal"), 0);
	ck_assert_msg(catalog_import(db, second, strlen(second), 0, NULL, 0,
	    &res, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(res.updated, 2);
	import_result_clear(&res);
	db_close(db);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM journal WHERE type = "
	    "'price_change'"), 2);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM price_change WHERE "
	    "(old_price, new_price) = (349, 329)"), 1);
	verify(&c);
	ck_assert_msg(!c.broken, "%s", c.problem);
	ck_assert_int_eq(c.entries, 2);
	journal_check_clear(&c);
}
END_TEST

START_TEST(test_sales_are_journaled)
{
	struct db		*db = store_with_sales(3);
	struct journal_check	 c;
	struct stat		 sb;
	sqlite3			*h;
	char			 head[65], hash[65], *pk, *stored;
	int64_t			 seq;
	unsigned char		 bpk[32], sig[64], bhash[32];

	ck_assert_int_eq(journal_head(db, 1, &seq, head, NULL), 0);
	ck_assert_int_eq(seq, 3);
	db_close(db);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM journal WHERE type = "
	    "'sale'"), 3);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM journal_key"), 1);
	/* The private key is beside the database, private, and not in it. */
	ck_assert_int_eq(stat(key_path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(sb.st_size, 65);

	verify(&c);
	ck_assert_msg(!c.broken, "%s", c.problem);
	ck_assert_int_eq(c.entries, 3);
	ck_assert_int_eq(c.head_seq, 3);
	ck_assert_str_eq(c.head, head);
	ck_assert_int_eq(c.unguarded, 0);
	journal_check_clear(&c);

	/* The documented layout is what the code hashes and signs. */
	h = raw_open();
	for (seq = 1; seq <= 3; seq++) {
		char *q;

		layout_hash(h, seq, hash);
		xasprintf(&q, "SELECT hash FROM journal WHERE seq = %lld",
		    (long long)seq);
		stored = sql_text(h, q);
		free(q);
		ck_assert_str_eq(hash, stored);
		free(stored);
	}
	ck_assert_str_eq(hash, head);
	pk = sql_text(h, "SELECT public_key FROM journal_key");
	stored = sql_text(h, "SELECT signature FROM journal WHERE seq = 3");
	ck_assert_int_eq(sodium_hex2bin(bpk, 32, pk, 64, NULL, NULL, NULL), 0);
	ck_assert_int_eq(sodium_hex2bin(sig, 64, stored, 128, NULL, NULL,
	    NULL), 0);
	ck_assert_int_eq(sodium_hex2bin(bhash, 32, hash, 64, NULL, NULL, NULL),
	    0);
	ck_assert_int_eq(crypto_sign_verify_detached(sig, bhash, 32, bpk), 0);
	free(pk);
	free(stored);
	/* The first entry links to zeros; the content holds the rows. */
	stored = sql_text(h, "SELECT prev_hash FROM journal WHERE seq = 1");
	ck_assert_str_eq(stored, "0000000000000000000000000000000000000000"
	    "000000000000000000000000");
	free(stored);
	stored = sql_text(h, "SELECT content FROM journal WHERE seq = 2");
	ck_assert_ptr_nonnull(strstr(stored, "{\"sale\":[{\"id\":2,"
	    "\"till_id\":1,\"receipt_no\":2,"));
	ck_assert_ptr_nonnull(strstr(stored, "\"name\":\"Ruisleipä\""));
	ck_assert_msg(strstr(stored, "\"sale_tender\":[{\"sale_id\":2,"
	    "\"seq\":1,\"type\":\"cash\",\"amount\":6240,") != NULL, "%s",
	    stored);
	free(stored);

	/* Honest code cannot rewrite history: the guards refuse. */
	ck_assert_int_ne(sqlite3_exec(h, "UPDATE sale SET total = 1", NULL,
	    NULL, NULL), SQLITE_OK);
	ck_assert_str_eq(sqlite3_errmsg(h), "a committed sale is never changed");
	ck_assert_int_ne(sqlite3_exec(h, "DELETE FROM sale_line", NULL, NULL,
	    NULL), SQLITE_OK);
	ck_assert_int_ne(sqlite3_exec(h, "DELETE FROM journal WHERE seq = 3",
	    NULL, NULL, NULL), SQLITE_OK);
	ck_assert_str_eq(sqlite3_errmsg(h), "the journal is append-only");
	ck_assert_int_ne(sqlite3_exec(h, "UPDATE journal_key SET version = 2",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM journal"), 3);
}
END_TEST

/* Every tampering with plain SQL, and where verify must find it. */
static const struct tamper {
	const char	*what;
	const char	*sql;
	int64_t		 seq;		/* the first bad entry; 0 a record */
	const char	*says;
} tampers[] = {
	{ "a sale's total", "UPDATE sale SET total = total - 100 WHERE id = 2",
	    2, "entry 2: sale 2 was changed in the database" },
	{ "a line", "UPDATE sale_line SET qty = 1000 WHERE sale_id = 3 AND "
	    "line_no = 1", 3, "entry 3: sale 3 was changed" },
	{ "a tender", "UPDATE sale_tender SET type = 'card' WHERE sale_id = 4",
	    4, "entry 4: sale 4 was changed" },
	{ "a deleted sale", "DELETE FROM sale_line WHERE sale_id = 2;"
	    "DELETE FROM sale_vat WHERE sale_id = 2;"
	    "DELETE FROM sale_tender WHERE sale_id = 2;"
	    "DELETE FROM outbox WHERE sale_id = 2;"
	    "DELETE FROM sale WHERE id = 2",
	    2, "entry 2: sale 2 was deleted from the database" },
	{ "a deleted entry", "DELETE FROM journal WHERE seq = 3",
	    3, "entry 3 is missing (deleted): 4 follows 2" },
	{ "the first entry deleted", "DELETE FROM journal WHERE seq = 1",
	    1, "entry 1 is missing (deleted)" },
	{ "the last entry deleted", "DELETE FROM journal WHERE seq = 4",
	    0, "sale 4 is in the database but not in the journal" },
	{ "a sale without an entry", "INSERT INTO sale (id, till_id, "
	    "receipt_no, created_at, created_utc, business_date, store_name, "
	    "store_address, business_id, currency, total, discount_total, "
	    "rounding, change) SELECT 9, till_id, 9, created_at, created_utc, "
	    "business_date, store_name, store_address, business_id, currency, "
	    "total, discount_total, rounding, change FROM sale WHERE id = 1",
	    0, "sale 9 is in the database but not in the journal" },
	{ "two entries swapped", "UPDATE journal SET seq = -1 WHERE seq = 2;"
	    "UPDATE journal SET seq = 2 WHERE seq = 3;"
	    "UPDATE journal SET seq = 3 WHERE seq = -1",
	    2, "entry 2 is out of order (reordered): it belongs after entry 3" },
	{ "an entry's time", "UPDATE journal SET created_at = "
	    "'2001-01-01 00:00:00' WHERE seq = 3",
	    3, "entry 3 was edited: its hash does not match" },
	{ "an entry's content", "UPDATE journal SET content = "
	    "replace(content, '\"total\":', '\"total\":1') WHERE seq = 2",
	    2, "entry 2 was edited" },
	{ "a signature", "UPDATE journal SET signature = (SELECT signature "
	    "FROM journal WHERE seq = 1) WHERE seq = 3",
	    3, "entry 3 has a signature that the till's key did not make" },
	{ "an entry's link", "UPDATE journal SET prev_hash = "
	    "lower(hex(randomblob(32))) WHERE seq = 4",
	    4, "entry 4 does not follow entry 3" },
	{ "a key version", "UPDATE journal SET key_version = 7 WHERE seq = 2",
	    2, "entry 2 was edited" },
};
#define NTAMPERS	(int)(sizeof tampers / sizeof tampers[0])

START_TEST(test_tamper)
{
	const struct tamper	*t = &tampers[_i];
	struct journal_check	 c;

	db_close(store_with_sales(4));
	verify(&c);
	ck_assert_msg(!c.broken, "before %s: %s", t->what, c.problem);
	journal_check_clear(&c);

	attack(t->sql);
	verify(&c);
	ck_assert_msg(c.broken, "%s was not found", t->what);
	ck_assert_msg(c.bad_seq == t->seq, "%s: found at %lld, not %lld (%s)",
	    t->what, (long long)c.bad_seq, (long long)t->seq, c.problem);
	ck_assert_msg(strstr(c.problem, t->says) != NULL, "%s: \"%s\"",
	    t->what, c.problem);
	ck_assert_int_eq(c.unguarded, 1);
	journal_check_clear(&c);
}
END_TEST

/*
 * A sale changed together with its entry's content, and the chain rehashed
 * from there on: every link right, but only the till's key signs.
 */
START_TEST(test_rewrite_without_the_key)
{
	struct journal_check	 c;
	sqlite3			*h;

	db_close(store_with_sales(4));
	h = attacker();
	ck_assert_int_eq(sqlite3_exec(h, "UPDATE sale SET total = 100 WHERE "
	    "id = 2; UPDATE journal SET content = replace(content, "
	    "'\"total\":6238,\"discount_total\"', "
	    "'\"total\":100,\"discount_total\"') WHERE seq = 2", NULL, NULL,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_changes(h), 1);
	rehash_from(h, 2);
	sqlite3_close(h);
	verify(&c);
	ck_assert(c.broken);
	ck_assert_int_eq(c.bad_seq, 2);
	ck_assert_ptr_nonnull(strstr(c.problem, "signature"));
	journal_check_clear(&c);
}
END_TEST

/* A forged sale with its own entry, inserted in the middle of the chain. */
START_TEST(test_forged_entry)
{
	struct journal_check	 c;
	sqlite3			*h;
	unsigned char		 pk[32], sk[64], sig[64], bhash[32];
	char			 hash[65], hex[129], *sql;

	db_close(store_with_sales(4));
	h = attacker();
	ck_assert_int_eq(sqlite3_exec(h,
	    "UPDATE journal SET seq = seq + 100 WHERE seq >= 3;"
	    "UPDATE journal SET seq = seq - 99 WHERE seq >= 100;"
	    "INSERT INTO journal SELECT 3, till_id, created_at, type, 99, "
	    "replace(content, '\"id\":2,', '\"id\":99,'), hash, '', '', "
	    "key_version FROM journal WHERE seq = 2", NULL, NULL, NULL),
	    SQLITE_OK);
	rehash_from(h, 3);
	/* Signed with a key of the attacker's own. */
	crypto_sign_keypair(pk, sk);
	layout_hash(h, 3, hash);
	ck_assert_int_eq(sodium_hex2bin(bhash, 32, hash, 64, NULL, NULL, NULL),
	    0);
	crypto_sign_detached(sig, NULL, bhash, 32, sk);
	sodium_bin2hex(hex, sizeof hex, sig, 64);
	xasprintf(&sql, "UPDATE journal SET signature = '%s' WHERE seq = 3",
	    hex);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	sqlite3_close(h);
	verify(&c);
	ck_assert(c.broken);
	ck_assert_int_eq(c.bad_seq, 3);
	ck_assert_str_eq(c.problem, "entry 3 has a signature that the till's "
	    "key did not make (forged or rewritten)");
	journal_check_clear(&c);
}
END_TEST

START_TEST(test_key_file)
{
	struct db		*db = store_with_sales(1);
	struct journal_check	 c;
	char			*cause = NULL, *moved;
	int			 v;

	/* Readable by others: refused, and the sale is not lost or half. */
	ck_assert_int_eq(chmod(key_path, 0640), 0);
	ck_assert_int_lt(sell(db, 2, &cause), 0);
	ck_assert_msg(strstr(cause, "can be read by other users; make it "
	    "private with 'chmod 600 ") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale"), 1);
	ck_assert_int_eq(chmod(key_path, 0600), 0);
	ck_assert_msg(sell(db, 2, &cause) == 0, "%s", cause);

	/* Lost: refused until a new key is started on purpose. */
	xasprintf(&moved, "%s.old", key_path);
	ck_assert_int_eq(rename(key_path, moved), 0);
	ck_assert_int_lt(sell(db, 3, &cause), 0);
	ck_assert_ptr_nonnull(strstr(cause, "is missing"));
	ck_assert_ptr_nonnull(strstr(cause, "kassa journal new-key"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(sql_int("SELECT count(*) FROM sale"), 2);
	ck_assert_msg(journal_key_new(db, &v, &cause) == 0, "%s", cause);
	ck_assert_int_eq(v, 2);
	ck_assert_int_eq(journal_key_new(db, &v, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "is there already"));
	free(cause);
	cause = NULL;
	ck_assert_msg(sell(db, 3, &cause) == 0, "%s", cause);

	/* Some other key: refused. */
	ck_assert_int_eq(unlink(key_path), 0);
	{
		struct db	*other;
		char		*opath;

		xasprintf(&opath, "%s/other.db", dir);
		ck_assert_int_eq(db_open(opath, DB_OPEN_CREATE, &other, NULL),
		    0);
		ck_assert_int_eq(journal_key_ensure(other, NULL), 0);
		db_close(other);
		free(opath);
		xasprintf(&opath, "%s/other.db.key", dir);
		ck_assert_int_eq(rename(opath, key_path), 0);
		free(opath);
	}
	ck_assert_int_lt(sell(db, 4, &cause), 0);
	ck_assert_ptr_nonnull(strstr(cause, "is not this database's key"));
	free(cause);
	db_close(db);
	free(moved);

	verify(&c);
	ck_assert_msg(!c.broken, "%s", c.problem);
	ck_assert_int_eq(c.entries, 3);
	journal_check_clear(&c);
	ck_assert_int_eq(sql_int("SELECT key_version FROM journal WHERE "
	    "seq = 3"), 2);
}
END_TEST

/*
 * A database with sales from before the journal (schema 2): its records
 * are journaled when the journal starts, before the new one.
 */
START_TEST(test_adopt_older_sales)
{
	extern const char	 db_schema_sql[];
	const char		*v3 = strstr(db_schema_sql, "\n-- @version 3");
	struct journal_check	 c;
	struct db		*db;
	sqlite3			*h;
	char			*old, *cause = NULL;

	old = xstrndup(db_schema_sql, (size_t)(v3 - db_schema_sql));
	h = raw_open();
	ck_assert_int_eq(sqlite3_exec(h, old, NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA user_version = 2;"
	    "INSERT INTO vat_rate VALUES (1350, NULL), (2550, NULL);"
	    "INSERT INTO till (id, name, next_receipt) VALUES (1, '1', 3);"
	    "INSERT INTO sale (id, till_id, receipt_no, created_at, "
	    "created_utc, business_date, store_name, store_address, "
	    "business_id, currency, total, discount_total, rounding, change) "
	    "VALUES (1, 1, 1, '2024-01-01 10:00:00', 1704096000, "
	    "'2024-01-01', 'S', 'A', 'B', 'EUR', 100, 0, 0, 0), "
	    "(2, 1, 2, '2024-01-01 10:05:00', 1704096300, '2024-01-01', 'S', "
	    "'A', 'B', 'EUR', 200, 0, 0, 0)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	free(old);

	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, NULL), 0);
	verify(&c);
	ck_assert(c.broken);
	ck_assert_str_eq(c.problem, "sale 1 is in the database but not in the "
	    "journal (added or changed without it)");
	journal_check_clear(&c);
	/* The upgraded store's first user (kassa user add, no users yet). */
	h = raw_open();
	ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO user (id, name, role, "
	    "pin_hash, created_at) VALUES (1, 'Anna', 'cashier', '-', "
	    "'2026-01-01 00:00:00')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	ck_assert_msg(sell(db, 1, &cause) == 0, "%s", cause);
	db_close(db);
	ck_assert_int_eq(sql_int("SELECT ref FROM journal WHERE seq = 1"), 1);
	ck_assert_int_eq(sql_int("SELECT ref FROM journal WHERE seq = 2"), 2);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM journal"), 3);
	ck_assert_int_eq(sql_int("SELECT ref FROM journal WHERE seq = 3"), 3);
	verify(&c);
	ck_assert_msg(!c.broken, "%s", c.problem);
	ck_assert_int_eq(c.entries, 3);
	journal_check_clear(&c);
}
END_TEST

START_TEST(test_empty_journal)
{
	struct db		*db = new_store();
	struct journal_check	 c;
	char			 head[65];
	int64_t			 seq = -1;

	ck_assert_int_eq(journal_head(db, 1, &seq, head, NULL), 0);
	ck_assert_int_eq(seq, 0);
	ck_assert_str_eq(head, "0000000000000000000000000000000000000000"
	    "000000000000000000000000");
	ck_assert_int_eq(journal_verify(db, &c, NULL), 0);
	ck_assert(!c.broken);
	ck_assert_int_eq(c.entries, 0);
	journal_check_clear(&c);
	/* kassa init makes the key before any sale. */
	ck_assert_int_eq(access(key_path, F_OK), -1);
	ck_assert_int_eq(journal_key_ensure(db, NULL), 0);
	ck_assert_int_eq(access(key_path, F_OK), 0);
	ck_assert_int_eq(journal_key_ensure(db, NULL), 0);
	db_close(db);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM journal_key"), 1);
}
END_TEST

/* A backup holds what the database held, verified; a broken one is kept. */
START_TEST(test_backup)
{
	struct db		*db = store_with_sales(3);
	struct backup_result	 r;
	struct journal_check	 c;
	struct stat		 sb;
	char			*bdir, *cause = NULL, head[65], *keep;
	int64_t			 seq;

	xasprintf(&bdir, "%s/backups/deep", dir);
	ck_assert_msg(backup_run(db, 7, bdir, &r, &cause) == 0, "%s", cause);
	ck_assert_int_eq(journal_head(db, 1, &seq, head, NULL), 0);
	ck_assert_int_eq(r.sales, 3);
	ck_assert_int_eq(r.entries, 3);
	ck_assert_int_eq(r.head_seq, seq);
	ck_assert_str_eq(r.head, head);
	ck_assert_ptr_nonnull(strstr(r.path, "/backups/deep/kassa-till7-"));
	ck_assert_int_eq(stat(r.path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	/* A second backup in the same second gets a name of its own. */
	keep = xstrdup(r.path);
	backup_result_clear(&r);
	ck_assert_int_eq(backup_run(db, 7, bdir, &r, NULL), 0);
	ck_assert_str_ne(r.path, keep);
	backup_result_clear(&r);
	db_close(db);

	/* Restored over the database, it verifies. */
	free(path);
	path = keep;
	verify(&c);
	ck_assert_msg(!c.broken, "%s", c.problem);
	ck_assert_int_eq(c.head_seq, 3);
	ck_assert_str_eq(c.head, head);
	journal_check_clear(&c);
	free(path);
	xasprintf(&path, "%s/kassa.db", dir);

	/* A database whose journal is broken: the copy is kept, and said. */
	attack("UPDATE sale SET total = 5 WHERE id = 1");
	ck_assert_int_eq(db_open(path, DB_OPEN_EXISTING, &db, NULL), 0);
	ck_assert_int_eq(backup_run(db, 7, bdir, &r, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "was written, but the journal "
	    "does not verify: entry 1: sale 1 was changed"));
	free(cause);
	ck_assert_ptr_nonnull(r.path);
	ck_assert_int_eq(access(r.path, F_OK), 0);
	backup_result_clear(&r);
	db_close(db);
	free(bdir);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("journal");
	TCase	*tc = tcase_create("journal");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sales_are_journaled);
	tcase_add_loop_test(tc, test_tamper, 0, NTAMPERS);
	tcase_add_test(tc, test_rewrite_without_the_key);
	tcase_add_test(tc, test_forged_entry);
	tcase_add_test(tc, test_key_file);
	tcase_add_test(tc, test_adopt_older_sales);
	tcase_add_test(tc, test_empty_journal);
	tcase_add_test(tc, test_backup);
	tcase_add_test(tc, test_price_changes);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
