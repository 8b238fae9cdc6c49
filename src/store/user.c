/*
 * Users and their PINs. A PIN is stored only as an argon2id hash
 * (libsodium's crypto_pwhash_str, interactive limits); PIN_TRIES wrong
 * PINs in a row lock the user for PIN_LOCK_SECS. Every change of a user
 * and every login is a till_event, so nobody changes rights unseen.
 */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "i18n.h"
#include "store.h"
#include "user.h"
#include "xmalloc.h"

#define PIN_MIN	4
#define PIN_MAX	12

/* A PIN is 4 to 12 digits. */
int
pin_valid(const char *pin, char **cause)
{
	size_t	i, n = pin != NULL ? strlen(pin) : 0;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)pin[i]))
			break;
	if (n < PIN_MIN || n > PIN_MAX || i != n) {
		set_cause(cause, _("a PIN is %d to %d digits"), PIN_MIN,
		    PIN_MAX);
		return (-1);
	}
	return (0);
}

static int
pin_hash(const char *pin, char out[crypto_pwhash_STRBYTES], char **cause)
{
	if (sodium_init() < 0 ||
	    crypto_pwhash_str_alg(out, pin, strlen(pin),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		set_cause(cause, _("cannot hash the PIN: out of memory"));
		return (-1);
	}
	return (0);
}

void
user_clear(struct user *u)
{
	free(u->name);
	memset(u, 0, sizeof *u);
}

static void
user_row(sqlite3_stmt *st, struct user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	u->name = xstrdup(db_text(st, 1));
	if (role_from_name(db_text(st, 2), &u->role) != 0)
		u->role = ROLE_NONE;
	u->active = sqlite3_column_int(st, 3);
	u->failed_pins = sqlite3_column_int(st, 4);
	u->locked_until = sqlite3_column_int64(st, 5);
}

#define USER_COLS "id, name, role, active, failed_pins, locked_until"

/* Returns 0 and fills u, 1 when there is no such user, -1 on error. */
int
user_get(struct db *db, int64_t id, struct user *u, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " USER_COLS " FROM user WHERE id = ?",
	    cause);
	if (st == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		user_row(st, u);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return (0);
	if (rc == SQLITE_DONE) {
		set_cause(cause, _("there is no user %lld"), (long long)id);
		return (1);
	}
	db_cause(db, cause, "database error");
	return (-1);
}

/*
 * What the rules know of a user, read from the database: the store checks
 * the role of whoever a basket says approved something, never trusting
 * the basket. A disabled user approves nothing.
 */
int
user_actor(struct db *db, int64_t id, struct actor *a, char **cause)
{
	struct user	u;

	a->id = id;
	a->role = ROLE_NONE;
	if (user_get(db, id, &u, cause) != 0)
		return (-1);
	if (u.active)
		a->role = u.role;
	user_clear(&u);
	return (0);
}

int
user_count(struct db *db)
{
	return ((int)db_int(db, "SELECT count(*) FROM user"));
}

int
user_list(struct db *db, struct user **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT " USER_COLS " FROM user ORDER BY id",
	    cause);
	if (st == NULL)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		user_row(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	return (0);
}

void
user_list_free(struct user *u, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		user_clear(&u[i]);
	free(u);
}

/*
 * Add a user. Only an admin may, except for the very first user of a new
 * store, who must be an admin (by is NULL then). id 0 takes the next
 * free number.
 */
int
user_add(struct db *db, int64_t till, const struct actor *by, int64_t id,
    const char *name, enum role role, const char *pin, int64_t *out,
    char **cause)
{
	char			 hash[crypto_pwhash_STRBYTES], *detail;
	sqlite3_stmt		*st;
	struct till_event	 ev;
	struct actor		 added;

	if (by == NULL) {
		if (user_count(db) != 0 || role != ROLE_ADMIN) {
			set_cause(cause, _("only an admin may add users"));
			return (-1);
		}
	} else if (rights_check(by, NULL, ACT_USERS, cause) != 0)
		return (-1);
	if (name == NULL || *name == '\0') {
		set_cause(cause, _("a user needs a name"));
		return (-1);
	}
	if (role == ROLE_NONE) {
		set_cause(cause, _("a user is a cashier, a manager or an "
		    "admin"));
		return (-1);
	}
	if (id < 0) {
		set_cause(cause, _("a user number is a positive number"));
		return (-1);
	}
	if (pin_valid(pin, cause) != 0 || pin_hash(pin, hash, cause) != 0)
		return (-1);
	if (db_begin(db, cause) != 0)
		return (-1);
	if (id == 0)
		id = db_int(db, "SELECT coalesce(max(id), 0) + 1 FROM user");
	st = db_prepare(db, "INSERT INTO user (id, name, role, pin_hash, "
	    "created_at) VALUES (?, ?, ?, ?, datetime('now', 'localtime')) "
	    "ON CONFLICT DO NOTHING", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	if (sqlite3_changes(db->h) == 0) {
		set_cause(cause, _("user number %lld is taken"), (long long)id);
		goto fail;
	}
	added.id = id;
	added.role = role;
	xasprintf(&detail, "user %lld %s (%s)", (long long)id, name,
	    role_name(role));
	memset(&ev, 0, sizeof ev);
	ev.kind = "user_add";
	ev.user = by != NULL ? by : &added;
	ev.detail = detail;
	if (till_event_add(db, till, &ev, time(NULL), NULL, cause) != 0) {
		free(detail);
		goto fail;
	}
	free(detail);
	sodium_memzero(hash, sizeof hash);
	if (out != NULL)
		*out = id;
	return (db_commit(db, cause));
fail:
	sodium_memzero(hash, sizeof hash);
	db_rollback(db);
	return (-1);
}

/* Change something of a user, as an admin (or a user his own PIN). */
static int
user_change(struct db *db, int64_t till, const struct actor *by, int64_t id,
    const char *sql, const char *text, const char *kind, char **cause)
{
	sqlite3_stmt		*st;
	struct till_event	 ev;
	struct user		 u;
	char			*detail;

	if (by == NULL || by->id != id || strcmp(kind, "user_pin") != 0) {
		if (rights_check(by, NULL, ACT_USERS, cause) != 0)
			return (-1);
	}
	if (user_get(db, id, &u, cause) != 0)
		return (-1);
	if (db_begin(db, cause) != 0) {
		user_clear(&u);
		return (-1);
	}
	st = db_prepare(db, sql, cause);
	if (st == NULL)
		goto fail;
	if (text != NULL)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, text != NULL ? 2 : 1, id);
	if (db_step_done(db, st, cause) != 0)
		goto fail;
	xasprintf(&detail, "user %lld %s", (long long)id, u.name);
	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.user = by;
	ev.detail = detail;
	if (till_event_add(db, till, &ev, time(NULL), NULL, cause) != 0) {
		free(detail);
		goto fail;
	}
	free(detail);
	user_clear(&u);
	return (db_commit(db, cause));
fail:
	user_clear(&u);
	db_rollback(db);
	return (-1);
}

/* A new PIN also lifts a lock. */
int
user_set_pin(struct db *db, int64_t till, const struct actor *by, int64_t id,
    const char *pin, char **cause)
{
	char	hash[crypto_pwhash_STRBYTES];
	int	rc;

	if (pin_valid(pin, cause) != 0 || pin_hash(pin, hash, cause) != 0)
		return (-1);
	rc = user_change(db, till, by, id, "UPDATE user SET pin_hash = ?, "
	    "failed_pins = 0, locked_until = 0 WHERE id = ?", hash, "user_pin",
	    cause);
	sodium_memzero(hash, sizeof hash);
	return (rc);
}

/* Users are disabled, never deleted: their sales name them. */
int
user_disable(struct db *db, int64_t till, const struct actor *by, int64_t id,
    char **cause)
{
	if (by != NULL && by->id == id) {
		set_cause(cause, _("an admin cannot disable himself"));
		return (-1);
	}
	return (user_change(db, till, by, id, "UPDATE user SET active = 0 "
	    "WHERE id = ?", NULL, "user_disable", cause));
}

/* Count a wrong PIN; the PIN_TRIES-th in a row locks the user. */
static void
pin_failed(struct db *db, int64_t till, const struct user *u, time_t now,
    char **cause)
{
	sqlite3_stmt		*st;
	int			 lock = u->failed_pins + 1 >= PIN_TRIES;
	char			*why = NULL;

	if (db_begin(db, NULL) != 0)
		return;
	/* A lock starts the count afresh; locked_until is 0 otherwise. */
	st = db_prepare(db, "UPDATE user SET failed_pins = CASE WHEN ?1 THEN "
	    "0 ELSE failed_pins + 1 END, locked_until = CASE WHEN ?1 THEN ?2 "
	    "ELSE locked_until END WHERE id = ?3", NULL);
	if (st == NULL) {
		db_rollback(db);
		return;
	}
	sqlite3_bind_int(st, 1, lock);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now + PIN_LOCK_SECS);
	sqlite3_bind_int64(st, 3, u->id);
	if (db_step_done(db, st, NULL) != 0 ||
	    access_log_add(db, till, u->id, lock ? "user_locked" :
	    "pin_failed", now, NULL) != 0 ||
	    db_commit(db, NULL) != 0) {
		db_rollback(db);
		return;
	}
	if (lock)
		xasprintf(&why, _("wrong PIN %d times: user %lld is locked "
		    "for %d minutes"), PIN_TRIES, (long long)u->id,
		    PIN_LOCK_SECS / 60);
	else
		xasprintf(&why, _("wrong user number or PIN (%d more tries "
		    "before user %lld is locked)"), PIN_TRIES -
		    u->failed_pins - 1, (long long)u->id);
	set_cause(cause, "%s", why);
	free(why);
}

/*
 * Check a user's number and PIN: 0 and the user when they match, -1 with
 * the reason otherwise (unknown, disabled, locked, wrong PIN: counted).
 */
int
user_verify(struct db *db, int64_t till, int64_t id, const char *pin,
    time_t now, struct user *u, char **cause)
{
	char		*hash = NULL;
	sqlite3_stmt	*st;
	int		 ok;

	if (user_get(db, id, u, NULL) != 0) {
		set_cause(cause, _("wrong user number or PIN"));
		return (-1);
	}
	if (!u->active) {
		set_cause(cause, _("user %lld is disabled"), (long long)id);
		goto fail;
	}
	if (u->locked_until > (int64_t)now) {
		set_cause(cause, _("user %lld is locked after %d wrong PINs; "
		    "try again in %lld minutes or ask an admin for a new PIN"),
		    (long long)id, PIN_TRIES,
		    (long long)((u->locked_until - (int64_t)now + 59) / 60));
		goto fail;
	}
	st = db_prepare(db, "SELECT pin_hash FROM user WHERE id = ?", cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		hash = xstrdup(db_text(st, 0));
	sqlite3_finalize(st);
	ok = hash != NULL && pin != NULL && sodium_init() >= 0 &&
	    crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	free(hash);
	if (!ok) {
		pin_failed(db, till, u, now, cause);
		goto fail;
	}
	if (u->failed_pins != 0 || u->locked_until != 0) {
		st = db_prepare(db, "UPDATE user SET failed_pins = 0, "
		    "locked_until = 0 WHERE id = ?", NULL);
		if (st != NULL) {
			sqlite3_bind_int64(st, 1, id);
			db_step_done(db, st, NULL);
		}
		u->failed_pins = 0;
		u->locked_until = 0;
	}
	return (0);
fail:
	user_clear(u);
	return (-1);
}

/* Log in at a till: recorded, and so is every refusal. */
int
user_login(struct db *db, int64_t till, int64_t id, const char *pin,
    time_t now, struct user *u, char **cause)
{
	if (user_verify(db, till, id, pin, now, u, cause) != 0)
		return (-1);
	access_log_add(db, till, u->id, "login", now, NULL);
	return (0);
}

/*
 * A second user approves an action for who, on the spot, with his number
 * and PIN: returns 0 with the approver when his PIN matches and his role
 * allows the action. The caller records both users with the action.
 */
int
user_approve(struct db *db, int64_t till, const struct actor *who,
    enum action act, int64_t id, const char *pin, time_t now,
    struct actor *approver, char **cause)
{
	struct user	u;

	if (who != NULL && id == who->id) {
		set_cause(cause, _("another user must approve %s"),
		    _(action_name(act)));
		return (-1);
	}
	if (user_verify(db, till, id, pin, now, &u, cause) != 0)
		return (-1);
	approver->id = u.id;
	approver->role = u.role;
	user_clear(&u);
	return (rights_check(who, approver, act, cause));
}
