/*
 * The receipt as a document of rows (centred text, a left and a right
 * column, rules) built from a committed sale; the console, `kassa receipt
 * show` and later the printer drivers render the same rows, so every copy of
 * a receipt says the same thing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "receipt.h"
#include "xmalloc.h"

static void
add_row(struct receipt *r, enum receipt_row_kind kind, int bold, int indent,
    char *left, char *right)
{
	struct receipt_row	*row;

	r->rows = xreallocarray(r->rows, r->nrows + 1, sizeof *r->rows);
	row = &r->rows[r->nrows++];
	row->kind = kind;
	row->bold = bold;
	row->indent = indent;
	row->left = left;
	row->right = right;
	row->big = 0;
}

static void
add_pair(struct receipt *r, int bold, int indent, const char *left,
    const char *right)
{
	add_row(r, ROW_PAIR, bold, indent, xstrdup(left),
	    xstrdup(right != NULL ? right : ""));
}

static void
add_center(struct receipt *r, int bold, const char *text)
{
	if (text != NULL && *text != '\0')
		add_row(r, ROW_CENTER, bold, 0, xstrdup(text), NULL);
}

/* A row for the documents built beside this one (receipt-report.c). */
void
receipt_add(struct receipt *r, enum receipt_row_kind kind, int bold,
    int indent, const char *left, const char *right)
{
	add_row(r, kind, bold, indent, left != NULL ? xstrdup(left) : NULL,
	    right != NULL ? xstrdup(right) : kind == ROW_PAIR ? xstrdup("") :
	    NULL);
}

/* "2026-11-23 11:45:02" as "23.11.2026 11:45". */
void
receipt_format_time(const char *iso, char *buf, size_t len)
{
	int	y, mo, d, h, mi;

	if (iso != NULL && sscanf(iso, "%d-%d-%d %d:%d", &y, &mo, &d, &h,
	    &mi) == 5)
		snprintf(buf, len, "%02d.%02d.%04d %02d:%02d", d, mo, y, h, mi);
	else
		snprintf(buf, len, "%s", iso != NULL ? iso : "");
}

static void
add_discount_row(struct receipt *r, const struct receipt_info *info,
    const struct discount *d, int64_t amount, const char *what)
{
	char	 left[160], num[MONEY_BUFSIZE], pct[16];

	if (amount == 0)
		return;
	if (d->kind == DISCOUNT_PERCENT) {
		rate_format((int32_t)d->value, info->locale, pct, sizeof pct);
		snprintf(left, sizeof left, "%s %s %% %s", what, pct,
		    d->reason != NULL ? d->reason : "");
	} else
		snprintf(left, sizeof left, "%s %s", what,
		    d->reason != NULL ? d->reason : "");
	money_format_plain(-amount, info->locale, num, sizeof num);
	add_pair(r, 0, 2, left, num);
}

/*
 * A slip that is not a sale: a title in bold and lines centred, such as
 * the no-sale slip that goes with a drawer opening.
 */
struct receipt *
receipt_slip(const char *title, const char *const *lines, size_t n)
{
	struct receipt	*r = xcalloc(1, sizeof *r);
	size_t		 i;

	add_center(r, 1, title);
	add_row(r, ROW_RULE, 0, 0, NULL, NULL);
	for (i = 0; i < n; i++)
		add_center(r, 0, lines[i]);
	return (r);
}

struct receipt *
receipt_build(const struct receipt_info *info, const struct sale *s,
    const struct vat_summary *vs)
{
	const struct money_locale	*loc = info->locale;
	struct receipt			*r;
	char				 a[160], b[160], num[MONEY_BUFSIZE];
	char				 q[32], rate[16], n1[MONEY_BUFSIZE];
	char				 n2[MONEY_BUFSIZE];
	size_t				 i;

	r = xcalloc(1, sizeof *r);
	receipt_set_code(r, info->till, info->number);
	if (info->copy)
		add_center(r, 1, _("*** COPY ***"));
	if (info->training)
		add_center(r, 1, _("*** TRAINING - NOT A RECEIPT ***"));
	if (info->is_return) {
		add_center(r, 1, _("RETURN"));
		if (info->return_of > 0)
			snprintf(a, sizeof a, _("Return of receipt %lld"),
			    (long long)info->return_of);
		else
			snprintf(a, sizeof a, "%s", _("Return without a "
			    "receipt"));
		add_center(r, 0, a);
		if (info->return_reason != NULL &&
		    *info->return_reason != '\0') {
			snprintf(a, sizeof a, _("Reason: %s"),
			    info->return_reason);
			add_center(r, 0, a);
		}
	}
	add_center(r, 1, info->store_name);
	add_center(r, 0, info->store_address);
	if (info->business_id != NULL && *info->business_id != '\0') {
		snprintf(a, sizeof a, _("Business ID %s"), info->business_id);
		add_center(r, 0, a);
	}
	add_row(r, ROW_RULE, 0, 0, NULL, NULL);
	snprintf(a, sizeof a, _("Receipt %lld"), (long long)info->number);
	snprintf(b, sizeof b, _("Till %s"), info->till != NULL ? info->till :
	    "");
	add_pair(r, 0, 0, a, b);
	receipt_format_time(info->time, a, sizeof a);
	if (info->cashier != NULL && *info->cashier != '\0')
		snprintf(b, sizeof b, _("Cashier %s"), info->cashier);
	else
		b[0] = '\0';
	add_pair(r, 0, 0, a, b);
	if (info->customer != NULL && *info->customer != '\0') {
		snprintf(a, sizeof a, _("Customer %s"), info->customer);
		add_pair(r, 0, 0, a, NULL);
	}
	add_row(r, ROW_RULE, 0, 0, NULL, NULL);

	for (i = 0; i < s->nlines; i++) {
		const struct sale_line *l = &s->lines[i];

		if (l->voided)
			continue;
		money_format_plain(l->gross, loc, num, sizeof num);
		add_pair(r, 0, 0, l->name, num);
		if (l->price_source == PRICE_OVERRIDE) {
			money_format_plain(l->list_price, loc, n1, sizeof n1);
			snprintf(a, sizeof a, _("Price changed, was %s"), n1);
			add_pair(r, 0, 2, a, NULL);
		}
		if (l->qty != QTY_ONE || l->unit == UNIT_KG) {
			qty_format(l->qty, l->unit == UNIT_KG, loc, q,
			    sizeof q);
			money_format_plain(l->unit_price, loc, num, sizeof num);
			if (l->unit == UNIT_KG)
				snprintf(a, sizeof a, "%s kg x %s/kg", q, num);
			else
				snprintf(a, sizeof a, "%s x %s", q, num);
			add_pair(r, 0, 2, a, NULL);
		}
		add_discount_row(r, info, &l->discount, l->line_discount,
		    _("Discount"));
	}
	add_row(r, ROW_RULE, 0, 0, NULL, NULL);
	if (s->discount.kind != DISCOUNT_NONE) {
		int64_t basket = 0;

		for (i = 0; i < s->nlines; i++)
			basket += s->lines[i].basket_discount;
		add_discount_row(r, info, &s->discount, basket,
		    _("Sale discount"));
	}
	money_format(s->total, loc, info->currency, num, sizeof num);
	add_pair(r, 1, 0, _("TOTAL"), num);
	r->rows[r->nrows - 1].big = 1;
	for (i = 0; i < s->ntenders; i++) {
		const struct tender *t = &s->tenders[i];
		const char *name = t->type == TENDER_CASH ? _("Cash") :
		    t->type == TENDER_CARD ? _("Card") : t->method;

		money_format_plain(t->given, loc, num, sizeof num);
		add_pair(r, 0, 0, name, num);
		if (t->reference[0] != '\0') {
			snprintf(a, sizeof a, _("Ref. %s"), t->reference);
			add_pair(r, 0, 2, a, NULL);
		}
	}
	if (s->rounding != 0) {
		money_format_plain(s->rounding, loc, num, sizeof num);
		add_pair(r, 0, 0, _("Cash rounding"), num);
	}
	if (s->change != 0) {
		money_format_plain(s->change, loc, num, sizeof num);
		add_pair(r, 1, 0, _("Change"), num);
	}
	if (vs != NULL && vs->n > 0) {
		add_row(r, ROW_RULE, 0, 0, NULL, NULL);
		snprintf(a, sizeof a, "%-5s %9s %8s", _("VAT %"), _("Net"),
		    _("VAT"));
		add_pair(r, 0, 0, a, _("Gross"));
		for (i = 0; i < vs->n; i++) {
			rate_format(vs->sums[i].rate_bp, loc, rate,
			    sizeof rate);
			money_format_plain(vs->sums[i].net, loc, n1,
			    sizeof n1);
			money_format_plain(vs->sums[i].tax, loc, n2,
			    sizeof n2);
			snprintf(a, sizeof a, "%-5s %9s %8s", rate, n1, n2);
			money_format_plain(vs->sums[i].gross, loc, num,
			    sizeof num);
			add_pair(r, 0, 0, a, num);
		}
	}
	if (info->footer != NULL && *info->footer != '\0') {
		add_row(r, ROW_BLANK, 0, 0, NULL, NULL);
		add_center(r, 0, info->footer);
	}
	return (r);
}

/*
 * The code a barcode or QR code on the receipt carries: the till and the
 * receipt number, "1-42". A scanner reads it back to find the sale, so only
 * characters every symbology and keyboard wedge pass through are kept.
 */
void
receipt_set_code(struct receipt *r, const char *till, int64_t number)
{
	char	 t[16];
	size_t	 n = 0;

	for (; till != NULL && *till != '\0' && n < sizeof t - 1; till++) {
		if ((*till >= '0' && *till <= '9') ||
		    (*till >= 'A' && *till <= 'Z') ||
		    (*till >= 'a' && *till <= 'z'))
			t[n++] = *till;
	}
	t[n] = '\0';
	if (n == 0)
		snprintf(r->code, sizeof r->code, "%lld", (long long)number);
	else
		snprintf(r->code, sizeof r->code, "%s-%lld", t,
		    (long long)number);
}

/*
 * A document that is not a sale (a report) as receipt rows: its title
 * centred, then one row a line, laid out as it was for the printer's width.
 */
struct receipt *
receipt_from_text(const char *store, const char *title, const char *text)
{
	struct receipt	*r;
	const char	*p, *nl;
	char		*line;

	r = xcalloc(1, sizeof *r);
	add_center(r, 1, store);
	add_center(r, 1, title);
	add_row(r, ROW_RULE, 0, 0, NULL, NULL);
	for (p = text; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		line = xstrndup(p, (size_t)(nl - p));
		add_row(r, ROW_PAIR, 0, 0, line, xstrdup(""));
	}
	add_row(r, ROW_RULE, 0, 0, NULL, NULL);
	return (r);
}

void
receipt_free(struct receipt *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].left);
		free(r->rows[i].right);
	}
	free(r->rows);
	free(r);
}

/* Columns a UTF-8 string takes: one per character (no wide scripts here). */
size_t
utf8_width(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

/* Whether s is well-formed UTF-8 (no overlongs, no surrogates). */
int
utf8_valid(const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	unsigned int		 c, n, i;

	while (*s != '\0') {
		if (*s < 0x80) {
			s++;
			continue;
		}
		if ((*s & 0xe0) == 0xc0) {
			n = 1;
			c = *s & 0x1f;
		} else if ((*s & 0xf0) == 0xe0) {
			n = 2;
			c = *s & 0x0f;
		} else if ((*s & 0xf8) == 0xf0) {
			n = 3;
			c = *s & 0x07;
		} else
			return (0);
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return (0);
			c = (c << 6) | (s[i] & 0x3f);
		}
		if ((n == 1 && c < 0x80) || (n == 2 && c < 0x800) ||
		    (n == 3 && (c < 0x10000 || c > 0x10ffff)) ||
		    (c >= 0xd800 && c <= 0xdfff))
			return (0);
		s += n + 1;
	}
	return (1);
}

/* Bytes of the first 'cols' characters of s. */
static size_t
utf8_prefix(const char *s, size_t cols)
{
	size_t	i = 0, n = 0;

	while (s[i] != '\0') {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (n == cols)
				break;
			n++;
		}
		i++;
	}
	return (i);
}

static void
append(char **out, size_t *len, const char *s, size_t n)
{
	*out = xreallocarray(*out, 1, *len + n + 1);
	memcpy(*out + *len, s, n);
	*len += n;
	(*out)[*len] = '\0';
}

static void
append_spaces(char **out, size_t *len, size_t n)
{
	while (n-- > 0)
		append(out, len, " ", 1);
}

/* The receipt as plain UTF-8 text, 'width' columns wide. */
char *
receipt_text(const struct receipt *r, int width)
{
	char		*out = NULL;
	const char	*left;
	size_t		 len = 0, i, lw, rw, w = (size_t)width, room, k;

	append(&out, &len, "", 0);
	for (i = 0; i < r->nrows; i++) {
		const struct receipt_row *row = &r->rows[i];

		switch (row->kind) {
		case ROW_RULE:
			for (k = 0; k < w; k++)
				append(&out, &len, "-", 1);
			break;
		case ROW_BLANK:
			break;
		case ROW_CENTER:
			lw = utf8_width(row->left);
			if (lw > w)
				lw = w;
			append_spaces(&out, &len, (w - lw) / 2);
			append(&out, &len, row->left,
			    utf8_prefix(row->left, lw));
			break;
		case ROW_PAIR:
			rw = utf8_width(row->right);
			append_spaces(&out, &len, row->indent);
			room = w - row->indent;
			if (rw + 1 > room)
				rw = 0;
			left = row->left;
			/* A long name wraps; the amount ends its last line. */
			while (utf8_width(left) > room) {
				size_t cut = utf8_prefix(left, room), sp = cut;

				/* At a space where there is one. */
				while (sp > 0 && left[sp] != ' ')
					sp--;
				k = sp > 0 ? sp : cut;
				append(&out, &len, left, k);
				append(&out, &len, "\n", 1);
				append_spaces(&out, &len, row->indent);
				left += k;
				while (*left == ' ')
					left++;
			}
			lw = utf8_width(left);
			append(&out, &len, left, strlen(left));
			if (rw > 0) {
				if (lw + 1 + rw > room) {
					append(&out, &len, "\n", 1);
					append_spaces(&out, &len, row->indent);
					lw = 0;
				}
				append_spaces(&out, &len, room - lw - rw);
				append(&out, &len, row->right,
				    strlen(row->right));
			}
			break;
		}
		append(&out, &len, "\n", 1);
	}
	return (out);
}
