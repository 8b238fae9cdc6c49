/* Incidents at the till: recorded as they happen, listed, summed per day. */
#ifndef KASSA_INCIDENT_H
#define KASSA_INCIDENT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

/* The kinds, as stored (data/schema.sql, table incident). */
#define INCIDENT_PRINTER	"printer"	/* a printer failed a receipt */
#define INCIDENT_FALLBACK	"fallback"	/* a receipt went down the chain */
#define INCIDENT_UNDELIVERED	"undelivered"	/* no target took a receipt */
#define INCIDENT_DATABASE	"database"	/* the console could not save */
#define INCIDENT_OUTAGE		"outage"	/* sales entered from paper */
#define INCIDENT_NOTE		"note"		/* written by a person */

struct incident {
	int64_t	 id;
	int64_t	 till;
	char	 at[20];		/* YYYY-MM-DD HH:MM:SS, local */
	char	 date[11];		/* the business date */
	char	 kind[16];
	char	*detail;
	int64_t	 user_id;		/* 0: none */
	int64_t	 refers_to;		/* 0: none */
};

struct incident_count {
	char	 kind[16];
	int64_t	 count;
};

int	 incident_add(struct db *, int64_t, time_t, const char *,
	    const char *, int64_t, int64_t, int64_t *, char **);
int	 incident_list(struct db *, const char *, const char *,
	    struct incident **, size_t *, char **);
void	 incident_list_free(struct incident *, size_t);
int	 incident_day_summary(struct db *, int64_t, const char *,
	    struct incident_count **, size_t *, char **);
int	 incident_kind_valid(const char *);

#endif
