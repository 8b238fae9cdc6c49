/* Money: parsing what cashiers and files say, formatting, rounding. */
#include "unit.h"
#include <stdlib.h>
#include <string.h>

#include "money.h"

static int64_t
parse_ok(const char *s)
{
	int64_t	 v = -999999;
	char	*cause = NULL;

	ck_assert_msg(money_parse(s, &v, &cause) == 0, "\"%s\": %s", s,
	    cause);
	return (v);
}

static char *
parse_bad(const char *s)
{
	int64_t	 v;
	char	*cause = NULL;

	ck_assert_msg(money_parse(s, &v, &cause) == -1,
	    "\"%s\" parsed as %lld", s, (long long)v);
	ck_assert_ptr_nonnull(cause);
	return (cause);
}

START_TEST(test_parse_forms)
{
	ck_assert_int_eq(parse_ok("12,50"), 1250);
	ck_assert_int_eq(parse_ok("12.50"), 1250);
	ck_assert_int_eq(parse_ok("-3"), -300);
	ck_assert_int_eq(parse_ok("1 234,50"), 123450);
	ck_assert_int_eq(parse_ok("1\xc2\xa0" "234,50"), 123450);
	ck_assert_int_eq(parse_ok("1.234,50"), 123450);
	ck_assert_int_eq(parse_ok("1,234.50"), 123450);
	ck_assert_int_eq(parse_ok("1 234 567"), 123456700);
	ck_assert_int_eq(parse_ok("0,5"), 50);
	ck_assert_int_eq(parse_ok(" 7 "), 700);
	ck_assert_int_eq(parse_ok("+2"), 200);
	ck_assert_int_eq(parse_ok("10."), 1000);
	ck_assert_int_eq(parse_ok(",05"), 5);
	ck_assert_int_eq(parse_ok("999 999 999,99"), MONEY_MAX);
}
END_TEST

START_TEST(test_parse_garbage)
{
	const char *bad[] = { "", " ", "abc", "12a", "a12", "1,2,3", "1 23",
	    "--1", "1..2", ",", "-", "12,5,0", "1 2345", "12 €x", "1.234.5",
	    "0x10", "1e5", "12,50,", NULL };
	size_t	 i;
	char	*cause;

	for (i = 0; bad[i] != NULL; i++) {
		cause = parse_bad(bad[i]);
		ck_assert_msg(strstr(cause, "not an amount") != NULL,
		    "\"%s\": %s", bad[i], cause);
		free(cause);
	}
	cause = parse_bad("12,345");
	ck_assert_str_eq(cause, "\"12,345\" has more than 2 decimals");
	free(cause);
}
END_TEST

START_TEST(test_parse_overflow)
{
	const char *big[] = { "1 000 000 000", "99999999999999999999",
	    "-9223372036854775808", "92233720368547758,07", NULL };
	size_t	 i;
	char	*cause;

	for (i = 0; big[i] != NULL; i++) {
		cause = parse_bad(big[i]);
		ck_assert_msg(strstr(cause, "too large") != NULL, "%s", cause);
		free(cause);
	}
}
END_TEST

START_TEST(test_format)
{
	const struct money_locale	*fi = money_locale_find("fi_FI.UTF-8");
	const struct money_locale	*nl = money_locale_find("nl_NL");
	char				 b[MONEY_BUFSIZE];

	ck_assert_str_eq(money_format(1250, fi, "EUR", b, sizeof b),
	    "12,50 €");
	ck_assert_str_eq(money_format(1250, nl, "EUR", b, sizeof b),
	    "€ 12,50");
	ck_assert_str_eq(money_format(123450, fi, "EUR", b, sizeof b),
	    "1\xc2\xa0" "234,50 €");
	ck_assert_str_eq(money_format(123456789, nl, "EUR", b, sizeof b),
	    "€ 1.234.567,89");
	ck_assert_str_eq(money_format(-300, fi, "EUR", b, sizeof b),
	    "-3,00 €");
	ck_assert_str_eq(money_format_plain(5, fi, b, sizeof b), "0,05");
	ck_assert_str_eq(money_format_plain(-5, fi, b, sizeof b), "-0,05");
	ck_assert_str_eq(money_format_plain(0, fi, b, sizeof b), "0,00");
}
END_TEST

START_TEST(test_format_parse_roundtrip)
{
	const struct money_locale	*fi = money_locale_find("fi_FI");
	const struct money_locale	*nl = money_locale_find("nl_NL");
	char				 b[MONEY_BUFSIZE];
	int64_t				 v, back;

	for (v = -200000; v <= 20000000; v += 9973) {
		money_format_plain(v, fi, b, sizeof b);
		ck_assert_int_eq(money_parse(b, &back, NULL), 0);
		ck_assert_int_eq(back, v);
		money_format_plain(v, nl, b, sizeof b);
		ck_assert_int_eq(money_parse(b, &back, NULL), 0);
		ck_assert_int_eq(back, v);
	}
}
END_TEST

START_TEST(test_qty_and_rate)
{
	int64_t	 q;
	int32_t	 r;
	char	 b[32];

	ck_assert_int_eq(qty_parse("0,350", &q, NULL), 0);
	ck_assert_int_eq(q, 350);
	ck_assert_int_eq(qty_parse("2", &q, NULL), 0);
	ck_assert_int_eq(q, 2000);
	ck_assert_int_eq(qty_parse("1,2345", &q, NULL), -1);
	ck_assert_int_eq(qty_parse("100000", &q, NULL), -1);
	ck_assert_int_eq(rate_parse("25.5", &r, NULL), 0);
	ck_assert_int_eq(r, 2550);
	ck_assert_int_eq(rate_parse("13,5 %", &r, NULL), 0);
	ck_assert_int_eq(r, 1350);
	ck_assert_int_eq(rate_parse("0", &r, NULL), 0);
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(rate_parse("101", &r, NULL), -1);
	ck_assert_int_eq(rate_parse("-1", &r, NULL), -1);
	ck_assert_int_eq(rate_parse("abc", &r, NULL), -1);
	ck_assert_str_eq(rate_format(2550, money_locale_find("fi_FI"), b,
	    sizeof b), "25,5");
	ck_assert_str_eq(rate_format(900, money_locale_find("nl_NL"), b,
	    sizeof b), "9");
	ck_assert_str_eq(qty_format(1250, 1, money_locale_find("fi_FI"), b,
	    sizeof b), "1,250");
	ck_assert_str_eq(qty_format(3000, 0, money_locale_find("fi_FI"), b,
	    sizeof b), "3");
}
END_TEST

START_TEST(test_rounding)
{
	/* Half away from zero, in 128 bits. */
	ck_assert_int_eq(money_mul_qty(199, 350), 70);		/* 69.65 */
	ck_assert_int_eq(money_mul_qty(100, 1005), 101);	/* 100.5 */
	ck_assert_int_eq(money_mul_qty(-100, 1005), -101);
	ck_assert_int_eq(money_percent(1005, 5000), 503);	/* 502.5 */
	ck_assert_int_eq(money_percent(1004, 5000), 502);
	ck_assert_int_eq(money_mul_qty(MONEY_MAX, QTY_MAX),
	    INT64_C(9999999899900000));
}
END_TEST

START_TEST(test_cash_rounding)
{
	static const int64_t in[] = { 100, 101, 102, 103, 104, 105, 106, 107,
	    108, 109, 633, -103, -102, 0 };
	static const int64_t out[] = { 100, 100, 100, 105, 105, 105, 105, 105,
	    110, 110, 635, -105, -100, 0 };
	size_t	i;

	for (i = 0; i < sizeof in / sizeof in[0]; i++)
		ck_assert_int_eq(money_cash_round(in[i], 5), out[i]);
	ck_assert_int_eq(money_cash_round(633, 0), 633);
	ck_assert_int_eq(money_cash_round(633, 1), 633);
	ck_assert_int_eq(money_cash_round(649, 10), 650);
	ck_assert_int_eq(money_cash_round(645, 10), 650);	/* a tie */
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("money");
	TCase	*tc = tcase_create("money");

	tcase_add_test(tc, test_parse_forms);
	tcase_add_test(tc, test_parse_garbage);
	tcase_add_test(tc, test_parse_overflow);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_format_parse_roundtrip);
	tcase_add_test(tc, test_qty_and_rate);
	tcase_add_test(tc, test_rounding);
	tcase_add_test(tc, test_cash_rounding);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
