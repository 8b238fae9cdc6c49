/*
 * Backups: SQLite's online backup copies the database page by page from
 * one read snapshot while the till keeps selling (in WAL mode a reader
 * does not block the writer). The copy is then opened on its own and
 * checked before it counts as a backup, so a bad disk or a full folder is
 * found now, not on the day the copy is needed.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "i18n.h"
#include "incident.h"
#include "journal.h"
#include "store.h"
#include "xmalloc.h"

#define BACKUP_BUSY_TRIES	100	/* of 50 ms: the source's lock */

void
backup_result_clear(struct backup_result *r)
{
	free(r->path);
	memset(r, 0, sizeof *r);
}

char *
backup_default_dir(const char *db_path)
{
	char	*copy, *dir;

	copy = xstrdup(db_path);
	xasprintf(&dir, "%s/backup", dirname(copy));
	free(copy);
	return (dir);
}

/* A new, empty, private file for the copy; its name in *path. */
static int
create_file(const char *dir, int64_t till, char **path, char **cause)
{
	char	 stamp[32];
	time_t	 now = time(NULL);
	int	 fd, n;

	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
	for (n = 1; n < 100; n++) {
		if (n == 1)
			xasprintf(path, "%s/kassa-till%lld-%s.db", dir,
			    (long long)till, stamp);
		else
			xasprintf(path, "%s/kassa-till%lld-%s-%d.db", dir,
			    (long long)till, stamp, n);
		fd = open(*path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
		if (fd != -1) {
			close(fd);
			return (0);
		}
		if (errno != EEXIST)
			break;
		free(*path);
	}
	set_cause(cause, _("cannot create a backup in %s: %s"), dir,
	    strerror(errno));
	*path = NULL;
	return (-1);
}

static int
fsync_path(const char *path, int flags)
{
	int	fd, rc;

	if ((fd = open(path, flags | O_CLOEXEC)) == -1)
		return (-1);
	rc = fsync(fd);
	close(fd);
	return (rc);
}

/* The sales and journal head of a database, as its connection sees it. */
static int
figures(struct db *db, int64_t *sales, int64_t *seq, char head[65],
    char **cause)
{
	if ((*sales = db_int(db, "SELECT count(*) FROM sale")) < 0) {
		db_cause(db, cause, "cannot count the sales");
		return (-1);
	}
	return (journal_head(db, 0, seq, head, cause));
}

/* Copy the database into the file at path, from one snapshot. */
static int
copy(struct db *db, const char *path, int64_t *sales, int64_t *seq,
    char head[65], char **cause)
{
	sqlite3		*dst;
	sqlite3_backup	*bk;
	int		 rc, tries = 0, own_txn;

	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		set_cause(cause, _("cannot open the backup %s: %s"), path,
		    dst != NULL ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		return (-1);
	}
	/*
	 * The figures to compare the copy with are read in the same read
	 * transaction as the pages are copied.
	 */
	own_txn = sqlite3_get_autocommit(db->h);
	if (own_txn && db_exec(db, "BEGIN", cause) != 0) {
		sqlite3_close(dst);
		return (-1);
	}
	if (figures(db, sales, seq, head, cause) != 0) {
		rc = SQLITE_ERROR;
		goto out;
	}
	if ((bk = sqlite3_backup_init(dst, "main", db->h, "main")) == NULL) {
		set_cause(cause, _("cannot back up to %s: %s"), path,
		    sqlite3_errmsg(dst));
		rc = SQLITE_ERROR;
		goto out;
	}
	while ((rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED) {
		if (++tries == BACKUP_BUSY_TRIES)
			break;
		sqlite3_sleep(50);
	}
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE)
		set_cause(cause, _("cannot back up to %s: %s"), path,
		    (rc & 0xff) == SQLITE_FULL ? _("the disk is full") :
		    sqlite3_errstr(rc));
out:
	if (own_txn)
		db_exec(db, "COMMIT", NULL);
	/* The copy is one file: no write-ahead log beside it. */
	if (rc == SQLITE_DONE && sqlite3_exec(dst, "PRAGMA journal_mode = "
	    "DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		set_cause(cause, _("cannot finish the backup %s: %s"), path,
		    sqlite3_errmsg(dst));
		rc = SQLITE_ERROR;
	}
	if (sqlite3_close(dst) != SQLITE_OK && rc == SQLITE_DONE) {
		set_cause(cause, _("cannot finish the backup %s"), path);
		rc = SQLITE_ERROR;
	}
	return (rc == SQLITE_DONE ? 0 : -1);
}

/*
 * Open the copy on its own and check it against the figures: 0 when it is
 * good, -1 when it is no copy (removed), -2 when it is a faithful copy of
 * a database whose journal does not verify (kept).
 */
static int
check(const char *path, int64_t sales, int64_t seq, const char *head,
    struct backup_result *r, char **cause)
{
	struct db		 copy;
	struct journal_check	 c;
	sqlite3_stmt		*st;
	int			 rc = -1;

	memset(&copy, 0, sizeof copy);
	copy.path = (char *)path;
	if (sqlite3_open_v2(path, &copy.h, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		set_cause(cause, _("the backup %s cannot be opened: %s"), path,
		    copy.h != NULL ? sqlite3_errmsg(copy.h) : "out of memory");
		sqlite3_close(copy.h);
		return (-1);
	}
	if ((st = db_prepare(&copy, "PRAGMA integrity_check", cause)) == NULL)
		goto out;
	if (sqlite3_step(st) != SQLITE_ROW ||
	    strcmp(db_text(st, 0), "ok") != 0) {
		set_cause(cause, _("the backup %s is damaged: %s"), path,
		    db_text(st, 0));
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);
	if (figures(&copy, &r->sales, &r->head_seq, r->head, cause) != 0)
		goto out;
	if (r->sales != sales || r->head_seq != seq ||
	    strcmp(r->head, head) != 0) {
		set_cause(cause, _("the backup %s does not match the database "
		    "(%lld sales and journal entry %lld there, %lld and %lld "
		    "here)"), path, (long long)r->sales,
		    (long long)r->head_seq, (long long)sales, (long long)seq);
		goto out;
	}
	if (journal_verify(&copy, &c, cause) != 0)
		goto out;
	r->entries = c.entries;
	/* A faithful copy of a database whose journal is broken is kept. */
	if (c.broken) {
		set_cause(cause, _("the backup %s was written, but the "
		    "journal does not verify: %s; see 'kassa journal verify'"),
		    path, c.problem);
		rc = -2;
	} else
		rc = 0;
	journal_check_clear(&c);
out:
	sqlite3_close(copy.h);
	return (rc);
}

int
backup_run(struct db *db, int64_t till, const char *dir,
    struct backup_result *r, char **cause)
{
	char	*probe, *path, head[65];
	int64_t	 sales, seq;
	int	 rc;

	memset(r, 0, sizeof *r);
	xasprintf(&probe, "%s/x", dir);
	if (db_make_parent(probe, cause) != 0) {
		free(probe);
		return (-1);
	}
	free(probe);
	if (create_file(dir, till, &path, cause) != 0)
		return (-1);
	if (copy(db, path, &sales, &seq, head, cause) != 0 ||
	    fsync_path(path, O_RDONLY) != 0 ||
	    (rc = check(path, sales, seq, head, r, cause)) == -1) {
		if (cause != NULL && *cause == NULL)
			set_cause(cause, _("cannot write the backup %s: %s"),
			    path, strerror(errno));
		unlink(path);
		free(path);
		return (-1);
	}
	fsync_path(dir, O_RDONLY | O_DIRECTORY);
	r->path = path;
	return (rc == 0 ? 0 : -1);
}

/*
 * The backup every Z close makes (dir: the configured folder, or NULL for
 * the one beside db_path). *line says what happened, for the screen or
 * the command's output; a failure is also recorded as an incident, so the
 * next Z shows it. The Z itself is closed whatever happens here.
 */
int
backup_after_z(struct db *db, int64_t till, const char *dir,
    const char *db_path, int64_t z_no, int64_t user, char **line)
{
	struct backup_result	 r;
	char			*to, *cause = NULL, *detail;
	int			 rc;

	to = dir != NULL ? xstrdup(dir) : backup_default_dir(db_path);
	rc = backup_run(db, till, to, &r, &cause);
	if (rc == 0)
		xasprintf(line, _("backup: %s, verified"), r.path);
	else {
		xasprintf(&detail, _("the backup after Z %lld into %s failed: "
		    "%s"), (long long)z_no, to, cause);
		if (incident_add(db, till, time(NULL), INCIDENT_DATABASE,
		    detail, user, 0, NULL, NULL) == 0)
			xasprintf(line, _("backup FAILED: %s (recorded as an "
			    "incident; run kassa backup)"), cause);
		else
			xasprintf(line, _("backup FAILED: %s (and it could not "
			    "be recorded as an incident; run kassa backup)"),
			    cause);
		free(detail);
		free(cause);
	}
	backup_result_clear(&r);
	free(to);
	return (rc);
}
