/*
 * Customers: a name, and a phone and an email when the customer gives
 * them. A sale may name one (sale.customer_id), so its receipt can go to
 * the customer's email and a salon can see a client's earlier visits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "customer.h"
#include "i18n.h"
#include "store.h"
#include "xmalloc.h"

/* An address a receipt can be sent to: something@something, no blanks. */
int
customer_email_valid(const char *s)
{
	const char	*at = strchr(s, '@');

	return (at != NULL && at != s && at[1] != '\0' &&
	    strpbrk(s, " <>,;\t") == NULL);
}

int
customer_add(struct db *db, const char *name, const char *phone,
    const char *email, int64_t *id, char **cause)
{
	sqlite3_stmt	*st;
	char		 at[20];

	*id = 0;
	if (name == NULL || name[strspn(name, " ")] == '\0') {
		set_cause(cause, _("a customer needs a name"));
		return (-1);
	}
	if (email != NULL && *email != '\0' && !customer_email_valid(email)) {
		set_cause(cause, _("\"%s\" is not an email address"), email);
		return (-1);
	}
	db_time_text(time(NULL), at, sizeof at);
	st = db_prepare(db, "INSERT INTO customer (name, phone, email, "
	    "created_at) VALUES (?, nullif(?, ''), nullif(?, ''), ?)", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, phone != NULL ? phone : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 3, email != NULL ? email : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		return (-1);
	*id = sqlite3_last_insert_rowid(db->h);
	return (0);
}

#define CUSTOMER_COLS "c.id, c.name, coalesce(c.phone, ''), " \
	"coalesce(c.email, ''), c.created_at, (SELECT count(*) FROM sale s " \
	"WHERE s.customer_id = c.id AND NOT s.training)"

static void
read_customer(sqlite3_stmt *st, struct customer *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->name = xstrdup(db_text(st, 1));
	c->phone = xstrdup(db_text(st, 2));
	c->email = xstrdup(db_text(st, 3));
	snprintf(c->created_at, sizeof c->created_at, "%s", db_text(st, 4));
	c->visits = sqlite3_column_int64(st, 5);
}

/*
 * Customers whose name has the text in it (any case, for ASCII letters),
 * or whose phone has it as digits; every customer for an empty text.
 */
int
customer_find(struct db *db, const char *text, size_t limit,
    struct customer **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT " CUSTOMER_COLS " FROM customer c WHERE "
	    "?1 = '' OR instr(lower(c.name), lower(?1)) > 0 OR "
	    "instr(replace(replace(coalesce(c.phone, ''), ' ', ''), '-', ''), "
	    "replace(replace(?1, ' ', ''), '-', '')) > 0 "
	    "ORDER BY c.name, c.id LIMIT ?2", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit > 0 ? (sqlite3_int64)limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		read_customer(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, "cannot read the customers");
		return (-1);
	}
	return (0);
}

int
customer_get(struct db *db, int64_t id, struct customer *c, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(c, 0, sizeof *c);
	st = db_prepare(db, "SELECT " CUSTOMER_COLS " FROM customer c WHERE "
	    "c.id = ?", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_customer(st, c);
	else
		set_cause(cause, _("there is no customer %lld"), (long long)id);
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 0 : -1);
}

void
customer_clear(struct customer *c)
{
	free(c->name);
	free(c->phone);
	free(c->email);
	memset(c, 0, sizeof *c);
}

void
customers_free(struct customer *c, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		customer_clear(&c[i]);
	free(c);
}

/* The customer's sales, newest first, each with the lines not voided. */
int
customer_visits(struct db *db, int64_t id, struct visit **out, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	struct visit	*v = NULL;
	int64_t		 sale = 0, last = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT s.id, s.till_id, s.receipt_no, "
	    "s.created_at, s.kind, s.total, l.name, l.qty, l.unit = 'kg', "
	    "l.total FROM sale s LEFT JOIN sale_line l ON l.sale_id = s.id "
	    "AND NOT l.voided WHERE s.customer_id = ? AND NOT s.training "
	    "ORDER BY s.created_at DESC, s.id DESC, l.line_no", cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((sale = sqlite3_column_int64(st, 0)) != last) {
			*out = xreallocarray(*out, *n + 1, sizeof **out);
			v = &(*out)[(*n)++];
			memset(v, 0, sizeof *v);
			v->till = sqlite3_column_int64(st, 1);
			v->receipt_no = sqlite3_column_int64(st, 2);
			snprintf(v->at, sizeof v->at, "%s", db_text(st, 3));
			v->kind = xstrdup(db_text(st, 4));
			v->total = sqlite3_column_int64(st, 5);
			last = sale;
		}
		if (sqlite3_column_type(st, 6) == SQLITE_NULL)
			continue;
		v->lines = xreallocarray(v->lines, v->nlines + 1,
		    sizeof *v->lines);
		v->lines[v->nlines].name = xstrdup(db_text(st, 6));
		v->lines[v->nlines].qty = sqlite3_column_int64(st, 7);
		v->lines[v->nlines].weighed = sqlite3_column_int(st, 8);
		v->lines[v->nlines].total = sqlite3_column_int64(st, 9);
		v->nlines++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		visits_free(*out, *n);
		*out = NULL;
		*n = 0;
		db_cause(db, cause, "cannot read the customer's sales");
		return (-1);
	}
	return (0);
}

void
visits_free(struct visit *v, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].nlines; j++)
			free(v[i].lines[j].name);
		free(v[i].lines);
		free(v[i].kind);
	}
	free(v);
}
