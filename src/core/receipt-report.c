/*
 * The X and Z reports as receipt documents: the same rows print on the
 * receipt printer (dev/escpos.c), show on the console and, rendered as text,
 * are stored with a Z, so a reprint is the Z as it was printed. Also the
 * cash counts typed as "5000x2,1000x3" and the figures as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "receipt-report.h"
#include "xmalloc.h"

static int
count_cmp(const void *a, const void *b)
{
	const struct cash_count	*x = a, *y = b;

	return (x->denomination < y->denomination ? 1 :
	    x->denomination > y->denomination ? -1 : 0);
}

/*
 * "5000x2,1000x3": so many of each denomination, in minor units. A
 * denomination given twice adds up; the list comes back highest first.
 */
int
cash_counts_parse(const char *text, struct cash_count **out, size_t *n,
    char **cause)
{
	struct cash_count	*c = NULL;
	char			*copy, *item, *next, *x;
	int64_t			 denom, count;
	size_t			 k = 0, i;

	*out = NULL;
	*n = 0;
	copy = xstrdup(text);
	for (item = copy; item != NULL; item = next) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		while (*item == ' ')
			item++;
		if (*item == '\0')
			continue;
		if ((x = strpbrk(item, "xX*")) == NULL) {
			set_cause(cause, _("\"%s\" is not a count: write "
			    "denomination x count in cents, e.g. 5000x2"), item);
			goto fail;
		}
		*x++ = '\0';
		if (fixed_parse(item, 0, MONEY_MAX, &denom, NULL) != 0 ||
		    denom < 1 ||
		    fixed_parse(x, 0, 1000000, &count, NULL) != 0) {
			set_cause(cause, _("\"%s x %s\" is not a count: write "
			    "denomination x count in cents, e.g. 5000x2"), item,
			    x);
			goto fail;
		}
		for (i = 0; i < k; i++)
			if (c[i].denomination == denom)
				break;
		if (i == k) {
			if (k == CASH_COUNTS_MAX) {
				set_cause(cause, _("too many denominations "
				    "(at most %d)"), CASH_COUNTS_MAX);
				goto fail;
			}
			c = xreallocarray(c, k + 1, sizeof *c);
			c[k].denomination = denom;
			c[k++].count = 0;
		}
		c[i].count += count;
	}
	free(copy);
	if (k > 0)
		qsort(c, k, sizeof *c, count_cmp);
	*out = c;
	*n = k;
	return (0);
fail:
	free(copy);
	free(c);
	return (-1);
}

static int
denom_cmp(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? 1 : x > y ? -1 : 0);
}

/* "50000,20000,...,5": the store's notes and coins, highest first. */
int
cash_denominations_parse(const char *text, int64_t **out, size_t *n,
    char **cause)
{
	char	*copy, *tok, *save;
	int64_t	 d;

	*out = NULL;
	*n = 0;
	copy = xstrdup(text);
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (fixed_parse(tok, 0, MONEY_MAX, &d, NULL) != 0 || d < 1 ||
		    *n == CASH_COUNTS_MAX) {
			set_cause(cause, _("store.denominations: \"%s\" is not "
			    "a denomination in cents (e.g. 5000 for 50,00)"), tok);
			free(copy);
			free(*out);
			*out = NULL;
			*n = 0;
			return (-1);
		}
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = d;
	}
	free(copy);
	if (*n == 0) {
		set_cause(cause, _("store.denominations is empty"));
		return (-1);
	}
	qsort(*out, *n, sizeof **out, denom_cmp);
	return (0);
}

/* The cash a count adds up to; -1 when it is beyond what kassa takes. */
int
cash_counts_total(const struct cash_count *c, size_t n, int64_t *total,
    char **cause)
{
	int64_t	 sum = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (c[i].count > 0 && c[i].denomination > (MONEY_MAX - sum) /
		    c[i].count) {
			set_cause(cause, _("the count adds up to more than "
			    "kassa can hold"));
			return (-1);
		}
		sum += c[i].denomination * c[i].count;
	}
	*total = sum;
	return (0);
}

void
shift_figures_clear(struct shift_figures *f)
{
	vat_summary_clear(&f->vat);
	free(f->tenders);
	free(f->counts);
	free(f->incidents);
	memset(f, 0, sizeof *f);
}

static void
pair_money(struct receipt *r, const struct report_info *info, int bold,
    int indent, const char *left, int64_t amount)
{
	char	num[MONEY_BUFSIZE];

	money_format_plain(amount, info->locale, num, sizeof num);
	receipt_add(r, ROW_PAIR, bold, indent, left, num);
}

static void
pair_count_money(struct receipt *r, const struct report_info *info,
    const char *what, int64_t count, int64_t amount)
{
	char	left[160];

	snprintf(left, sizeof left, "%s (%lld)", what, (long long)count);
	pair_money(r, info, 0, 0, left, amount);
}

static const char *
tender_label(const char *type)
{
	if (strcmp(type, "cash") == 0)
		return (_("Cash"));
	if (strcmp(type, "card") == 0)
		return (_("Card"));
	return (type);
}

static const char *
incident_label(const char *kind)
{
	if (strcmp(kind, "printer") == 0)
		return (_("Printer failures"));
	if (strcmp(kind, "fallback") == 0)
		return (_("Receipts by fallback"));
	if (strcmp(kind, "undelivered") == 0)
		return (_("Receipts undelivered"));
	if (strcmp(kind, "database") == 0)
		return (_("Database errors"));
	if (strcmp(kind, "outage") == 0)
		return (_("Outages (paper slips)"));
	if (strcmp(kind, "note") == 0)
		return (_("Notes"));
	return (kind);
}

struct receipt *
report_doc_build(const struct report_info *info, const struct shift_figures *f)
{
	const struct money_locale	*loc = info->locale;
	struct receipt			*r;
	char				 a[160], b[160], t1[32], t2[32];
	char				 rate[16], n1[MONEY_BUFSIZE];
	char				 n2[MONEY_BUFSIZE];
	size_t				 i;

	r = xcalloc(1, sizeof *r);
	receipt_add(r, ROW_CENTER, 1, 0, info->store_name, NULL);
	if (info->business_id != NULL && *info->business_id != '\0') {
		snprintf(a, sizeof a, _("Business ID %s"), info->business_id);
		receipt_add(r, ROW_CENTER, 0, 0, a, NULL);
	}
	if (f->z_no > 0)
		snprintf(a, sizeof a, _("Z REPORT %lld"), (long long)f->z_no);
	else
		snprintf(a, sizeof a, "%s", _("X REPORT (the shift is open)"));
	receipt_add(r, ROW_CENTER, 1, 0, a, NULL);
	r->rows[r->nrows - 1].big = f->z_no > 0;
	receipt_add(r, ROW_RULE, 0, 0, NULL, NULL);
	snprintf(a, sizeof a, _("Till %s"), info->till != NULL ? info->till :
	    "");
	snprintf(b, sizeof b, _("Shift %lld"), (long long)f->shift_id);
	receipt_add(r, ROW_PAIR, 0, 0, a, b);
	receipt_add(r, ROW_PAIR, 0, 0, _("Business day"), f->business_date);
	receipt_format_time(f->opened_at, t1, sizeof t1);
	receipt_add(r, ROW_PAIR, 0, 0, _("Opened"), t1);
	receipt_format_time(f->closed_at, t2, sizeof t2);
	receipt_add(r, ROW_PAIR, 0, 0, f->closed ? _("Closed") : _("Taken"),
	    t2);
	receipt_add(r, ROW_PAIR, 0, 0, _("Cashier"), f->cashier);
	if (f->closed && strcmp(f->closed_by, f->cashier) != 0)
		receipt_add(r, ROW_PAIR, 0, 0, _("Closed by"), f->closed_by);
	snprintf(a, sizeof a, _("Amounts in %s"), info->currency);
	receipt_add(r, ROW_PAIR, 0, 0, a, NULL);
	receipt_add(r, ROW_RULE, 0, 0, NULL, NULL);

	pair_count_money(r, info, _("Sales"), f->sales, f->gross);
	pair_count_money(r, info, _("Returns"), f->returns, f->returns_amount);
	pair_money(r, info, 1, 0, _("Net sales"), f->net);
	pair_money(r, info, 0, 0, _("Discounts given"), f->discounts);
	pair_count_money(r, info, _("Voided lines"), f->voided_lines,
	    f->voided_amount);
	pair_money(r, info, 0, 0, _("Cash rounding"), f->rounding);
	snprintf(a, sizeof a, _("Training receipts: %lld"),
	    (long long)f->training);
	receipt_add(r, ROW_PAIR, 0, 0, a, NULL);

	receipt_add(r, ROW_RULE, 0, 0, NULL, NULL);
	snprintf(a, sizeof a, "%-5s %9s %8s", _("VAT %"), _("Net"), _("VAT"));
	receipt_add(r, ROW_PAIR, 0, 0, a, _("Gross"));
	for (i = 0; i < f->vat.n; i++) {
		const struct vat_sum *v = &f->vat.sums[i];

		rate_format(v->rate_bp, loc, rate, sizeof rate);
		money_format_plain(v->net, loc, n1, sizeof n1);
		money_format_plain(v->tax, loc, n2, sizeof n2);
		snprintf(a, sizeof a, "%-5s %9s %8s", rate, n1, n2);
		pair_money(r, info, 0, 0, a, v->gross);
	}

	receipt_add(r, ROW_RULE, 0, 0, NULL, NULL);
	receipt_add(r, ROW_PAIR, 1, 0, _("Tenders"), NULL);
	for (i = 0; i < f->ntenders; i++)
		pair_count_money(r, info, tender_label(f->tenders[i].type),
		    f->tenders[i].count, f->tenders[i].amount);

	receipt_add(r, ROW_RULE, 0, 0, NULL, NULL);
	receipt_add(r, ROW_PAIR, 1, 0, _("Cash drawer"), NULL);
	pair_money(r, info, 0, 0, _("Float"), f->float_amount);
	pair_money(r, info, 0, 0, _("Cash sales and refunds"), f->cash_sales);
	pair_count_money(r, info, _("Paid in"), f->n_paid_in, f->paid_in);
	pair_count_money(r, info, _("Paid out"), f->n_paid_out, -f->paid_out);
	pair_count_money(r, info, _("Bank drops"), f->n_drops, -f->drops);
	pair_money(r, info, 1, 0, _("Expected cash"), f->expected);
	if (f->closed) {
		for (i = 0; i < f->ncounts; i++) {
			money_format_plain(f->counts[i].denomination, loc, n1,
			    sizeof n1);
			snprintf(a, sizeof a, "%lld x %s",
			    (long long)f->counts[i].count, n1);
			pair_money(r, info, 0, 2, a,
			    f->counts[i].denomination * f->counts[i].count);
		}
		pair_money(r, info, 1, 0, f->blind ? _("Counted (blind)") :
		    _("Counted"), f->counted);
		pair_money(r, info, 1, 0, _("Difference"), f->difference);
	}

	/* Plan B: what the figures owe to paper, and what went wrong. */
	receipt_add(r, ROW_RULE, 0, 0, NULL, NULL);
	pair_count_money(r, info, _("Entered from paper slips"), f->backfilled,
	    f->backfilled_amount);
	if (f->slips_outside > 0)
		pair_count_money(r, info, _("Slips of the day, no shift"),
		    f->slips_outside, f->slips_outside_amount);
	if (f->nincidents == 0)
		receipt_add(r, ROW_PAIR, 0, 0, _("Incidents of the day"),
		    _("none"));
	else {
		receipt_add(r, ROW_PAIR, 1, 0, _("Incidents of the day"), NULL);
		for (i = 0; i < f->nincidents; i++) {
			snprintf(b, sizeof b, "%lld",
			    (long long)f->incidents[i].count);
			receipt_add(r, ROW_PAIR, 0, 2, incident_label(
			    f->incidents[i].kind), b);
		}
	}

	receipt_add(r, ROW_RULE, 0, 0, NULL, NULL);
	receipt_add(r, ROW_PAIR, 1, 0, _("Grand totals (never reset)"), NULL);
	pair_money(r, info, 0, 0, _("Sales"), f->gt_sales);
	pair_money(r, info, 0, 0, _("Returns"), f->gt_returns);
	pair_money(r, info, 0, 0, _("Net"), f->gt_net);
	receipt_add(r, ROW_RULE, 0, 0, NULL, NULL);
	snprintf(a, sizeof a, _("Journal head: %s"), f->journal_head);
	receipt_add(r, ROW_PAIR, 0, 0, a, NULL);
	return (r);
}

/*
 * A stored report's text as a document, one row a line as it is: what a
 * reprint prints, so it cannot differ from what was printed.
 */
struct receipt *
report_doc_from_text(const char *text)
{
	struct receipt	*r;
	const char	*p = text;
	char		*line;
	size_t		 n;

	r = xcalloc(1, sizeof *r);
	while (*p != '\0') {
		n = strcspn(p, "\n");
		line = xstrndup(p, n);
		receipt_add(r, n == 0 ? ROW_BLANK : ROW_PAIR, 0, 0,
		    n == 0 ? NULL : line, NULL);
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
	return (r);
}

static void
json_text(FILE *f, const char *name, const char *s)
{
	fprintf(f, "\"%s\": \"", name);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* The figures as JSON: stored with the Z, given by 'kassa report x'. */
char *
shift_figures_json(const struct shift_figures *f)
{
	FILE	*m;
	char	*out = NULL;
	size_t	 len = 0, i;

	if ((m = open_memstream(&out, &len)) == NULL)
		fatalx("open_memstream failed");
	fprintf(m, "{\"report\": \"%s\", \"z_no\": %lld, \"till\": %lld, "
	    "\"shift\": %lld, ", f->z_no > 0 ? "z" : "x", (long long)f->z_no,
	    (long long)f->till, (long long)f->shift_id);
	json_text(m, "business_date", f->business_date);
	fputs(", ", m);
	json_text(m, "opened_at", f->opened_at);
	fputs(", ", m);
	json_text(m, f->closed ? "closed_at" : "taken_at", f->closed_at);
	fputs(", ", m);
	json_text(m, "cashier", f->cashier);
	fprintf(m, ", \"sales\": %lld, \"gross\": %lld, \"returns\": %lld, "
	    "\"returns_amount\": %lld, \"net\": %lld, \"discounts\": %lld, "
	    "\"voided_lines\": %lld, \"voided_amount\": %lld, "
	    "\"rounding\": %lld, \"training_receipts\": %lld, \"vat\": [",
	    (long long)f->sales, (long long)f->gross, (long long)f->returns,
	    (long long)f->returns_amount, (long long)f->net,
	    (long long)f->discounts, (long long)f->voided_lines,
	    (long long)f->voided_amount, (long long)f->rounding,
	    (long long)f->training);
	for (i = 0; i < f->vat.n; i++)
		fprintf(m, "%s{\"rate_bp\": %d, \"gross\": %lld, \"net\": "
		    "%lld, \"tax\": %lld}", i ? ", " : "", f->vat.sums[i].rate_bp,
		    (long long)f->vat.sums[i].gross,
		    (long long)f->vat.sums[i].net,
		    (long long)f->vat.sums[i].tax);
	fputs("], \"tenders\": [", m);
	for (i = 0; i < f->ntenders; i++) {
		fputs(i ? ", {" : "{", m);
		json_text(m, "type", f->tenders[i].type);
		fprintf(m, ", \"count\": %lld, \"amount\": %lld}",
		    (long long)f->tenders[i].count,
		    (long long)f->tenders[i].amount);
	}
	fprintf(m, "], \"float\": %lld, \"cash_sales\": %lld, "
	    "\"paid_in\": %lld, \"paid_out\": %lld, \"drops\": %lld, "
	    "\"expected_cash\": %lld", (long long)f->float_amount,
	    (long long)f->cash_sales, (long long)f->paid_in,
	    (long long)f->paid_out, (long long)f->drops,
	    (long long)f->expected);
	if (f->closed) {
		fprintf(m, ", \"blind\": %s, \"counted_cash\": %lld, "
		    "\"difference\": %lld, \"counts\": [",
		    f->blind ? "true" : "false", (long long)f->counted,
		    (long long)f->difference);
		for (i = 0; i < f->ncounts; i++)
			fprintf(m, "%s{\"denomination\": %lld, \"count\": "
			    "%lld}", i ? ", " : "",
			    (long long)f->counts[i].denomination,
			    (long long)f->counts[i].count);
		fputs("]", m);
	}
	fprintf(m, ", \"backfilled\": %lld, \"backfilled_amount\": %lld, "
	    "\"slips_outside_shift\": %lld, \"slips_outside_amount\": %lld, "
	    "\"incidents\": {", (long long)f->backfilled,
	    (long long)f->backfilled_amount, (long long)f->slips_outside,
	    (long long)f->slips_outside_amount);
	for (i = 0; i < f->nincidents; i++)
		fprintf(m, "%s\"%s\": %lld", i ? ", " : "", f->incidents[i].kind,
		    (long long)f->incidents[i].count);
	fputs("}", m);
	fprintf(m, ", \"grand_totals\": {\"sales\": %lld, \"returns\": %lld, "
	    "\"net\": %lld}, ", (long long)f->gt_sales,
	    (long long)f->gt_returns, (long long)f->gt_net);
	json_text(m, "journal_head", f->journal_head);
	fputs("}\n", m);
	fclose(m);
	return (out);
}
