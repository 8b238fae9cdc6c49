/* Figures for the bookkeeper: daily summaries and accounting vouchers. */
#ifndef KASSA_EXPORT_H
#define KASSA_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "report.h"

struct db;
struct account;

/* One business day: the Z report's figures and what bookkeeping adds. */
struct day_summary {
	struct day_report	 z;		/* as kassa report z, all tills */
	int64_t			 sales;		/* receipts of kind sale */
	int64_t			 sales_amount;
	int64_t			 returns;	/* receipts of kind return */
	int64_t			 returns_amount; /* negative */
	int64_t			 shifts_closed;
	int64_t			 cash_difference; /* counted - expected */
};

/* How amounts are written in CSV: the separator, the decimal mark. */
struct export_style {
	char	sep;
	int	decimal_comma;
};

void	 json_string(FILE *, const char *);
int	 export_days(struct db *, const char *, const char *, char ***,
	    size_t *, char **);
void	 export_days_free(char **, size_t);
int	 export_summary_day(struct db *, const char *, struct day_summary *,
	    char **);
void	 export_summary_clear(struct day_summary *);
int	 export_summary_csv(struct db *, FILE *, const char *, const char *,
	    const struct export_style *, char **);
int	 export_summary_json(struct db *, FILE *, const char *, const char *,
	    char **);
int	 export_vouchers(struct db *, FILE *, const char *, const char *,
	    const struct account *, size_t, const struct export_style *,
	    char **);

#endif
