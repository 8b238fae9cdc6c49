/*
 * The journal: every committed record is appended, in the transaction that
 * writes it, as an entry that holds a canonical encoding of the record's
 * rows, the previous entry's hash, its own SHA-256 hash and an ed25519
 * signature of that hash made with the till's key. Verifying walks the
 * chain and encodes every record again from the tables.
 *
 * The hash of entry n is SHA-256 over these bytes, in this order (integers
 * unsigned big-endian, "str" a 4-byte big-endian length then the UTF-8
 * bytes without a NUL):
 *
 *	prev_hash	32 bytes: entry n-1's hash (32 zero bytes for seq 1)
 *	seq		8 bytes
 *	till_id		8 bytes
 *	key_version	8 bytes
 *	created_at	str ("YYYY-MM-DD HH:MM:SS", local time)
 *	type		str ("sale", "shift_open", ...)
 *	ref		8 bytes (the record's id)
 *	content		str
 *
 * and the signature is crypto_sign_detached() over the 32 hash bytes. The
 * table stores both as lowercase hex.
 *
 * The content of a record is a JSON object with one member per part of the
 * record (see specs[] below), in the spec's order; each member is an array
 * of the part's rows in the spec's ORDER BY; a row is an object of its
 * columns in the table's column order, NULL columns left out (so a column
 * added later as NULL leaves older records' encodings as they were).
 * Integers are written in decimal, text as a JSON string in which '"',
 * '\\' and the bytes below 0x20 are escaped (\" \\ \u00XX) and all else is
 * copied as it is, a blob as a string of lowercase hex, a real with %.17g.
 * No spaces anywhere.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "journal.h"
#include "store.h"
#include "xmalloc.h"

#define HASH_LEN	crypto_hash_sha256_BYTES
#define HEX_HASH	(2 * HASH_LEN + 1)

/* The rows of one part of a record; ?1 is the record's id. */
struct journal_part {
	const char	*name;
	const char	*sql;
};

/*
 * A kind of record: its parts (the first is the record's own row, which
 * must exist) and the query of every id that must have an entry.
 * Others add their kinds here; the rows they cover must never change.
 */
struct journal_spec {
	const char		*type;
	const char		*ids;
	struct journal_part	 parts[5];
};

static const struct journal_spec specs[] = {
	{ "sale", "SELECT id FROM sale", {
		{ "sale", "SELECT * FROM sale WHERE id = ?1" },
		{ "sale_line", "SELECT * FROM sale_line WHERE sale_id = ?1 "
		    "ORDER BY line_no" },
		{ "sale_vat", "SELECT * FROM sale_vat WHERE sale_id = ?1 "
		    "ORDER BY rate_bp" },
		{ "sale_tender", "SELECT * FROM sale_tender WHERE "
		    "sale_id = ?1 ORDER BY seq" } } },
	{ "shift_open", "SELECT id FROM shift", {
		{ "shift", "SELECT * FROM shift WHERE id = ?1" },
		{ "cash_count", "SELECT * FROM cash_count WHERE shift_id = ?1 "
		    "AND stage = 'open' ORDER BY denomination" } } },
	{ "shift_close", "SELECT shift_id AS id FROM shift_close", {
		{ "shift_close", "SELECT * FROM shift_close WHERE "
		    "shift_id = ?1" },
		{ "cash_count", "SELECT * FROM cash_count WHERE shift_id = ?1 "
		    "AND stage = 'close' ORDER BY denomination" } } },
	{ "z_report", "SELECT id FROM z_report", {
		{ "z_report", "SELECT * FROM z_report WHERE id = ?1" } } },
	{ "cash_movement", "SELECT id FROM cash_movement", {
		{ "cash_movement", "SELECT * FROM cash_movement WHERE "
		    "id = ?1" } } },
	{ "till_event", "SELECT id FROM till_event", {
		{ "till_event", "SELECT * FROM till_event WHERE id = ?1" } } },
	{ "incident", "SELECT id FROM incident", {
		{ "incident", "SELECT * FROM incident WHERE id = ?1" } } },
	{ "price_change", "SELECT id FROM price_change", {
		{ "price_change", "SELECT * FROM price_change WHERE id = ?1" }
	} },
};
#define NSPECS	(sizeof specs / sizeof specs[0])

/*
 * Journal the price changes not journaled yet (the database writes them
 * itself, by a trigger on item), in the caller's transaction. One at a
 * time: the first entry of a new journal adopts every record not yet
 * journaled, these among them.
 */
int
journal_price_changes(struct db *db, int64_t till, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	int		 rc = 0;

	while (rc == 0) {
		st = db_prepare(db, "SELECT id FROM price_change WHERE id NOT IN "
		    "(SELECT ref FROM journal WHERE type = 'price_change') "
		    "ORDER BY id LIMIT 1", cause);
		if (st == NULL)
			return (-1);
		id = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		if (id == 0)
			break;
		rc = journal_append(db, till, "price_change", id, cause);
	}
	return (rc);
}

/* The triggers that keep honest code from rewriting history. */
static const char *const guards[] = {
	"journal_no_update", "journal_no_delete", "journal_key_no_update",
	"journal_key_no_delete", "sale_no_update", "sale_no_delete",
	"sale_line_no_update", "sale_line_no_delete", "sale_vat_no_update",
	"sale_vat_no_delete", "sale_tender_no_update", "sale_tender_no_delete",
};

static const struct journal_spec *
spec_find(const char *type)
{
	size_t	i;

	for (i = 0; i < NSPECS; i++)
		if (strcmp(specs[i].type, type) == 0)
			return (&specs[i]);
	return (NULL);
}

static void
put_string(FILE *f, const char *s, size_t n)
{
	size_t	i;

	fputc('"', f);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void
put_value(FILE *f, sqlite3_stmt *st, int col)
{
	const unsigned char	*b;
	int			 i, n;

	switch (sqlite3_column_type(st, col)) {
	case SQLITE_INTEGER:
		fprintf(f, "%lld", (long long)sqlite3_column_int64(st, col));
		break;
	case SQLITE_FLOAT:
		fprintf(f, "%.17g", sqlite3_column_double(st, col));
		break;
	case SQLITE_BLOB:
		b = sqlite3_column_blob(st, col);
		n = sqlite3_column_bytes(st, col);
		fputc('"', f);
		for (i = 0; i < n; i++)
			fprintf(f, "%02x", b[i]);
		fputc('"', f);
		break;
	default:
		b = sqlite3_column_text(st, col);
		n = sqlite3_column_bytes(st, col);
		put_string(f, (const char *)b, (size_t)n);
		break;
	}
}

/*
 * Encode a record's rows. Returns 0 with *out set, 1 when the record's own
 * row is not there, -1 on a database error.
 */
static int
encode(struct db *db, const struct journal_spec *sp, int64_t ref, char **out,
    char **cause)
{
	const struct journal_part	*p;
	sqlite3_stmt			*st;
	FILE				*f;
	char				*buf = NULL;
	size_t				 len = 0, i;
	int				 rc = 0, rows, col, ncol, first;

	*out = NULL;
	if ((f = open_memstream(&buf, &len)) == NULL)
		fatalx("open_memstream: %s", strerror(errno));
	fputc('{', f);
	for (i = 0; i < sizeof sp->parts / sizeof sp->parts[0]; i++) {
		p = &sp->parts[i];
		if (p->name == NULL)
			break;
		if ((st = db_prepare(db, p->sql, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, ref);
		fprintf(f, "%s", i == 0 ? "" : ",");
		put_string(f, p->name, strlen(p->name));
		fputs(":[", f);
		rows = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			fputs(rows++ == 0 ? "{" : ",{", f);
			ncol = sqlite3_column_count(st);
			first = 1;
			for (col = 0; col < ncol; col++) {
				const char *name = sqlite3_column_name(st, col);

				if (sqlite3_column_type(st, col) == SQLITE_NULL)
					continue;
				if (!first)
					fputc(',', f);
				first = 0;
				put_string(f, name, strlen(name));
				fputc(':', f);
				put_value(f, st, col);
			}
			fputc('}', f);
		}
		fputc(']', f);
		if (rc != SQLITE_DONE) {
			db_cause(db, cause, "cannot read the record");
			sqlite3_finalize(st);
			rc = -1;
			break;
		}
		sqlite3_finalize(st);
		rc = 0;
		if (i == 0 && rows == 0) {
			rc = 1;
			break;
		}
	}
	fputc('}', f);
	fclose(f);
	if (rc != 0) {
		free(buf);
		return (rc);
	}
	*out = buf;
	return (0);
}

static void
put_u64(crypto_hash_sha256_state *h, uint64_t v)
{
	unsigned char	b[8];
	int		i;

	for (i = 7; i >= 0; i--) {
		b[i] = v & 0xff;
		v >>= 8;
	}
	crypto_hash_sha256_update(h, b, sizeof b);
}

static void
put_str(crypto_hash_sha256_state *h, const char *s)
{
	size_t		n = strlen(s);
	unsigned char	b[4];

	b[0] = (n >> 24) & 0xff;
	b[1] = (n >> 16) & 0xff;
	b[2] = (n >> 8) & 0xff;
	b[3] = n & 0xff;
	crypto_hash_sha256_update(h, b, sizeof b);
	crypto_hash_sha256_update(h, (const unsigned char *)s, n);
}

/* The hash of an entry, by the layout at the top of this file. */
static void
entry_hash(const unsigned char prev[HASH_LEN], int64_t seq, int64_t till,
    int64_t key_version, const char *at, const char *type, int64_t ref,
    const char *content, unsigned char out[HASH_LEN])
{
	crypto_hash_sha256_state	h;

	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, prev, HASH_LEN);
	put_u64(&h, (uint64_t)seq);
	put_u64(&h, (uint64_t)till);
	put_u64(&h, (uint64_t)key_version);
	put_str(&h, at);
	put_str(&h, type);
	put_u64(&h, (uint64_t)ref);
	put_str(&h, content);
	crypto_hash_sha256_final(&h, out);
}

/* Exactly 2n hex digits into n bytes. */
static int
from_hex(const char *hex, unsigned char *bin, size_t n)
{
	size_t	got;

	if (strlen(hex) != 2 * n)
		return (-1);
	if (sodium_hex2bin(bin, n, hex, 2 * n, NULL, &got, NULL) != 0 ||
	    got != n)
		return (-1);
	return (0);
}

char *
journal_key_path(const char *db_path)
{
	char	*p;

	xasprintf(&p, "%s.key", db_path);
	return (p);
}

static int
key_count(struct db *db)
{
	return ((int)db_int(db, "SELECT count(*) FROM journal_key"));
}

/* Write a new key file; it must not exist. */
static int
key_create(const char *path, char **cause)
{
	unsigned char	seed[crypto_sign_SEEDBYTES];
	char		hex[2 * crypto_sign_SEEDBYTES + 2];
	size_t		n;
	int		fd, rc = 0;

	randombytes_buf(seed, sizeof seed);
	sodium_bin2hex(hex, sizeof hex - 1, seed, sizeof seed);
	sodium_memzero(seed, sizeof seed);
	n = strlen(hex);
	hex[n++] = '\n';
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		set_cause(cause, _("cannot create the till's key %s: %s"), path,
		    strerror(errno));
		sodium_memzero(hex, sizeof hex);
		return (-1);
	}
	if (write(fd, hex, n) != (ssize_t)n || fsync(fd) != 0) {
		set_cause(cause, _("cannot write the till's key %s: %s"), path,
		    strerror(errno));
		rc = -1;
	}
	sodium_memzero(hex, sizeof hex);
	if (close(fd) != 0 && rc == 0) {
		set_cause(cause, _("cannot write the till's key %s: %s"), path,
		    strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlink(path);
	return (rc);
}

/*
 * Read a key file. Returns 0, or 1 when there is none, or -1 when it is
 * unusable (readable by others, damaged).
 */
static int
key_read(const char *path, unsigned char pk[crypto_sign_PUBLICKEYBYTES],
    unsigned char sk[crypto_sign_SECRETKEYBYTES], char **cause)
{
	unsigned char	seed[crypto_sign_SEEDBYTES];
	char		hex[2 * crypto_sign_SEEDBYTES + 8];
	struct stat	sb;
	ssize_t		n;
	int		fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		if (errno == ENOENT)
			return (1);
		set_cause(cause, _("cannot read the till's key %s: %s"), path,
		    strerror(errno));
		return (-1);
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		set_cause(cause, _("the till's key %s is not a file"), path);
		close(fd);
		return (-1);
	}
	if ((sb.st_mode & 077) != 0) {
		set_cause(cause, _("the till's key %s can be read by other "
		    "users; make it private with 'chmod 600 %s'"), path, path);
		close(fd);
		return (-1);
	}
	n = read(fd, hex, sizeof hex - 1);
	close(fd);
	if (n < 0)
		n = 0;
	hex[n] = '\0';
	hex[strcspn(hex, "\r\n")] = '\0';
	if (from_hex(hex, seed, sizeof seed) != 0) {
		sodium_memzero(hex, sizeof hex);
		set_cause(cause, _("the till's key %s is damaged; restore it "
		    "or start a new key with 'kassa journal new-key'"), path);
		return (-1);
	}
	sodium_memzero(hex, sizeof hex);
	crypto_sign_seed_keypair(pk, sk, seed);
	sodium_memzero(seed, sizeof seed);
	return (0);
}

/* The version of a registered public key, or 0. */
static int
key_version_of(struct db *db, const unsigned char *pk, char **cause)
{
	char		 hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
	sqlite3_stmt	*st;
	int		 v = 0, rc;

	sodium_bin2hex(hex, sizeof hex, pk, crypto_sign_PUBLICKEYBYTES);
	st = db_prepare(db, "SELECT version FROM journal_key WHERE "
	    "public_key = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else if (rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the journal's keys");
		v = -1;
	}
	sqlite3_finalize(st);
	return (v);
}

static int
key_register(struct db *db, const unsigned char *pk, int *version,
    char **cause)
{
	char		 hex[2 * crypto_sign_PUBLICKEYBYTES + 1], now[20];
	sqlite3_stmt	*st;
	int		 rc;

	sodium_bin2hex(hex, sizeof hex, pk, crypto_sign_PUBLICKEYBYTES);
	db_time_text(time(NULL), now, sizeof now);
	st = db_prepare(db, "INSERT INTO journal_key (version, public_key, "
	    "created_at) VALUES ((SELECT coalesce(max(version), 0) + 1 FROM "
	    "journal_key), ?, ?) RETURNING version", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		db_cause(db, cause, "cannot save the journal's key");
		return (-1);
	}
	return (0);
}

/*
 * The till's signing key and its version, made on first need: a database
 * with no key yet gets one; a key file that the database does not know is
 * refused, as is a missing one once the database has keys.
 */
static int
key_load(struct db *db, unsigned char sk[crypto_sign_SECRETKEYBYTES],
    int *version, char **cause)
{
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES];
	char		*path;
	int		 rc, n;

	if (sodium_init() < 0)
		fatalx("libsodium cannot start");
	path = journal_key_path(db->path);
	if ((n = key_count(db)) < 0) {
		db_cause(db, cause, "cannot read the journal's keys");
		free(path);
		return (-1);
	}
	rc = key_read(path, pk, sk, cause);
	if (rc == 1 && n == 0) {
		if (key_create(path, cause) != 0) {
			free(path);
			return (-1);
		}
		rc = key_read(path, pk, sk, cause);
	} else if (rc == 1) {
		set_cause(cause, _("the till's key %s is missing; put it back "
		    "from where it was kept, or start a new key with 'kassa "
		    "journal new-key'"), path);
		free(path);
		return (-1);
	}
	if (rc != 0) {
		free(path);
		return (-1);
	}
	if ((*version = key_version_of(db, pk, cause)) == 0) {
		if (n == 0)
			rc = key_register(db, pk, version, cause);
		else {
			set_cause(cause, _("the till's key %s is not this "
			    "database's key; put the right one back, or move "
			    "it away and start a new key with 'kassa journal "
			    "new-key'"), path);
			rc = -1;
		}
	} else if (*version < 0)
		rc = -1;
	if (rc != 0)
		sodium_memzero(sk, crypto_sign_SECRETKEYBYTES);
	free(path);
	return (rc);
}

int
journal_key_ensure(struct db *db, char **cause)
{
	unsigned char	sk[crypto_sign_SECRETKEYBYTES];
	int		version, rc;

	rc = key_load(db, sk, &version, cause);
	sodium_memzero(sk, sizeof sk);
	return (rc);
}

int
journal_key_new(struct db *db, int *version, char **cause)
{
	unsigned char	 pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char	 sk[crypto_sign_SECRETKEYBYTES];
	char		*path;
	int		 rc;

	if (sodium_init() < 0)
		fatalx("libsodium cannot start");
	path = journal_key_path(db->path);
	rc = key_read(path, pk, sk, NULL);
	sodium_memzero(sk, sizeof sk);
	if (rc != 1) {
		set_cause(cause, _("%s is there already; a new key is only "
		    "for a till whose key is lost (move the old one away "
		    "first)"), path);
		free(path);
		return (-1);
	}
	if (key_create(path, cause) != 0 ||
	    key_read(path, pk, sk, cause) != 0) {
		free(path);
		return (-1);
	}
	sodium_memzero(sk, sizeof sk);
	free(path);
	if (db_begin(db, cause) != 0)
		return (-1);
	if (key_register(db, pk, version, cause) != 0) {
		db_rollback(db);
		return (-1);
	}
	return (db_commit(db, cause));
}

/* The newest entry's seq and hash (0 and zeros when there is none). */
static int
head_raw(struct db *db, int64_t *seq, unsigned char hash[HASH_LEN],
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*seq = 0;
	memset(hash, 0, HASH_LEN);
	st = db_prepare(db, "SELECT seq, hash FROM journal ORDER BY seq DESC "
	    "LIMIT 1", cause);
	if (st == NULL)
		return (-1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		if (from_hex(db_text(st, 1), hash, HASH_LEN) != 0) {
			set_cause(cause, _("journal entry %lld is damaged; run "
			    "'kassa journal verify'"), (long long)*seq);
			rc = SQLITE_ERROR;
		} else
			rc = SQLITE_DONE;
	} else if (rc != SQLITE_DONE)
		db_cause(db, cause, "cannot read the journal");
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

int
journal_head(struct db *db, int64_t till, int64_t *seq, char hash[65],
    char **cause)
{
	unsigned char	h[HASH_LEN];

	(void)till;
	if (head_raw(db, seq, h, cause) != 0)
		return (-1);
	sodium_bin2hex(hash, 65, h, HASH_LEN);
	return (0);
}

/* Append one entry, the key at hand. */
static int
append_one(struct db *db, int64_t till, const struct journal_spec *sp,
    int64_t ref, const unsigned char *sk, int version, char **cause)
{
	unsigned char	 prev[HASH_LEN], hash[HASH_LEN];
	unsigned char	 sig[crypto_sign_BYTES];
	char		 prev_hex[HEX_HASH], hash_hex[HEX_HASH];
	char		 sig_hex[2 * crypto_sign_BYTES + 1], now[20];
	char		*content;
	sqlite3_stmt	*st;
	int64_t		 seq;
	int		 rc;

	if ((rc = encode(db, sp, ref, &content, cause)) != 0) {
		if (rc == 1)
			set_cause(cause, _("cannot journal %s %lld: it is not "
			    "in the database"), sp->type, (long long)ref);
		return (-1);
	}
	if (head_raw(db, &seq, prev, cause) != 0) {
		free(content);
		return (-1);
	}
	seq++;
	db_time_text(time(NULL), now, sizeof now);
	entry_hash(prev, seq, till, version, now, sp->type, ref, content,
	    hash);
	crypto_sign_detached(sig, NULL, hash, sizeof hash, sk);
	sodium_bin2hex(prev_hex, sizeof prev_hex, prev, sizeof prev);
	sodium_bin2hex(hash_hex, sizeof hash_hex, hash, sizeof hash);
	sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sizeof sig);

	st = db_prepare(db, "INSERT INTO journal (seq, till_id, created_at, "
	    "type, ref, content, prev_hash, hash, signature, key_version) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL) {
		free(content);
		return (-1);
	}
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int64(st, 2, till);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, sp->type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, ref);
	sqlite3_bind_text(st, 6, content, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, prev_hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, hash_hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, sig_hex, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, version);
	rc = db_step_done(db, st, cause);
	free(content);
	return (rc);
}

/* The query of the ids of a kind that have no entry, oldest first. */
static char *
missing_sql(const struct journal_spec *sp)
{
	char	*sql;

	xasprintf(&sql, "SELECT id FROM (%s) WHERE id NOT IN "
	    "(SELECT ref FROM journal WHERE type = ?1) ORDER BY id", sp->ids);
	return (sql);
}

/*
 * A database that had records before it had a journal (made by an older
 * kassa): its records are journaled when the journal starts, all but the
 * one being appended, which follows them.
 */
static int
adopt(struct db *db, int64_t till, const struct journal_spec *skip_sp,
    int64_t skip_ref, const unsigned char *sk, int version, char **cause)
{
	sqlite3_stmt	*st;
	char		*sql;
	size_t		 i;
	int64_t		 id;
	int		 rc;

	for (i = 0; i < NSPECS; i++) {
		sql = missing_sql(&specs[i]);
		st = db_prepare(db, sql, cause);
		free(sql);
		if (st == NULL)
			return (-1);
		sqlite3_bind_text(st, 1, specs[i].type, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			if (&specs[i] == skip_sp && id == skip_ref)
				continue;
			if (append_one(db, till, &specs[i], id, sk, version,
			    cause) != 0) {
				sqlite3_finalize(st);
				return (-1);
			}
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			db_cause(db, cause, "cannot read the records");
			return (-1);
		}
	}
	return (0);
}

int
journal_append(struct db *db, int64_t till, const char *type, int64_t id,
    char **cause)
{
	const struct journal_spec	*sp;
	unsigned char			 sk[crypto_sign_SECRETKEYBYTES];
	int				 version, rc;

	if ((sp = spec_find(type)) == NULL)
		fatalx("journal_append: no spec for type %s", type);
	if (key_load(db, sk, &version, cause) != 0)
		return (-1);
	rc = 0;
	if (db_int(db, "SELECT EXISTS (SELECT 1 FROM journal)") == 0)
		rc = adopt(db, till, sp, id, sk, version, cause);
	if (rc == 0)
		rc = append_one(db, till, sp, id, sk, version, cause);
	sodium_memzero(sk, sizeof sk);
	return (rc);
}

void
journal_check_clear(struct journal_check *c)
{
	free(c->problem);
	memset(c, 0, sizeof *c);
}

static void
broken(struct journal_check *c, int64_t seq, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
broken(struct journal_check *c, int64_t seq, const char *fmt, ...)
{
	va_list	ap;

	if (c->broken)
		return;
	c->broken = 1;
	c->bad_seq = seq;
	va_start(ap, fmt);
	xvasprintf(&c->problem, fmt, ap);
	va_end(ap);
}

/* The seq of the entry whose hash is this, or 0. */
static int64_t
seq_of_hash(struct db *db, const char *hash)
{
	sqlite3_stmt	*st;
	int64_t		 seq = 0;

	st = db_prepare(db, "SELECT seq FROM journal WHERE hash = ? LIMIT 1",
	    NULL);
	if (st == NULL)
		return (0);
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (seq);
}

struct verify_key {
	int		version;
	unsigned char	pk[crypto_sign_PUBLICKEYBYTES];
};

static int
load_keys(struct db *db, struct verify_key **keys, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*keys = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT version, public_key FROM journal_key",
	    cause);
	if (st == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*keys = xreallocarray(*keys, *n + 1, sizeof **keys);
		(*keys)[*n].version = sqlite3_column_int(st, 0);
		if (from_hex(db_text(st, 1), (*keys)[*n].pk,
		    crypto_sign_PUBLICKEYBYTES) != 0)
			(*keys)[*n].version = -1;	/* never matches */
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the journal's keys");
		free(*keys);
		return (-1);
	}
	return (0);
}

/* Check one entry's record against the tables. */
static int
verify_record(struct db *db, struct journal_check *c, int64_t seq,
    const char *type, int64_t ref, const char *content, char **cause)
{
	const struct journal_spec	*sp;
	char				*now;
	int				 rc;

	if ((sp = spec_find(type)) == NULL) {
		broken(c, seq, _("entry %lld has an unknown type \"%s\""),
		    (long long)seq, type);
		return (0);
	}
	if ((rc = encode(db, sp, ref, &now, cause)) < 0)
		return (-1);
	if (rc == 1)
		broken(c, seq, _("entry %lld: %s %lld was deleted from the "
		    "database"), (long long)seq, type, (long long)ref);
	else if (strcmp(now, content) != 0)
		broken(c, seq, _("entry %lld: %s %lld was changed in the "
		    "database after it was journaled"), (long long)seq, type,
		    (long long)ref);
	free(now);
	return (0);
}

/* Every record that must be journaled is. */
static int
verify_coverage(struct db *db, struct journal_check *c, char **cause)
{
	sqlite3_stmt	*st;
	char		*sql;
	size_t		 i;
	int		 rc;

	for (i = 0; i < NSPECS && !c->broken; i++) {
		sql = missing_sql(&specs[i]);
		st = db_prepare(db, sql, cause);
		free(sql);
		if (st == NULL)
			return (-1);
		sqlite3_bind_text(st, 1, specs[i].type, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			broken(c, 0, _("%s %lld is in the database but not in "
			    "the journal (added or changed without it)"),
			    specs[i].type,
			    (long long)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			db_cause(db, cause, "cannot read the records");
			return (-1);
		}
	}
	return (0);
}

static int	verify_snapshot(struct db *, struct journal_check *, char **);

/*
 * Verify in one read transaction: the chain and the tables are seen as of
 * one moment, so a sale or an incident committed by another process while
 * verify runs is neither half seen nor taken for a record never journaled.
 */
int
journal_verify(struct db *db, struct journal_check *c, char **cause)
{
	int	own = sqlite3_get_autocommit(db->h), rc;

	if (own && db_exec(db, "BEGIN DEFERRED", cause) != 0)
		return (-1);
	rc = verify_snapshot(db, c, cause);
	if (own)
		db_exec(db, "COMMIT", NULL);
	return (rc);
}

static int
verify_snapshot(struct db *db, struct journal_check *c, char **cause)
{
	struct verify_key	*keys = NULL;
	sqlite3_stmt		*st;
	unsigned char		 prev[HASH_LEN], hash[HASH_LEN];
	unsigned char		 stored[HASH_LEN], sig[crypto_sign_BYTES];
	char			 prev_hex[HEX_HASH];
	const char		*type, *at, *content, *link, *hhex;
	size_t			 nkeys, i;
	int64_t			 seq, expect = 1, till, ref, kv, other;
	int			 rc, found;

	memset(c, 0, sizeof *c);
	if (sodium_init() < 0)
		fatalx("libsodium cannot start");
	if (load_keys(db, &keys, &nkeys, cause) != 0)
		return (-1);
	for (i = 0; i < sizeof guards / sizeof guards[0]; i++) {
		st = db_prepare(db, "SELECT 1 FROM sqlite_master WHERE "
		    "type = 'trigger' AND name = ?", NULL);
		if (st == NULL)
			break;
		sqlite3_bind_text(st, 1, guards[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			c->unguarded = 1;
		sqlite3_finalize(st);
	}
	memset(prev, 0, sizeof prev);
	st = db_prepare(db, "SELECT seq, till_id, created_at, type, ref, "
	    "content, prev_hash, hash, signature, key_version FROM journal "
	    "ORDER BY seq", cause);
	if (st == NULL) {
		free(keys);
		return (-1);
	}
	while (!c->broken && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		seq = sqlite3_column_int64(st, 0);
		till = sqlite3_column_int64(st, 1);
		at = db_text(st, 2);
		type = db_text(st, 3);
		ref = sqlite3_column_int64(st, 4);
		content = db_text(st, 5);
		link = db_text(st, 6);
		hhex = db_text(st, 7);
		kv = sqlite3_column_int64(st, 9);
		c->entries++;

		if (seq != expect) {
			if (expect == 1)
				broken(c, 1, _("entry 1 is missing (deleted): "
				    "the journal starts at %lld"),
				    (long long)seq);
			else
				broken(c, expect, _("entry %lld is missing "
				    "(deleted): %lld follows %lld"),
				    (long long)expect, (long long)seq,
				    (long long)expect - 1);
			break;
		}
		sodium_bin2hex(prev_hex, sizeof prev_hex, prev, sizeof prev);
		if (strcmp(link, prev_hex) != 0) {
			other = seq_of_hash(db, link);
			if (other != 0 && other != seq - 1)
				broken(c, seq, _("entry %lld is out of order "
				    "(reordered): it belongs after entry %lld"),
				    (long long)seq, (long long)other);
			else
				broken(c, seq, _("entry %lld does not follow "
				    "entry %lld (inserted or edited)"),
				    (long long)seq, (long long)seq - 1);
			break;
		}
		entry_hash(prev, seq, till, kv, at, type, ref, content, hash);
		if (from_hex(hhex, stored, sizeof stored) != 0 ||
		    memcmp(hash, stored, sizeof hash) != 0) {
			broken(c, seq, _("entry %lld was edited: its hash does "
			    "not match what it holds"), (long long)seq);
			break;
		}
		found = 0;
		for (i = 0; i < nkeys; i++) {
			if (keys[i].version != kv)
				continue;
			found = 1;
			if (from_hex(db_text(st, 8), sig, sizeof sig) != 0 ||
			    crypto_sign_verify_detached(sig, hash, sizeof hash,
			    keys[i].pk) != 0)
				found = -1;
			break;
		}
		if (found == 0)
			broken(c, seq, _("entry %lld is signed with key %lld, "
			    "which the database does not have"),
			    (long long)seq, (long long)kv);
		else if (found < 0)
			broken(c, seq, _("entry %lld has a signature that the "
			    "till's key did not make (forged or rewritten)"),
			    (long long)seq);
		if (c->broken)
			break;
		if (verify_record(db, c, seq, type, ref, content, cause) != 0) {
			sqlite3_finalize(st);
			free(keys);
			return (-1);
		}
		memcpy(prev, hash, sizeof prev);
		c->head_seq = seq;
		sodium_bin2hex(c->head, sizeof c->head, hash, sizeof hash);
		expect++;
	}
	sqlite3_finalize(st);
	free(keys);
	if (!c->broken && rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the journal");
		return (-1);
	}
	if (c->head_seq == 0)
		sodium_bin2hex(c->head, sizeof c->head, prev, sizeof prev);
	if (!c->broken && verify_coverage(db, c, cause) != 0)
		return (-1);
	return (0);
}

int
journal_walk(struct db *db, int64_t from, int64_t limit, journal_entry_cb cb,
    void *arg, char **cause)
{
	struct journal_entry	 e;
	sqlite3_stmt		*st;
	int			 rc;

	st = db_prepare(db, "SELECT seq, till_id, created_at, type, ref, "
	    "hash, key_version, content FROM journal WHERE seq >= ? "
	    "ORDER BY seq LIMIT ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&e, 0, sizeof e);
		e.seq = sqlite3_column_int64(st, 0);
		e.till = sqlite3_column_int64(st, 1);
		snprintf(e.created_at, sizeof e.created_at, "%s",
		    db_text(st, 2));
		snprintf(e.type, sizeof e.type, "%s", db_text(st, 3));
		e.ref = sqlite3_column_int64(st, 4);
		snprintf(e.hash, sizeof e.hash, "%s", db_text(st, 5));
		e.key_version = sqlite3_column_int(st, 6);
		e.content = db_text(st, 7);
		if (cb(&e, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the journal");
		return (-1);
	}
	return (0);
}
