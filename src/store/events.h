/* Till events: cancelled sales, no-sale openings, training, logins. */
#ifndef KASSA_EVENTS_H
#define KASSA_EVENTS_H

#include <stdint.h>
#include <time.h>

#include "rights.h"

struct actor;
struct db;
struct sale;

/* What happened at the till besides sales (table till_event). */
struct till_event {
	const char		*kind;
	const struct actor	*user;
	const struct actor	*approver;
	int			 has_amount;
	int64_t			 amount;
	int64_t			 sale_id;
	const char		*detail;
	int			 training;
};

int	 store_allowed(struct db *, const struct actor *, int64_t,
	    enum action, struct actor *, char **);
int	 till_event_add(struct db *, int64_t, const struct till_event *,
	    time_t, int64_t *, char **);

int	 access_log_add(struct db *, int64_t, int64_t, const char *, time_t,
	    char **);
int	 till_cancel_sale(struct db *, int64_t, const struct sale *,
	    const struct actor *, int64_t, char **);
int	 till_no_sale(struct db *, int64_t, const struct actor *, int64_t,
	    const char *, char **);
int	 till_training(struct db *, int64_t, const struct actor *, int64_t,
	    int, char **);

#endif
