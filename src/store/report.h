/* The day's figures: what a Z report shows. */
#ifndef KASSA_REPORT_H
#define KASSA_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "vat.h"

struct db;

struct tender_sum {
	char	*type;
	int64_t	 amount;
	int64_t	 count;
};

struct day_report {
	char			 date[11];
	int64_t			 till;		/* 0: all tills */
	int64_t			 receipts;
	int64_t			 first_receipt;
	int64_t			 last_receipt;
	int64_t			 gross;		/* sales incl. VAT */
	int64_t			 discounts;
	int64_t			 rounding;
	int64_t			 voided_lines;
	int64_t			 voided_amount;
	int64_t			 backfilled;	/* receipts entered from paper */
	int64_t			 backfilled_amount;
	struct vat_summary	 vat;
	struct tender_sum	*tenders;
	size_t			 ntenders;
};

int	 report_day(struct db *, const char *, int64_t, struct day_report *,
	    char **);
void	 report_clear(struct day_report *);

/* The reports besides X and Z, as tables (core/table.h). */
enum report_kind {
	REPORT_HOURLY,
	REPORT_DEPARTMENTS,
	REPORT_ITEMS,
	REPORT_CASHIERS,
	REPORT_LOSSES,
	REPORT_CASH,
	REPORT_NKINDS
};

struct table;

const char *report_kind_name(enum report_kind);
const char *report_kind_title(enum report_kind);
int	 report_kind_from_name(const char *, enum report_kind *);
int	 report_table(struct db *, enum report_kind, const char *,
	    const char *, int64_t, struct table **, char **);

#endif
