/*
 * The database: one SQLite file per store. Opening sets the pragmas that
 * make a committed sale survive a crash or a power cut (WAL with
 * synchronous=FULL: a COMMIT returns only after the log is on disk), turns
 * on foreign keys, waits for a busy lock rather than failing, and brings the
 * schema up to date, keyed on PRAGMA user_version.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store.h"
#include "xmalloc.h"

#define DB_BUSY_TIMEOUT_MS	5000

void
db_cause(struct db *db, char **cause, const char *what)
{
	int	 code = sqlite3_extended_errcode(db->h);
	char	*why;

	if ((code & 0xff) == SQLITE_FULL)
		xasprintf(&why, _("the disk is full (%s)"), db->path);
	else if ((code & 0xff) == SQLITE_BUSY)
		xasprintf(&why, _("the database is busy; try again"));
	else if ((code & 0xff) == SQLITE_IOERR)
		xasprintf(&why, _("the disk reported an error (%s: %s)"),
		    db->path, sqlite3_errmsg(db->h));
	else
		why = xstrdup(sqlite3_errmsg(db->h));
	/* Without what, the reason alone: the caller says what failed. */
	if (what == NULL)
		set_cause(cause, "%s", why);
	else
		set_cause(cause, _("%s: %s"), what, why);
	free(why);
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql, char **cause)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_cause(db, cause, "database error");
		return (NULL);
	}
	return (st);
}

/* db_exec, saying what failed as what (NULL: the reason alone). */
static int
db_exec_as(struct db *db, const char *sql, const char *what, char **cause)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
		db_cause(db, cause, what);
		return (-1);
	}
	return (0);
}

int
db_exec(struct db *db, const char *sql, char **cause)
{
	return (db_exec_as(db, sql, "database error", cause));
}

/* Step a statement that returns no rows, and finalize it. */
int
db_step_done(struct db *db, sqlite3_stmt *st, char **cause)
{
	int	rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_cause(db, cause, "could not save");
		sqlite3_finalize(st);
		return (-1);
	}
	sqlite3_finalize(st);
	return (0);
}

/* "YYYY-MM-DD HH:MM:SS" in local time: how the store writes every time. */
void
db_time_text(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
}

const char *
db_text(sqlite3_stmt *st, int col)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	return (t != NULL ? (const char *)t : "");
}

/* Create the folders above path, private to the user, like mkdir -p. */
int
db_make_parent(const char *path, char **cause)
{
	char	*copy, *dir, *p;

	/* dirname() may return a static ".", which must not be written. */
	copy = xstrdup(path);
	dir = xstrdup(dirname(copy));
	free(copy);
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				set_cause(cause, _("cannot create %s: %s"), dir,
				    strerror(errno));
				free(dir);
				return (-1);
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	free(dir);
	return (0);
}

/* The one integer a query without parameters returns, or -1. */
int64_t
db_int(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if ((st = db_prepare(db, sql, NULL)) == NULL)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (v);
}

int
db_schema_version(struct db *db)
{
	return ((int)db_int(db, "PRAGMA user_version"));
}

/*
 * Run the sections of data/schema.sql above version 'from'. A section
 * starts at a line "-- @version N".
 */
static int
apply_sections(struct db *db, int from, char **cause)
{
	static const char	 marker[] = "\n-- @version ";
	const char		*p = db_schema_sql, *next;
	char			*chunk;
	int			 v, rc;

	while ((p = strstr(p, marker)) != NULL) {
		p += sizeof marker - 1;
		v = atoi(p);
		next = strstr(p, marker);
		if (v <= from) {
			p = next != NULL ? next : p + strlen(p);
			continue;
		}
		chunk = next != NULL ? xstrndup(p, (size_t)(next - p)) :
		    xstrdup(p);
		/* The marker's own line is a comment once its "--" is gone. */
		rc = db_exec(db, strchr(chunk, '\n') != NULL ?
		    strchr(chunk, '\n') : "", cause);
		free(chunk);
		if (rc != 0)
			return (-1);
		if (next == NULL)
			break;
		p = next;
	}
	return (0);
}

/* The newest version data/schema.sql knows: its last section's. */
static int
schema_latest(void)
{
	static const char	 marker[] = "\n-- @version ";
	const char		*p = db_schema_sql;
	int			 v = 0;

	while ((p = strstr(p, marker)) != NULL) {
		p += sizeof marker - 1;
		if (atoi(p) > v)
			v = atoi(p);
	}
	return (v);
}

static int
db_migrate(struct db *db, char **cause)
{
	const int	 latest = schema_latest();
	int		 v;
	char		 sql[64];

	if ((v = db_schema_version(db)) < 0) {
		db_cause(db, cause, "cannot read the database");
		return (-1);
	}
	if (v > latest) {
		set_cause(cause, _("%s was made by a newer kassa (schema %d; "
		    "this one knows %d)"), db->path, v, latest);
		return (-1);
	}
	if (v == latest)
		return (0);
	if (db_begin(db, cause) != 0)
		return (-1);
	if (apply_sections(db, v, cause) != 0)
		goto fail;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    latest);
	if (db_exec(db, sql, cause) != 0)
		goto fail;
	return (db_commit(db, cause));
fail:
	db_rollback(db);
	return (-1);
}

int
db_open(const char *path, int flags, struct db **out, char **cause)
{
	struct db	*db;
	struct stat	 sb;
	int		 oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
	mode_t		 mask;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (flags != DB_OPEN_CREATE) {
			set_cause(cause, _("there is no database at %s; create "
			    "one with 'kassa init' (or 'kassa init --demo')"),
			    path);
			return (-1);
		}
		if (db_make_parent(path, cause) != 0)
			return (-1);
		oflags |= SQLITE_OPEN_CREATE;
	}
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	mask = umask(077);	/* sales are nobody else's business */
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		umask(mask);
		set_cause(cause, _("cannot open %s: %s"), path,
		    db->h != NULL ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(db);
		return (-1);
	}
	sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
	if (db_exec(db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;", cause) != 0 ||
	    db_migrate(db, cause) != 0) {
		umask(mask);
		db_close(db);
		return (-1);
	}
	umask(mask);
	*out = db;
	return (0);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->h != NULL)
		sqlite3_close(db->h);
	free(db->path);
	free(db);
}

const char *
db_path(const struct db *db)
{
	return (db->path);
}

/* Whether the store has no items and no sales yet. */
int
db_is_empty(struct db *db)
{
	return (db_int(db, "SELECT (SELECT count(*) FROM item) + "
	    "(SELECT count(*) FROM sale)") == 0);
}

/* A write transaction, taken at once so two tills never deadlock. */
int
db_begin(struct db *db, char **cause)
{
	return (db_exec_as(db, "BEGIN IMMEDIATE", NULL, cause));
}

/* Returns only once the transaction is durable (synchronous=FULL). */
int
db_commit(struct db *db, char **cause)
{
	if (db_exec_as(db, "COMMIT", NULL, cause) != 0) {
		db_rollback(db);
		return (-1);
	}
	return (0);
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

/* A store setting, or a copy of def when it is not set. */
char *
db_setting(struct db *db, const char *key, const char *def)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	st = db_prepare(db, "SELECT value FROM setting WHERE key = ?", NULL);
	if (st != NULL) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = xstrdup(db_text(st, 0));
		sqlite3_finalize(st);
	}
	if (v == NULL && def != NULL)
		v = xstrdup(def);
	return (v);
}

int
db_set_setting(struct db *db, const char *key, const char *value,
    char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO setting (key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return (db_step_done(db, st, cause));
}

int
db_add_vat_rate(struct db *db, int32_t bp, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT OR IGNORE INTO vat_rate (rate_bp) "
	    "VALUES (?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int(st, 1, bp);
	return (db_step_done(db, st, cause));
}

int
db_vat_rate_exists(struct db *db, int32_t bp)
{
	sqlite3_stmt	*st;
	int		 found = 0;

	st = db_prepare(db, "SELECT 1 FROM vat_rate WHERE rate_bp = ?", NULL);
	if (st != NULL) {
		sqlite3_bind_int(st, 1, bp);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	return (found);
}

int
db_ensure_till(struct db *db, int64_t id, const char *name, char **cause)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "INSERT INTO till (id, name) VALUES (?, ?) "
	    "ON CONFLICT (id) DO UPDATE SET name = excluded.name", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	return (db_step_done(db, st, cause));
}
