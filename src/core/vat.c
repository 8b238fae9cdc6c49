/*
 * VAT on prices that include it.
 *
 * The rounding rule: the tax is computed once per rate over the sum of the
 * line totals at that rate, never per line, as
 *
 *	tax = gross * rate / (10000 + rate)    (rate in basis points)
 *
 * rounded half away from zero to a whole cent, and net = gross - tax. So for
 * each rate gross = net + tax exactly, and the grosses of all rates add up to
 * the receipt total exactly, because every line total lands in exactly one
 * rate. Rounding per rate rather than per line is what the Finnish and Dutch
 * tax administrations accept on a receipt and keeps the error below one cent
 * per rate.
 */
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "vat.h"
#include "xmalloc.h"

int64_t
vat_tax_of_gross(int64_t gross, int32_t rate_bp)
{
	if (rate_bp <= 0)
		return (0);
	return (div_round(gross, rate_bp, 10000 + (int64_t)rate_bp));
}

void
vat_summary_init(struct vat_summary *vs)
{
	vs->sums = NULL;
	vs->n = 0;
}

/* Add a line total at a rate; the tax is computed in vat_summary_finish. */
void
vat_summary_add(struct vat_summary *vs, int32_t rate_bp, int64_t gross)
{
	size_t	i;

	for (i = 0; i < vs->n; i++) {
		if (vs->sums[i].rate_bp == rate_bp) {
			vs->sums[i].gross += gross;
			return;
		}
	}
	vs->sums = xreallocarray(vs->sums, vs->n + 1, sizeof *vs->sums);
	memset(&vs->sums[vs->n], 0, sizeof vs->sums[vs->n]);
	vs->sums[vs->n].rate_bp = rate_bp;
	vs->sums[vs->n].gross = gross;
	vs->n++;
}

static int
vat_sum_cmp(const void *a, const void *b)
{
	const struct vat_sum	*x = a, *y = b;

	return ((x->rate_bp < y->rate_bp) - (x->rate_bp > y->rate_bp));
}

void
vat_summary_finish(struct vat_summary *vs)
{
	size_t	i;

	for (i = 0; i < vs->n; i++) {
		vs->sums[i].tax = vat_tax_of_gross(vs->sums[i].gross,
		    vs->sums[i].rate_bp);
		vs->sums[i].net = vs->sums[i].gross - vs->sums[i].tax;
	}
	if (vs->n > 1)
		qsort(vs->sums, vs->n, sizeof *vs->sums, vat_sum_cmp);
}

void
vat_summary_clear(struct vat_summary *vs)
{
	free(vs->sums);
	vat_summary_init(vs);
}
