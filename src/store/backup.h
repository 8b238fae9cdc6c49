/* Online backups of the database, verified after writing. */
#ifndef KASSA_BACKUP_H
#define KASSA_BACKUP_H

#include <stdint.h>

struct db;

/* What a verified backup holds. */
struct backup_result {
	char	*path;		/* the copy */
	int64_t	 sales;
	int64_t	 entries;	/* journal entries */
	int64_t	 head_seq;
	char	 head[65];	/* the journal's head hash */
};

/*
 * Copy the database while it is in use into a new file in dir (made 0700
 * when missing) named kassa-till<till>-<YYYYMMDD-HHMMSS>.db, mode 0600,
 * then check the copy: SQLite's integrity check, the journal verified, its
 * sales and journal head the same as the database's at the moment of the
 * copy. A copy that fails the check is removed; one whose journal does
 * not verify (as the database's does not) is kept, r->path set, and -1
 * returned with the problem. The private key is not copied: it never
 * leaves the till. Call it outside a transaction.
 */
int	 backup_run(struct db *, int64_t, const char *, struct backup_result *,
	    char **);
void	 backup_result_clear(struct backup_result *);

int	 backup_after_z(struct db *, int64_t, const char *, const char *,
	    int64_t, int64_t, char **);

/* The folder used when the configuration names none: beside the database. */
char	*backup_default_dir(const char *);

#endif
