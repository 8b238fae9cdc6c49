/* GTIN check digits, UPC-E, and in-store codes with a price or weight. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "gtin.h"

START_TEST(test_check_digits)
{
	const char *good[] = { "4006381333931", "5901234123457", "73513537",
	    "96385074", "036000291452", "00012345600012", "10614141000415",
	    NULL };
	const char *bad[] = { "4006381333932", "73513538", "036000291453",
	    "10614141000416", "400638133393", "4006381333931x", "", "1234",
	    NULL };
	size_t	i;

	for (i = 0; good[i] != NULL; i++)
		ck_assert_msg(gtin_valid(good[i]), "%s", good[i]);
	for (i = 0; bad[i] != NULL; i++)
		ck_assert_msg(!gtin_valid(bad[i]), "%s", bad[i]);
	ck_assert_int_eq(gtin_classify("73513537"), GTIN_EAN8);
	ck_assert_int_eq(gtin_classify("036000291452"), GTIN_UPCA);
	ck_assert_int_eq(gtin_classify("4006381333931"), GTIN_EAN13);
	ck_assert_int_eq(gtin_classify("10614141000415"), GTIN_14);
	ck_assert_int_eq(gtin_check_digit("400638133393", 12), 1);
}
END_TEST

START_TEST(test_to14)
{
	char	 out[GTIN14_LEN + 1], *cause = NULL;

	ck_assert_int_eq(gtin_to14("73513537", out, NULL), 0);
	ck_assert_str_eq(out, "00000073513537");
	ck_assert_int_eq(gtin_to14("036000291452", out, NULL), 0);
	ck_assert_str_eq(out, "00036000291452");
	/* A UPC-A and the same code as EAN-13 are one code. */
	ck_assert_int_eq(gtin_to14("0036000291452", out, NULL), 0);
	ck_assert_str_eq(out, "00036000291452");
	ck_assert_int_eq(gtin_to14("4006381333932", out, &cause), -1);
	ck_assert_str_eq(cause, "\"4006381333932\" has a wrong check digit "
	    "(expected 1)");
	free(cause);
	ck_assert_int_eq(gtin_to14("12345", out, NULL), -1);
}
END_TEST

START_TEST(test_upce)
{
	char	out[13];

	ck_assert_int_eq(gtin_upce_expand("04252614", out), 0);
	ck_assert_str_eq(out, "042100005264");
	ck_assert_int_eq(gtin_upce_expand("01234565", out), 0);
	ck_assert_str_eq(out, "012345000065");
	ck_assert_int_eq(gtin_upce_expand("01234566", out), -1);
	ck_assert_int_eq(gtin_upce_expand("21234565", out), -1);
}
END_TEST

START_TEST(test_price_check_digit)
{
	/* The examples of the GS1 General Specifications. */
	ck_assert_int_eq(instore_price_check_digit("2875", 4), 9);
	ck_assert_int_eq(instore_price_check_digit("14685", 5), 6);
	ck_assert_int_eq(instore_price_check_digit("123", 3), -1);
}
END_TEST

START_TEST(test_instore)
{
	static const struct instore_rule rules[] = {
		{ 20, 20, INSTORE_PRICE, 4, 5, 2, 1 },
		{ 21, 22, INSTORE_PRICE, 5, 5, 2, 0 },
		{ 23, 24, INSTORE_WEIGHT, 5, 5, 3, 0 },
	};
	struct instore_code	 ic;
	char			*cause = NULL;
	size_t			 i;

	for (i = 0; i < 3; i++)
		ck_assert_int_eq(instore_rule_check(&rules[i], NULL), 0);
	/* 23 10001 01250 5: 1.250 kg of item 10001. */
	ck_assert_int_eq(instore_parse("2310001012505", rules, 3, &ic, NULL),
	    1);
	ck_assert_str_eq(ic.item, "10001");
	ck_assert_int_eq(ic.value, 1250);
	ck_assert_int_eq(ic.rule->kind, INSTORE_WEIGHT);
	/* 20 1234 6 14685 2: 146.85 with a right price check digit. */
	ck_assert_int_eq(instore_parse("2012346146852", rules, 3, &ic, NULL),
	    1);
	ck_assert_str_eq(ic.item, "1234");
	ck_assert_int_eq(ic.value, 14685);
	/* The same with a wrong price check digit (and a right check digit). */
	ck_assert_int_eq(instore_parse("2012345146853", rules, 3, &ic,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "price check digit"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(instore_parse("2310001012506", rules, 3, &ic,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "wrong check digit"));
	free(cause);
	/* Not in-store: other prefixes, or a prefix with no rule. */
	ck_assert_int_eq(instore_parse("4006381333931", rules, 3, &ic, NULL),
	    0);
	ck_assert_int_eq(instore_parse("2512345678908", rules, 3, &ic, NULL),
	    0);
}
END_TEST

START_TEST(test_instore_rule_check)
{
	struct instore_rule	r = { 20, 22, INSTORE_PRICE, 5, 4, 2, 0 };
	char			*cause = NULL;

	ck_assert_int_eq(instore_rule_check(&r, &cause), -1);	/* 12 digits */
	ck_assert_ptr_nonnull(strstr(cause, "13 digits"));
	free(cause);
	r.value_digits = 5;
	r.prefix_hi = 30;
	ck_assert_int_eq(instore_rule_check(&r, NULL), -1);
	r.prefix_hi = 22;
	r.price_check = 1;			/* no room for it */
	ck_assert_int_eq(instore_rule_check(&r, NULL), -1);
	r.item_digits = 4;
	ck_assert_int_eq(instore_rule_check(&r, NULL), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("gtin");
	TCase	*tc = tcase_create("gtin");

	tcase_add_test(tc, test_check_digits);
	tcase_add_test(tc, test_to14);
	tcase_add_test(tc, test_upce);
	tcase_add_test(tc, test_price_check_digit);
	tcase_add_test(tc, test_instore);
	tcase_add_test(tc, test_instore_rule_check);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
