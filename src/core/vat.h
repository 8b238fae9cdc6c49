/* VAT: rates in basis points, prices that include VAT, the per-rate summary. */
#ifndef KASSA_VAT_H
#define KASSA_VAT_H

#include <stddef.h>
#include <stdint.h>

struct vat_sum {
	int32_t	rate_bp;
	int64_t	gross;		/* including VAT */
	int64_t	net;		/* excluding VAT */
	int64_t	tax;
};

int64_t	 vat_tax_of_gross(int64_t, int32_t);

struct vat_summary {
	struct vat_sum	*sums;	/* highest rate first */
	size_t		 n;
};

void	 vat_summary_init(struct vat_summary *);
void	 vat_summary_add(struct vat_summary *, int32_t, int64_t);
void	 vat_summary_finish(struct vat_summary *);
void	 vat_summary_clear(struct vat_summary *);

#endif
