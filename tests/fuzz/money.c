/*
 * Fuzz target: the money, quantity, VAT rate and fixed-point parsers of
 * src/core/money.c. What parses must lie within its limit, and formatting
 * it in every locale and parsing that again must give the same number.
 * The first byte picks the decimals and the limit of fixed_parse; the rest
 * is the text.
 */
#include "fuzz.h"
#include "money.h"

static const char *locales[] = { "fi_FI", "de_DE", "nl_NL", "en_US", "C" };
#define NLOCALES (sizeof locales / sizeof locales[0])

static const int64_t limits[] = { 9999, MONEY_MAX, QTY_MAX, INT64_MAX };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct money_locale	*loc;
	char				*text, *cause = NULL;
	char				 buf[MONEY_BUFSIZE];
	int64_t				 v, again, max, money = 0, qty = 0;
	int32_t				 bp, bp2;
	int				 decimals;
	size_t				 i;

	if (size < 1)
		return (0);
	decimals = data[0] % 5;
	max = limits[(data[0] >> 3) % 4];
	text = fuzz_string(data + 1, size - 1);

	if (money_parse(text, &v, &cause) == 0) {
		FUZZ_CHECK(v >= -MONEY_MAX && v <= MONEY_MAX, "%lld",
		    (long long)v);
		for (i = 0; i < NLOCALES; i++) {
			loc = money_locale_find(locales[i]);
			money_format_plain(v, loc, buf, sizeof buf);
			FUZZ_CHECK(money_parse(buf, &again, NULL) == 0 &&
			    again == v, "\"%s\" is %lld, formatted \"%s\" in %s",
			    text, (long long)v, buf, locales[i]);
			money_format(v, loc, "EUR", buf, sizeof buf);
		}
		money = v;
	} else
		FUZZ_CHECK(cause != NULL, "no cause for \"%s\"", text);
	free(cause);
	cause = NULL;

	if (qty_parse(text, &v, &cause) == 0) {
		FUZZ_CHECK(v >= -QTY_MAX && v <= QTY_MAX, "%lld", (long long)v);
		for (i = 0; i < NLOCALES; i++) {
			loc = money_locale_find(locales[i]);
			qty_format(v, 1, loc, buf, sizeof buf);
			FUZZ_CHECK(qty_parse(buf, &again, NULL) == 0 &&
			    again == v, "\"%s\" is %lld, formatted \"%s\" in %s",
			    text, (long long)v, buf, locales[i]);
		}
		qty = v;
	} else
		FUZZ_CHECK(cause != NULL, "no cause for \"%s\"", text);
	free(cause);
	cause = NULL;

	if (rate_parse(text, &bp, &cause) == 0) {
		FUZZ_CHECK(bp >= 0 && bp <= 10000, "%d", (int)bp);
		for (i = 0; i < NLOCALES; i++) {
			loc = money_locale_find(locales[i]);
			rate_format(bp, loc, buf, sizeof buf);
			FUZZ_CHECK(rate_parse(buf, &bp2, NULL) == 0 &&
			    bp2 == bp, "\"%s\" is %d, formatted \"%s\" in %s",
			    text, (int)bp, buf, locales[i]);
		}
		money_percent(money, bp);
	} else
		FUZZ_CHECK(cause != NULL, "no cause for \"%s\"", text);
	free(cause);
	cause = NULL;

	if (fixed_parse(text, decimals, max, &v, &cause) == 0) {
		FUZZ_CHECK(v >= -max && v <= max, "%lld", (long long)v);
		/* One "." alone would be a decimal point: group with a space. */
		fixed_format(v, decimals, ",", " ", buf, sizeof buf);
		FUZZ_CHECK(fixed_parse(buf, decimals, max, &again, NULL) == 0 &&
		    again == v, "\"%s\" is %lld, formatted \"%s\"", text,
		    (long long)v, buf);
	} else
		FUZZ_CHECK(cause != NULL, "no cause for \"%s\"", text);
	free(cause);

	/* The arithmetic on what a cashier can enter must not overflow. */
	money_mul_qty(money, qty);
	money_cash_round(money, 5);
	free(text);
	return (0);
}
