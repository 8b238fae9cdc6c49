/*
 * Money: parsing what a cashier or a CSV file says, formatting per locale,
 * and every rounding of amounts except VAT (which lives in vat.c).
 *
 * All amounts are int64 minor units (cents). Quantities are int64
 * thousandths, so 1.250 kg is 1250 and 3 pieces are 3000. VAT rates are
 * basis points (25.5 % is 2550).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "money.h"
#include "xmalloc.h"

static const struct money_locale money_locales[] = {
	/* name, decimal, group, symbol before */
	{ "fi_FI", ",", "\xc2\xa0", 0 },
	{ "sv_FI", ",", "\xc2\xa0", 0 },
	{ "sv_SE", ",", "\xc2\xa0", 0 },
	{ "de_DE", ",", ".", 0 },
	{ "fr_FR", ",", "\xc2\xa0", 0 },
	{ "nl_NL", ",", ".", 1 },
	{ "nl_BE", ",", ".", 1 },
	{ "en_IE", ".", ",", 1 },
	{ "en_GB", ".", ",", 1 },
	{ "en_US", ".", ",", 1 },
	{ "C", ".", "", 0 },
};

/* A locale by name; "fi_FI.UTF-8" finds fi_FI. Unknown names get fi_FI. */
const struct money_locale *
money_locale_find(const char *name)
{
	size_t	 i, n;

	if (name == NULL || *name == '\0')
		return (&money_locales[0]);
	n = strcspn(name, ".@");
	for (i = 0; i < sizeof money_locales / sizeof money_locales[0]; i++) {
		if (strlen(money_locales[i].name) == n &&
		    strncmp(money_locales[i].name, name, n) == 0)
			return (&money_locales[i]);
	}
	if (strcmp(name, "POSIX") == 0)
		return (&money_locales[sizeof money_locales /
		    sizeof money_locales[0] - 1]);
	return (&money_locales[0]);
}

const char *
money_symbol(const char *currency)
{
	if (currency == NULL || strcmp(currency, "EUR") == 0)
		return ("€");
	if (strcmp(currency, "SEK") == 0 || strcmp(currency, "NOK") == 0 ||
	    strcmp(currency, "DKK") == 0)
		return ("kr");
	if (strcmp(currency, "GBP") == 0)
		return ("£");
	if (strcmp(currency, "USD") == 0)
		return ("$");
	return (currency);
}

/* Length of a grouping space at s: ASCII space, NBSP or narrow NBSP. */
static size_t
group_space(const char *s)
{
	if (*s == ' ' || *s == '\'')
		return (1);
	if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
		return (2);
	if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0xaf)
		return (3);
	return (0);
}

static const char *
skip_blanks(const char *s)
{
	size_t	n;

	while (*s == '\t' || (n = group_space(s)) != 0) {
		if (*s == '\'')
			break;
		s += (*s == '\t') ? 1 : n;
	}
	return (s);
}

/*
 * Parse a fixed-point number with up to 'decimals' decimals into an integer
 * scaled by 10^decimals, refusing anything above max in magnitude.
 *
 * Accepted: an optional sign, digits, an optional decimal separator ('.' or
 * ','), and thousands separators (space, no-break space, apostrophe, or the
 * other one of '.' and ','), which must separate groups of three digits.
 * When '.' and ',' both appear, the last one is the decimal separator; when
 * only one of them appears once, it is the decimal separator; when it appears
 * more than once, it groups thousands. "1 234,50", "1.234,50", "1,234.50",
 * "12.50" and "-3" all parse; "1,2,3", "12,345" (three decimals), "1 23" and
 * "12a" do not.
 */
enum scan_error {
	SCAN_OK,
	SCAN_BAD,
	SCAN_BIG,
	SCAN_DECIMALS,
};

static enum scan_error
fixed_scan(const char *text, int decimals, int64_t max, int64_t *out)
{
	const char	*s, *p, *end;
	char		 dec = 0;
	int		 neg = 0, ndot = 0, ncomma = 0, ndec = 0, ndigits = 0;
	int		 group_len = -1, first_group = 1, in_frac = 0;
	int64_t		 v = 0;
	size_t		 n;

	s = skip_blanks(text);
	end = s + strlen(s);
	while (end > s) {
		if (end[-1] == ' ' || end[-1] == '\t')
			end--;
		else if (end - s >= 2 && (unsigned char)end[-2] == 0xc2 &&
		    (unsigned char)end[-1] == 0xa0)
			end -= 2;
		else
			break;
	}
	if (s < end && (*s == '-' || *s == '+')) {
		neg = (*s == '-');
		s = skip_blanks(s + 1);
	}
	if (s == end)
		goto bad;

	for (p = s; p < end; p++) {
		if (*p == '.')
			ndot++;
		else if (*p == ',')
			ncomma++;
	}
	if (ndot > 0 && ncomma > 0) {
		const char *last = NULL;
		for (p = s; p < end; p++)
			if (*p == '.' || *p == ',')
				last = p;
		dec = *last;
		if ((dec == '.' && ndot > 1) || (dec == ',' && ncomma > 1))
			goto bad;
	} else if (ndot == 1)
		dec = '.';
	else if (ncomma == 1)
		dec = ',';

	for (p = s; p < end; ) {
		if (isdigit((unsigned char)*p)) {
			if (in_frac) {
				if (++ndec > decimals)
					return (SCAN_DECIMALS);
			} else if (group_len >= 0)
				group_len++;
			if (v > (INT64_MAX - 9) / 10)
				goto big;
			v = v * 10 + (*p - '0');
			ndigits++;
			p++;
			continue;
		}
		if (in_frac)
			goto bad;
		if (*p == dec) {
			if (group_len >= 0 && group_len != 3)
				goto bad;
			if (ndigits == 0 && p + 1 == end)
				goto bad;
			in_frac = 1;
			p++;
			continue;
		}
		n = group_space(p);
		if (n == 0 && (*p == '.' || *p == ','))
			n = 1;
		if (n == 0)
			goto bad;
		/* A thousands separator: the group before must be complete. */
		if (ndigits == 0 || (first_group && ndigits > 3) ||
		    (!first_group && group_len != 3))
			goto bad;
		first_group = 0;
		group_len = 0;
		p += n;
		if (p >= end || !isdigit((unsigned char)*p))
			goto bad;
	}
	if (!in_frac && group_len >= 0 && group_len != 3)
		goto bad;
	if (ndigits == 0)
		goto bad;
	for (; ndec < decimals; ndec++) {
		if (v > INT64_MAX / 10)
			goto big;
		v *= 10;
	}
	if (v > max)
		goto big;
	*out = neg ? -v : v;
	return (SCAN_OK);
bad:
	return (SCAN_BAD);
big:
	return (SCAN_BIG);
}

/* Parse with fixed_scan; what names what was wanted, for the message. */
enum parse_what {
	PARSE_NUMBER,
	PARSE_AMOUNT,
	PARSE_QTY,
};

static int
parse_as(const char *text, int decimals, int64_t max, int64_t *out,
    char **cause, enum parse_what what)
{
	switch (fixed_scan(text, decimals, max, out)) {
	case SCAN_OK:
		return (0);
	case SCAN_BIG:
		if (what == PARSE_AMOUNT)
			set_cause(cause, _("\"%s\" is too large an amount"),
			    text);
		else if (what == PARSE_QTY)
			set_cause(cause, _("\"%s\" is too large a quantity"),
			    text);
		else
			set_cause(cause, _("\"%s\" is too large"), text);
		break;
	case SCAN_DECIMALS:
		set_cause(cause, ngettext("\"%s\" has more than %d decimal",
		    "\"%s\" has more than %d decimals", decimals), text,
		    decimals);
		break;
	default:
		if (what == PARSE_AMOUNT)
			set_cause(cause, _("\"%s\" is not an amount"), text);
		else if (what == PARSE_QTY)
			set_cause(cause, _("\"%s\" is not a quantity"), text);
		else
			set_cause(cause, _("\"%s\" is not a number"), text);
		break;
	}
	return (-1);
}

int
fixed_parse(const char *text, int decimals, int64_t max, int64_t *out,
    char **cause)
{
	return (parse_as(text, decimals, max, out, cause, PARSE_NUMBER));
}

int
money_parse(const char *text, int64_t *out, char **cause)
{
	return (parse_as(text, 2, MONEY_MAX, out, cause, PARSE_AMOUNT));
}

int
qty_parse(const char *text, int64_t *out, char **cause)
{
	return (parse_as(text, 3, QTY_MAX, out, cause, PARSE_QTY));
}

/* A VAT rate in percent ("25.5", "13,5 %", "0") to basis points. */
int
rate_parse(const char *text, int32_t *out, char **cause)
{
	char	 buf[32];
	size_t	 n;
	int64_t	 v;

	n = strlen(text);
	if (n >= sizeof buf)
		goto bad;
	memcpy(buf, text, n + 1);
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '%'))
		buf[--n] = '\0';
	if (fixed_scan(buf, 2, 10000, &v) != SCAN_OK || v < 0)
		goto bad;
	*out = (int32_t)v;
	return (0);
bad:
	set_cause(cause, _("\"%s\" is not a VAT rate in percent"), text);
	return (-1);
}

/*
 * Format v / 10^decimals with the given separators. Grouping applies to the
 * integer part only.
 */
char *
fixed_format(int64_t v, int decimals, const char *decimal, const char *group,
    char *buf, size_t len)
{
	char		 digits[32], tmp[96];
	uint64_t	 u;
	int		 nd, i, intlen;
	size_t		 o = 0, gl = strlen(group);

	u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	nd = snprintf(digits, sizeof digits, "%0*llu", decimals + 1,
	    (unsigned long long)u);
	intlen = nd - decimals;
	if (v < 0)
		tmp[o++] = '-';
	for (i = 0; i < intlen; i++) {
		if (i > 0 && (intlen - i) % 3 == 0 && gl > 0) {
			memcpy(tmp + o, group, gl);
			o += gl;
		}
		tmp[o++] = digits[i];
	}
	if (decimals > 0) {
		memcpy(tmp + o, decimal, strlen(decimal));
		o += strlen(decimal);
		memcpy(tmp + o, digits + intlen, decimals);
		o += decimals;
	}
	tmp[o] = '\0';
	snprintf(buf, len, "%s", tmp);
	return (buf);
}

/* "1 234,50" in fi_FI: the amount without a currency symbol. */
char *
money_format_plain(int64_t v, const struct money_locale *loc, char *buf,
    size_t len)
{
	return (fixed_format(v, 2, loc->decimal, loc->group, buf, len));
}

/* "12,50 €" in fi_FI, "€ 12,50" in nl_NL. */
char *
money_format(int64_t v, const struct money_locale *loc, const char *currency,
    char *buf, size_t len)
{
	char	 num[MONEY_BUFSIZE];

	money_format_plain(v, loc, num, sizeof num);
	if (loc->symbol_before)
		snprintf(buf, len, "%s %s", money_symbol(currency), num);
	else
		snprintf(buf, len, "%s %s", num, money_symbol(currency));
	return (buf);
}

/* A quantity: "2" for pieces, "1,250" for kilograms. */
char *
qty_format(int64_t qty, int weighed, const struct money_locale *loc,
    char *buf, size_t len)
{
	if (!weighed && qty % QTY_ONE == 0)
		return (fixed_format(qty / QTY_ONE, 0, "", "", buf, len));
	return (fixed_format(qty, 3, loc->decimal, "", buf, len));
}

/* "25,5" or "0": a VAT rate in percent without trailing zeros. */
char *
rate_format(int32_t bp, const struct money_locale *loc, char *buf, size_t len)
{
	if (bp % 100 == 0)
		return (fixed_format(bp / 100, 0, "", "", buf, len));
	if (bp % 10 == 0)
		return (fixed_format(bp / 10, 1, loc->decimal, "", buf, len));
	return (fixed_format(bp, 2, loc->decimal, "", buf, len));
}

/*
 * The one rounding rule for amounts: (a * b) / c, rounded
 * half away from zero, computed in 128 bits so no product overflows. Half
 * away from zero is what Finnish and Dutch tax practice and every
 * calculator a customer might check with do with a half cent.
 */
int64_t
div_round(int64_t a, int64_t b, int64_t c)
{
	__int128	 p = (__int128)a * b, q, r;

	if (c < 0) {
		c = -c;
		p = -p;
	}
	q = p / c;
	r = p % c;
	if (r < 0)
		r = -r;
	if (2 * r >= c)
		q += (p < 0) ? -1 : 1;
	if (q > INT64_MAX || q < -INT64_MAX)
		return (q > 0 ? INT64_MAX : -INT64_MAX);
	return ((int64_t)q);
}

/* Price times a quantity in thousandths, half away from zero. */
int64_t
money_mul_qty(int64_t price, int64_t qty)
{
	return (div_round(price, qty, QTY_ONE));
}

/* A percentage in basis points of an amount, half away from zero. */
int64_t
money_percent(int64_t amount, int32_t bp)
{
	return (div_round(amount, bp, 10000));
}

/*
 * Cash rounding of a total to a multiple of 'unit' (5 for 0.05): to the
 * nearest multiple, a tie away from zero. With unit 5 there are no ties: 1
 * and 2 cents go down, 3 and 4 go up, as the Finnish and Dutch rules say.
 * Unit 0 or 1 means no rounding. Only cash payments are rounded.
 */
int64_t
money_cash_round(int64_t amount, int64_t unit)
{
	if (unit <= 1)
		return (amount);
	return (div_round(amount, 1, unit) * unit);
}
