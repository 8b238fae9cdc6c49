/*
 * The console's key decoder (src/tui/input.c): a scan told from typing by
 * the time between keys. The actions it calls are this test's own, which
 * record what the decoder handed on.
 */
#include <curses.h>
#include <locale.h>
#include <string.h>

#include "conf.h"
#include "tui.h"
#include "unit.h"

static char	entered[128];
static int	entered_scan, entered_calls;

void
act_enter(struct tui *t, const char *text, int scan)
{
	snprintf(entered, sizeof entered, "%s", text);
	entered_scan = scan;
	entered_calls++;
}

void
act_key(struct tui *t, struct key k)
{
}

void
act_search(struct tui *t)
{
}

int
sheet_takes_text(const struct tui *t)
{
	return (1);
}

void
tui_message(struct tui *t, int error, const char *fmt, ...)
{
}

static struct config	conf;
static struct tui	t;
static uint64_t		clock_ms;

static void
setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	memset(&conf, 0, sizeof conf);
	conf.scan_gap_ms = 30;
	memset(&t, 0, sizeof t);
	t.conf = &conf;
	t.mode = MODE_SALE;
	clock_ms = 1000;
	entered[0] = '\0';
	entered_scan = -1;
	entered_calls = 0;
}

/* Keys gap_ms apart; '\r' is Enter. */
static void
keys(const char *s, uint64_t gap_ms)
{
	struct key	k;

	for (; *s != '\0'; s++) {
		clock_ms += gap_ms;
		memset(&k, 0, sizeof k);
		k.wc = (unsigned char)*s;
		input_key(&t, k, clock_ms);
	}
}

/* A scanner: after a pause, every key 5 ms after the one before. */
static void
scan(const char *s)
{
	clock_ms += 500;
	keys(s, 5);
}

START_TEST(test_typed_code_is_no_scan)
{
	keys("6416597001216\r", 200);
	ck_assert_int_eq(entered_calls, 1);
	ck_assert_str_eq(entered, "6416597001216");
	ck_assert_int_eq(entered_scan, 0);
	ck_assert_str_eq(t.input, "");
}
END_TEST

START_TEST(test_scan_keeps_what_was_typed)
{
	keys("12", 200);
	scan("6416597001216\r");
	ck_assert_int_eq(entered_calls, 1);
	ck_assert_str_eq(entered, "6416597001216");
	ck_assert_int_eq(entered_scan, 1);
	ck_assert_str_eq(t.input, "12");

	/* A burst that is no valid code is typing, all of it. */
	scan("6416597001217\r");
	ck_assert_int_eq(entered_calls, 2);
	ck_assert_str_eq(entered, "126416597001217");
	ck_assert_int_eq(entered_scan, 0);
}
END_TEST

/*
 * "2*" and a scan hand on the whole line and empty it. The scan's start
 * must not stay behind the end of the now empty line: the decoder takes
 * the scan from there (found by the fuzzer, tests/fuzz/input.c).
 */
START_TEST(test_quantity_then_scan)
{
	keys("2*", 200);
	scan("6416597001216\r");
	ck_assert_int_eq(entered_calls, 1);
	ck_assert_str_eq(entered, "2*6416597001216");
	ck_assert_int_eq(entered_scan, 1);
	ck_assert_str_eq(t.input, "");
	ck_assert_uint_eq(t.ilen, 0);
	ck_assert_uint_le(t.burst_start, t.ilen);

	/* The scanner's next code is a scan of its own. */
	scan("73110415\r");
	ck_assert_int_eq(entered_calls, 2);
	ck_assert_str_eq(entered, "73110415");
	ck_assert_int_eq(entered_scan, 1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("input");
	TCase	*tc = tcase_create("decoder");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_typed_code_is_no_scan);
	tcase_add_test(tc, test_scan_keeps_what_was_typed);
	tcase_add_test(tc, test_quantity_then_scan);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
