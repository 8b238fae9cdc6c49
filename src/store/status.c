/*
 * The figures of 'kassa status': how big the database is and whether SQLite
 * finds it sound, and the work a till has left: its open basket, parked
 * baskets, receipts not yet delivered and card payments whose outcome is not
 * settled. Read only; a figure that cannot be read is STATUS_UNKNOWN and the
 * rest are still read, because a support person needs what there is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sales.h"
#include "status.h"
#include "store.h"
#include "xmalloc.h"

/* At most this many problems from quick_check: enough to see what is wrong. */
#define STATUS_CHECK_MAX	"20"

/* Keep the first cause; the later ones are usually the same trouble. */
static void
status_fail(char **cause, char *why)
{
	if (cause != NULL && *cause == NULL)
		*cause = why;
	else
		free(why);
}

static int64_t
file_size(const char *path)
{
	struct stat	sb;

	if (stat(path, &sb) != 0)
		return (0);
	return ((int64_t)sb.st_size);
}

static void
status_files(struct db *db, struct status *s)
{
	char	*wal;

	xasprintf(&wal, "%s-wal", db->path);
	s->wal_bytes = file_size(wal);
	s->size_bytes = file_size(db->path) + s->wal_bytes;
	free(wal);
}

/* "ok", or the problems SQLite found, one a line. */
static char *
status_check(struct db *db)
{
	sqlite3_stmt	*st;
	char		*out = NULL, *tmp;
	const char	*row;
	int		 rc;

	st = db_prepare(db, "PRAGMA quick_check(" STATUS_CHECK_MAX ")", &out);
	if (st == NULL)
		return (out != NULL ? out : xstrdup("quick_check failed"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = db_text(st, 0);
		if (out == NULL)
			out = xstrdup(row);
		else {
			xasprintf(&tmp, "%s\n%s", out, row);
			free(out);
			out = tmp;
		}
	}
	if (rc != SQLITE_DONE) {
		/* Often a damaged page that stops the check itself. */
		xasprintf(&tmp, "%s%s%s", out != NULL ? out : "",
		    out != NULL ? "\n" : "", sqlite3_errmsg(db->h));
		free(out);
		out = tmp;
	}
	sqlite3_finalize(st);
	return (out != NULL ? out : xstrdup("quick_check gave no answer"));
}

/* One count(*) of the till's rows, the till bound as ?1. */
static int64_t
status_count(struct db *db, const char *sql, int64_t till, const char *what,
    char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 n = STATUS_UNKNOWN;
	char		*why = NULL;

	if ((st = db_prepare(db, sql, &why)) == NULL) {
		status_fail(cause, why);
		return (STATUS_UNKNOWN);
	}
	sqlite3_bind_int64(st, 1, till);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else {
		db_cause(db, &why, what);
		status_fail(cause, why);
	}
	sqlite3_finalize(st);
	return (n);
}

static void
status_basket(struct db *db, int64_t till, struct status *s, char **cause)
{
	struct sale	*sale;
	char		*why = NULL;

	s->basket_lines = s->basket_total = STATUS_UNKNOWN;
	if (basket_load(db, till, &sale, &why) != 0) {
		/* A basket, or a table, that cannot be read: not "none". */
		if (why == NULL)
			why = xstrdup("the open basket cannot be read");
		s->has_basket = 1;
		s->basket_error = xstrdup(why);
		status_fail(cause, why);
		return;
	}
	if (sale == NULL)
		return;
	s->has_basket = 1;
	s->basket_lines = (int64_t)sale_active_lines(sale);
	s->basket_total = sale->total;
	sale_free(sale);
}

/*
 * Fill s for the till; returns -1, with the first reason in cause, when any
 * figure could not be read (those are STATUS_UNKNOWN). A quick_check that
 * finds problems is a result, not a failure here: the caller judges it.
 */
int
status_read(struct db *db, int64_t till, struct status *s, char **cause)
{
	char	*first = NULL;

	memset(s, 0, sizeof *s);
	status_files(db, s);
	s->quick_check = status_check(db);
	s->schema_version = db_schema_version(db);
	s->till_known = (int)status_count(db, "SELECT count(*) FROM till "
	    "WHERE id = ?1", till, "cannot read the tills", &first);
	status_basket(db, till, s, &first);
	s->parked_baskets = status_count(db, "SELECT count(*) FROM "
	    "parked_basket WHERE till_id = ?1", till,
	    "cannot count the parked baskets", &first);
	s->unresolved_payments = status_count(db, "SELECT count(*) FROM "
	    "payment_attempt WHERE till_id = ?1 AND state IN "
	    "('pending', 'unknown')", till,
	    "cannot count the payment attempts", &first);
	/* The console's own count, so both say the same. */
	if ((s->receipts_waiting = outbox_waiting(db)) < 0) {
		s->receipts_waiting = STATUS_UNKNOWN;
		status_fail(&first, xstrdup("cannot count the receipts "
		    "waiting"));
	}
	if (first != NULL) {
		if (cause != NULL)
			*cause = first;
		else
			free(first);
		return (-1);
	}
	return (0);
}

void
status_clear(struct status *s)
{
	free(s->quick_check);
	free(s->basket_error);
	memset(s, 0, sizeof *s);
}
