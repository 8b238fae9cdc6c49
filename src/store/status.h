/* What a support person asks about a till: the database and the work left. */
#ifndef KASSA_STATUS_H
#define KASSA_STATUS_H

#include <stdint.h>

struct db;

/* A count that could not be read is STATUS_UNKNOWN; the cause says why. */
#define STATUS_UNKNOWN	(-1)

struct status {
	/* The database file. */
	int64_t	 size_bytes;		/* main file plus -wal */
	int64_t	 wal_bytes;
	char	*quick_check;		/* "ok", or the problems, one a line */
	int	 schema_version;

	/* This till. */
	int	 till_known;		/* in the database: 1, 0 or unknown */
	int	 has_basket;
	int64_t	 basket_lines;		/* active lines */
	int64_t	 basket_total;		/* minor units */
	char	*basket_error;		/* a basket that cannot be read */
	int64_t	 parked_baskets;
	int64_t	 unresolved_payments;	/* pending or unknown */

	/* The store. */
	int64_t	 receipts_waiting;
};

int	 status_read(struct db *, int64_t, struct status *, char **);
void	 status_clear(struct status *);

#endif
