/* The receipt outbox: durable delivery jobs and their attempts. */
#ifndef KASSA_OUTBOX_H
#define KASSA_OUTBOX_H

#include <stdint.h>

struct db;

struct outbox_job {
	int64_t	 id;
	int64_t	 till;
	int64_t	 receipt_no;
	int	 copy;
	int	 cash;		/* paid partly in cash: open the drawer */
	char	 email[256];
	char	 store[128];
	char	 title[32];	/* a report's ("Z 3"); empty for a receipt */
	char	*text;		/* a report's text as printed, or NULL */
};

int	 outbox_claim(struct db *, int, struct outbox_job *, char **);
int	 outbox_tried(struct db *, int64_t, const char *);
int	 outbox_attempt_begin(struct db *, int64_t, const char *, int64_t *,
	    char **);
int	 outbox_attempt_end(struct db *, int64_t, const char *, char **);
int	 outbox_finish(struct db *, int64_t, const char *, char **);
int	 outbox_hold(struct db *, int64_t, int64_t, int, char **);
int	 outbox_set_email(struct db *, int64_t, int64_t, const char *,
	    char **);
int	 outbox_release_stale(struct db *, char **);
char	*outbox_printer_trouble(struct db *);
int	 outbox_queue_report(struct db *, const char *, const char *, char **);
void	 outbox_job_clear(struct outbox_job *);

/* Documents other than receipts (reports) for the receipt printer. */
struct print_job {
	int64_t	 id;
	int64_t	 till;
	char	*title;
	char	*body;
	char	*store;
};

int	 print_job_queue(struct db *, int64_t, const char *, const char *,
	    const char *, char **);
int	 print_job_claim(struct db *, struct print_job *, char **);
int	 print_job_finish(struct db *, int64_t, const char *, const char *,
	    char **);
void	 print_job_clear(struct print_job *);

#endif
