/*
 * Incidents: what went wrong at the till and what was done about it. A row
 * is written when it happens and never changed; a later word on it is a
 * note of its own that refers to it. The Z report sums them per kind, so
 * the shop can see how often plan B was needed and learn from it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "journal.h"
#include "incident.h"
#include "store.h"
#include "xmalloc.h"

static const char *kinds[] = {
	INCIDENT_PRINTER, INCIDENT_FALLBACK, INCIDENT_UNDELIVERED,
	INCIDENT_DATABASE, INCIDENT_OUTAGE, INCIDENT_NOTE,
};

int
incident_kind_valid(const char *kind)
{
	size_t	i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return (1);
	return (0);
}

/*
 * Record an incident of a till at a time (its business date is that
 * time's day). user and refers_to are 0 for none; *id (may be NULL) gets
 * the new row's id. Runs in the caller's transaction if there is one.
 */
int
incident_add(struct db *db, int64_t till, time_t when, const char *kind,
    const char *detail, int64_t user, int64_t refers_to, int64_t *id,
    char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20], day[11];
	int64_t		 rowid;
	int		 own;

	if (!incident_kind_valid(kind)) {
		set_cause(cause, _("\"%s\" is not a kind of incident"), kind);
		return (-1);
	}
	if (detail == NULL || *detail == '\0') {
		set_cause(cause, _("say what happened: the text is empty"));
		return (-1);
	}
	if (refers_to != 0) {
		st = db_prepare(db, "SELECT 1 FROM incident WHERE id = ?",
		    cause);
		if (st == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, refers_to);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			set_cause(cause, _("there is no incident %lld to refer "
			    "to (kassa incidents lists them)"),
			    (long long)refers_to);
			return (-1);
		}
		sqlite3_finalize(st);
	}
	db_time_text(when, at, sizeof at);
	memcpy(day, at, 10);
	day[10] = '\0';
	/* The incident and its journal entry, in one transaction. */
	own = sqlite3_get_autocommit(db->h);
	if (own && db_begin(db, cause) != 0)
		return (-1);
	st = db_prepare(db, "INSERT INTO incident (till_id, created_at, "
	    "business_date, kind, detail, user_id, refers_to) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, till);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, detail, -1, SQLITE_STATIC);
	if (user != 0)
		sqlite3_bind_int64(st, 6, user);
	if (refers_to != 0)
		sqlite3_bind_int64(st, 7, refers_to);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	rowid = sqlite3_last_insert_rowid(db->h);
	if (journal_append(db, till, "incident", rowid, cause) != 0 ||
	    (own && db_commit(db, cause) != 0))
		goto fail;
	if (id != NULL)
		*id = rowid;
	return (0);
fail:
	if (own)
		db_rollback(db);
	return (-1);
}

/* Incidents of every till from one business date to another (NULL: open). */
int
incident_list(struct db *db, const char *from, const char *to,
    struct incident **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	struct incident	*in;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id, till_id, created_at, business_date, "
	    "kind, detail, coalesce(user_id, 0), coalesce(refers_to, 0) FROM "
	    "incident WHERE (?1 IS NULL OR business_date >= ?1) AND (?2 IS "
	    "NULL OR business_date <= ?2) ORDER BY business_date, created_at, "
	    "id", cause);
	if (st == NULL)
		return (-1);
	if (from != NULL)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	if (to != NULL)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		in = &(*out)[(*n)++];
		memset(in, 0, sizeof *in);
		in->id = sqlite3_column_int64(st, 0);
		in->till = sqlite3_column_int64(st, 1);
		snprintf(in->at, sizeof in->at, "%s", db_text(st, 2));
		snprintf(in->date, sizeof in->date, "%s", db_text(st, 3));
		snprintf(in->kind, sizeof in->kind, "%s", db_text(st, 4));
		in->detail = xstrdup(db_text(st, 5));
		in->user_id = sqlite3_column_int64(st, 6);
		in->refers_to = sqlite3_column_int64(st, 7);
	}
	sqlite3_finalize(st);
	return (0);
}

void
incident_list_free(struct incident *in, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(in[i].detail);
	free(in);
}

/*
 * How many incidents of each kind a till (0: every till) had on a business
 * date, in the order of the kinds above; kinds with none are left out.
 */
int
incident_day_summary(struct db *db, int64_t till, const char *date,
    struct incident_count **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 count;
	size_t		 i;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT count(*) FROM incident WHERE "
	    "business_date = ?1 AND (?2 = 0 OR till_id = ?2) AND kind = ?3",
	    cause);
	if (st == NULL)
		return (-1);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, till);
		sqlite3_bind_text(st, 3, kinds[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			db_cause(db, cause, "cannot count the incidents");
			sqlite3_finalize(st);
			free(*out);
			*out = NULL;
			*n = 0;
			return (-1);
		}
		count = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (count == 0)
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		snprintf((*out)[*n].kind, sizeof (*out)[*n].kind, "%s",
		    kinds[i]);
		(*out)[*n].count = count;
		(*n)++;
	}
	sqlite3_finalize(st);
	return (0);
}
