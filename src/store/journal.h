/*
 * The append-only, hash-chained, signed journal (issue 6): every committed
 * record is appended in the transaction that writes it.
 */
#ifndef KASSA_JOURNAL_H
#define KASSA_JOURNAL_H

#include <stdint.h>

struct db;

/*
 * Append the journal entry of a record that the caller has just written,
 * inside the caller's open transaction: type names the kind of record
 * ("sale", "shift_open", "shift_close", "z_report", "cash_movement",
 * "till_event", ...), id its row's key. The entry's content is a canonical
 * encoding of the record's rows as they are in the tables, so that
 * 'kassa journal verify' can encode them again and compare.
 */
int	 journal_append(struct db *, int64_t, const char *, int64_t, char **);
int	 journal_price_changes(struct db *, int64_t, char **);

/*
 * The newest entry: its sequence number and hex hash (0 and 64 zeros when
 * the journal is empty). The chain is one per database; the till is for
 * when it is not.
 */
int	 journal_head(struct db *, int64_t, int64_t *, char[65], char **);

/*
 * Make the till's signing key (<database>.key) if there is none yet and
 * register its public key: at 'kassa init', and on the first append.
 */
int	 journal_key_ensure(struct db *, char **);

/* Start a new key version when the key file is lost (a restored till). */
int	 journal_key_new(struct db *, int *, char **);

/* The key file of a database: "<database>.key". */
char	*journal_key_path(const char *);

/* What 'kassa journal verify' found. */
struct journal_check {
	int64_t	 entries;
	int64_t	 head_seq;
	char	 head[65];
	int	 broken;
	int64_t	 bad_seq;	/* the first bad entry, 0 for a record */
	char	*problem;	/* what is wrong, when broken */
	int	 unguarded;	/* the append-only triggers are gone */
};

int	 journal_verify(struct db *, struct journal_check *, char **);
void	 journal_check_clear(struct journal_check *);

/* One entry, for 'kassa journal show'. */
struct journal_entry {
	int64_t	 seq;
	int64_t	 till;
	char	 created_at[20];
	char	 type[32];
	int64_t	 ref;
	char	 hash[65];
	int	 key_version;
	const char *content;
};

typedef int (*journal_entry_cb)(const struct journal_entry *, void *);
int	 journal_walk(struct db *, int64_t, int64_t, journal_entry_cb, void *,
	    char **);

#endif
