/* Plan B: sales written on paper during an outage, entered later. */
#ifndef KASSA_BACKFILL_H
#define KASSA_BACKFILL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "gtin.h"

struct db;
struct money_locale;

struct backfill_result {
	size_t	  rows;
	size_t	  slips;		/* entered (or, dry run, checked) */
	int64_t	  first_receipt;
	int64_t	  last_receipt;
	int64_t	  total;
	char	**errors;		/* "line N: reason" */
	size_t	  nerrors;
	char	**outages;		/* the outage incidents recorded */
	size_t	  noutages;
};

/* What 'kassa backfill' needs to know about the till. */
struct backfill_till {
	int64_t			 till;
	const char		*cashier;
	int64_t			 user_id;	/* who enters the slips */
	const struct instore_rule *rules;
	size_t			 nrules;
	char *const		*tenders;	/* other tender names allowed */
	size_t			 ntenders;
};

int	 backfill_import(struct db *, const struct backfill_till *,
	    const char *, size_t, int, struct backfill_result *, char **);
void	 backfill_result_clear(struct backfill_result *);
int	 backfill_slip_time(const char *, const char *, time_t *, char **);

/* An outage: the sales of one day entered from paper, first to last. */
struct outage {
	char	 day[11];
	time_t	 first;
	time_t	 last;
	size_t	 sales;
};

void	 outage_add(struct outage **, size_t *, time_t);
int	 outage_record(struct db *, int64_t, const struct outage *, char **,
	    char **);

int	 backfill_z_addendum(struct db *, int64_t,
	    const struct money_locale *, char **, char **);

#endif
