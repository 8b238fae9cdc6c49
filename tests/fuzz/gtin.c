/*
 * Fuzz target: the GTIN code of src/core/gtin.c: classification, check
 * digits, GTIN-14 padding, UPC-E expansion and in-store codes with an
 * embedded price or weight. The first three bytes make an in-store layout
 * (used when it is one kassa.conf would accept); the rest is the code.
 */
#include <ctype.h>

#include "fuzz.h"
#include "gtin.h"

/* kassa's defaults: 20-22 carry a price, 23-24 a weight. */
static const struct instore_rule defaults[] = {
	{ 20, 22, INSTORE_PRICE, 5, 5, 2, 0 },
	{ 23, 24, INSTORE_WEIGHT, 5, 5, 3, 0 },
};

static void
check_instore(const char *code, const struct instore_rule *rules, size_t n)
{
	struct instore_code	 ic;
	char			*cause = NULL;
	int			 rc;

	memset(&ic, 0, sizeof ic);
	rc = instore_parse(code, rules, n, &ic, &cause);
	FUZZ_CHECK(rc >= -1 && rc <= 1, "%d", rc);
	FUZZ_CHECK((rc == -1) == (cause != NULL), "\"%s\": %d", code, rc);
	if (rc == 1) {
		FUZZ_CHECK(ic.rule != NULL && gtin_valid(code), "%s", code);
		FUZZ_CHECK((int)strlen(ic.item) == ic.rule->item_digits &&
		    strncmp(ic.item, code + 2, strlen(ic.item)) == 0, "%s", code);
		FUZZ_CHECK(ic.value >= 0, "%s", code);
	}
	free(cause);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct instore_rule	 r;
	char			*code, *cause = NULL;
	char			 out[GTIN14_LEN + 1], upca[13];
	size_t			 n, digits;
	int			 d;

	if (size < 3)
		return (0);
	memset(&r, 0, sizeof r);
	r.prefix_lo = 20 + data[0] % 10;
	r.prefix_hi = r.prefix_lo + (data[0] / 10) % 10;
	r.kind = (data[1] & 1) ? INSTORE_WEIGHT : INSTORE_PRICE;
	r.price_check = (data[1] >> 1) & 1;
	r.item_digits = 1 + (data[1] >> 2) % 9;
	r.value_digits = 1 + data[2] % 9;
	r.decimals = (data[2] / 9) % 4;
	code = fuzz_string(data + 3, size - 3);
	n = strlen(code);

	if (gtin_classify(code) != GTIN_NONE) {
		FUZZ_CHECK(n == 8 || n == 12 || n == 13 || n == 14, "%s", code);
		d = gtin_check_digit(code, n - 1);
		FUZZ_CHECK(d >= 0 && d <= 9, "%s: %d", code, d);
		FUZZ_CHECK(gtin_valid(code) == (code[n - 1] - '0' == d), "%s",
		    code);
	} else
		FUZZ_CHECK(!gtin_valid(code), "%s", code);

	if (gtin_to14(code, out, &cause) == 0) {
		FUZZ_CHECK(strlen(out) == GTIN14_LEN && gtin_valid(out) &&
		    strcmp(out + GTIN14_LEN - n, code) == 0, "%s: %s", code, out);
		FUZZ_CHECK(cause == NULL, "%s", code);
	} else
		FUZZ_CHECK(cause != NULL && !gtin_valid(code), "%s", code);
	free(cause);
	cause = NULL;

	if (gtin_upce_expand(code, upca) == 0)
		FUZZ_CHECK(strlen(upca) == 12 && gtin_valid(upca) &&
		    upca[0] == code[0] && upca[11] == code[7], "%s: %s", code,
		    upca);

	for (digits = 0; isdigit((unsigned char)code[digits]); digits++)
		;
	if (digits >= 4) {
		d = instore_price_check_digit(code, 4);
		FUZZ_CHECK(d >= 0 && d <= 9, "%s: %d", code, d);
	}
	if (digits >= 5) {
		d = instore_price_check_digit(code, 5);
		FUZZ_CHECK(d >= 0 && d <= 9, "%s: %d", code, d);
	}

	check_instore(code, defaults, sizeof defaults / sizeof defaults[0]);
	if (instore_rule_check(&r, &cause) == 0)
		check_instore(code, &r, 1);
	free(cause);
	free(code);
	return (0);
}
