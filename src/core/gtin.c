/*
 * GTIN: the GS1 mod-10 check digit for EAN-8, UPC-A, EAN-13 and GTIN-14,
 * UPC-E expansion, and in-store EAN-13 codes (GS1 prefixes 20-29) that carry
 * an item number and a price or a weight, optionally with a price check
 * digit (GS1 General Specifications, "price/weight check digit").
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "gtin.h"
#include "money.h"
#include "xmalloc.h"

static int
all_digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return (0);
	return (1);
}

/* The check digit for the n digits at s, weights 3,1,3,... from the right. */
int
gtin_check_digit(const char *s, size_t n)
{
	size_t	i;
	int	sum = 0, w = 3;

	for (i = n; i > 0; i--) {
		sum += (s[i - 1] - '0') * w;
		w = (w == 3) ? 1 : 3;
	}
	return ((10 - sum % 10) % 10);
}

/* Which kind of GTIN s has the shape of; its check digit is not looked at. */
enum gtin_kind
gtin_classify(const char *s)
{
	size_t	n = strlen(s);

	if (!all_digits(s, n))
		return (GTIN_NONE);
	switch (n) {
	case 8:
		return (GTIN_EAN8);
	case 12:
		return (GTIN_UPCA);
	case 13:
		return (GTIN_EAN13);
	case 14:
		return (GTIN_14);
	}
	return (GTIN_NONE);
}

/* Whether s is an EAN-8, UPC-A, EAN-13 or GTIN-14 with a right check digit. */
int
gtin_valid(const char *s)
{
	size_t	n = strlen(s);

	if (gtin_classify(s) == GTIN_NONE)
		return (0);
	return (gtin_check_digit(s, n - 1) == s[n - 1] - '0');
}

/*
 * Expand an 8-digit UPC-E (number system 0 or 1, six digits, check digit)
 * to the 12-digit UPC-A it stands for; out has room for 13 bytes. The check
 * digit of UPC-E is the one of the expanded UPC-A.
 */
int
gtin_upce_expand(const char *e, char *out)
{
	char	 m[11];
	char	 d1, d2, d3, d4, d5, d6;

	if (strlen(e) != 8 || !all_digits(e, 8) || (e[0] != '0' && e[0] != '1'))
		return (-1);
	d1 = e[1]; d2 = e[2]; d3 = e[3]; d4 = e[4]; d5 = e[5]; d6 = e[6];
	switch (d6) {
	case '0': case '1': case '2':
		snprintf(m, sizeof m, "%c%c%c0000%c%c%c", d1, d2, d6, d3, d4,
		    d5);
		break;
	case '3':
		snprintf(m, sizeof m, "%c%c%c00000%c%c", d1, d2, d3, d4, d5);
		break;
	case '4':
		snprintf(m, sizeof m, "%c%c%c%c00000%c", d1, d2, d3, d4, d5);
		break;
	default:
		snprintf(m, sizeof m, "%c%c%c%c%c0000%c", d1, d2, d3, d4, d5,
		    d6);
		break;
	}
	out[0] = e[0];
	memcpy(out + 1, m, 10);
	out[11] = '0' + gtin_check_digit(out, 11);
	out[12] = '\0';
	if (out[11] != e[7])
		return (-1);
	return (0);
}

/*
 * Validate a GTIN and write it as 14 digits (left-padded with zeros) to out,
 * which has room for 15 bytes: the one form codes are stored and looked up
 * in, so an EAN-13 and the same code as GTIN-14 are one code.
 */
int
gtin_to14(const char *s, char *out, char **cause)
{
	size_t	n = strlen(s);

	if (gtin_classify(s) == GTIN_NONE) {
		set_cause(cause, _("\"%s\" is not a GTIN (8, 12, 13 or 14 "
		    "digits)"), s);
		return (-1);
	}
	if (!gtin_valid(s)) {
		set_cause(cause, _("\"%s\" has a wrong check digit (expected "
		    "%d)"), s, gtin_check_digit(s, n - 1));
		return (-1);
	}
	memset(out, '0', GTIN14_LEN - n);
	memcpy(out + GTIN14_LEN - n, s, n + 1);
	return (0);
}

/*
 * The price check digit weightings of GS1: for each digit the product digit
 * under the weighting factors 2-, 3, 5+ and 5-.
 */
static const int w2m[10] = { 0, 2, 4, 6, 8, 9, 1, 3, 5, 7 };
static const int w3[10] = { 0, 3, 6, 9, 2, 5, 8, 1, 4, 7 };
static const int w5p[10] = { 0, 5, 1, 6, 2, 7, 3, 8, 4, 9 };
static const int w5m[10] = { 0, 5, 9, 4, 8, 3, 7, 2, 6, 1 };

/* The price check digit of a 4- or 5-digit value, or -1. */
int
instore_price_check_digit(const char *v, size_t n)
{
	int	sum, i, r;

	if (!all_digits(v, n))
		return (-1);
	if (n == 4) {
		sum = w2m[v[0] - '0'] + w2m[v[1] - '0'] + w3[v[2] - '0'] +
		    w5m[v[3] - '0'];
		return ((sum * 3) % 10);
	}
	if (n == 5) {
		sum = w5p[v[0] - '0'] + w2m[v[1] - '0'] + w5m[v[2] - '0'] +
		    w5p[v[3] - '0'] + w2m[v[4] - '0'];
		r = (10 - sum % 10) % 10;
		for (i = 0; i < 10; i++)
			if (w5m[i] == r)
				return (i);
	}
	return (-1);
}

/* Whether a rule fills an EAN-13 exactly and makes sense. */
int
instore_rule_check(const struct instore_rule *r, char **cause)
{
	int	len = 2 + r->item_digits + (r->price_check ? 1 : 0) +
		    r->value_digits + 1;

	if (r->prefix_lo < 20 || r->prefix_hi > 29 ||
	    r->prefix_lo > r->prefix_hi) {
		set_cause(cause, _("in-store prefixes must lie within 20-29"));
		return (-1);
	}
	if (r->item_digits < 1 || r->value_digits < 1 || len != 13) {
		set_cause(cause, _("in-store layout %d+%d%s+%d+1 does not make "
		    "13 digits"), 2, r->item_digits, r->price_check ? "+1" : "",
		    r->value_digits);
		return (-1);
	}
	if (r->price_check && r->value_digits != 4 && r->value_digits != 5) {
		set_cause(cause, _("a price check digit needs 4 or 5 value "
		    "digits"));
		return (-1);
	}
	if (r->decimals < 0 || r->decimals > r->value_digits ||
	    r->decimals > (r->kind == INSTORE_PRICE ? 2 : 3)) {
		set_cause(cause, _("in-store value decimals out of range"));
		return (-1);
	}
	return (0);
}

/*
 * Decode an in-store EAN-13. Returns 1 and fills out when code matches one
 * of the rules, 0 when it is not an in-store code, and -1 with a cause when
 * it is one but is damaged (wrong check digit or price check digit).
 */
int
instore_parse(const char *code, const struct instore_rule *rules, size_t n,
    struct instore_code *out, char **cause)
{
	const struct instore_rule	*r = NULL;
	const char			*v;
	int				 prefix, scale;
	size_t				 i;
	int64_t				 value = 0;

	if (strlen(code) != 13 || !all_digits(code, 13) || code[0] != '2')
		return (0);
	prefix = (code[0] - '0') * 10 + (code[1] - '0');
	for (i = 0; i < n; i++) {
		if (prefix >= rules[i].prefix_lo &&
		    prefix <= rules[i].prefix_hi) {
			r = &rules[i];
			break;
		}
	}
	if (r == NULL)
		return (0);
	out->rule = r;		/* the caller says which range, even on -1 */
	if (!gtin_valid(code)) {
		set_cause(cause, _("in-store code %s has a wrong check digit"),
		    code);
		return (-1);
	}
	v = code + 2 + r->item_digits + (r->price_check ? 1 : 0);
	if (r->price_check && instore_price_check_digit(v, r->value_digits) !=
	    code[2 + r->item_digits] - '0') {
		set_cause(cause, _("in-store code %s has a wrong price check "
		    "digit"), code);
		return (-1);
	}
	for (i = 0; i < (size_t)r->value_digits; i++)
		value = value * 10 + (v[i] - '0');
	/* Scale to cents for a price, to thousandths (grams) for a weight. */
	scale = (r->kind == INSTORE_PRICE ? 2 : 3) - r->decimals;
	while (scale-- > 0)
		value *= 10;
	out->rule = r;
	memcpy(out->item, code + 2, r->item_digits);
	out->item[r->item_digits] = '\0';
	out->value = value;
	return (1);
}
