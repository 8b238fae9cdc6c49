/*
 * A shift's figures (what an X or a Z report says), the cash counted per
 * denomination, and the report as a receipt document and as JSON.
 */
#ifndef KASSA_RECEIPT_REPORT_H
#define KASSA_RECEIPT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "money.h"
#include "receipt.h"
#include "vat.h"

/* So many of one note or coin; denomination in minor units (5000 = 50,00). */
struct cash_count {
	int64_t	 denomination;
	int64_t	 count;
};

#define CASH_COUNTS_MAX	32

int	 cash_counts_parse(const char *, struct cash_count **, size_t *,
	    char **);
int	 cash_denominations_parse(const char *, int64_t **, size_t *,
	    char **);
int	 cash_counts_total(const struct cash_count *, size_t, int64_t *,
	    char **);

struct figure_tender {
	char	 type[24];
	int64_t	 count;
	int64_t	 amount;
};

/* Incidents of one kind on the business day (store/incident.c). */
struct figure_incident {
	char	 kind[16];
	int64_t	 count;
};

struct shift_figures {
	int64_t			 shift_id;
	int64_t			 till;
	int64_t			 z_no;		/* 0: an X report */
	char			 opened_at[20];
	char			 closed_at[20];	/* X: when it was taken */
	char			 business_date[11];
	char			 cashier[64];	/* who opened the shift */
	char			 closed_by[64];

	int64_t			 sales;		/* receipts of kind sale */
	int64_t			 gross;		/* their totals, VAT incl. */
	int64_t			 returns;	/* receipts of kind return */
	int64_t			 returns_amount; /* their totals: <= 0 */
	int64_t			 net;		/* gross + returns_amount */
	int64_t			 discounts;
	int64_t			 voided_lines;
	int64_t			 voided_amount;
	int64_t			 rounding;
	int64_t			 training;	/* training receipts: apart */
	struct vat_summary	 vat;
	struct figure_tender	*tenders;
	size_t			 ntenders;

	int64_t			 float_amount;
	int64_t			 cash_sales;	/* cash tenders, refunds < 0 */
	int64_t			 paid_in, paid_out, drops;
	int64_t			 n_paid_in, n_paid_out, n_drops;
	int64_t			 expected;

	int			 closed;
	int			 blind;
	int64_t			 counted;
	int64_t			 difference;	/* counted - expected */
	struct cash_count	*counts;	/* at the close */
	size_t			 ncounts;

	int64_t			 backfilled;	/* paper slips in the shift */
	int64_t			 backfilled_amount;
	int64_t			 slips_outside;	/* the day's, in no shift */
	int64_t			 slips_outside_amount;
	struct figure_incident	*incidents;	/* of the business day */
	size_t			 nincidents;

	int64_t			 gt_sales;	/* never reset */
	int64_t			 gt_returns;
	int64_t			 gt_net;
	char			 journal_head[72];
};

struct report_info {
	const char			*store_name;
	const char			*business_id;
	const char			*till;
	const char			*currency;
	const struct money_locale	*locale;
};

void		 shift_figures_clear(struct shift_figures *);
struct receipt	*report_doc_build(const struct report_info *,
		    const struct shift_figures *);
struct receipt	*report_doc_from_text(const char *);
char		*shift_figures_json(const struct shift_figures *);

#define REPORT_WIDTH	42	/* columns of the stored text: 80 mm paper */

#endif
