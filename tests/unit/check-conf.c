/* kassa.conf: defaults, in-store layouts, and errors with their line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "unit.h"
#include "xmalloc.h"

static char *
write_conf(const char *text)
{
	char	*path = xstrdup("/tmp/kassa-check-conf.XXXXXX");
	int	 fd = mkstemp(path);
	FILE	*f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return (path);
}

START_TEST(test_defaults)
{
	struct config	c;

	ck_assert_int_eq(config_load(&c, NULL, NULL), 0);
	ck_assert_int_eq(c.till_id, 1);
	ck_assert_str_eq(c.till_name, "1");
	ck_assert_uint_eq(c.ninstore, 2);
	ck_assert_int_eq(c.instore[1].kind, INSTORE_WEIGHT);
	ck_assert_int_eq(c.instore[1].decimals, 3);
	config_free(&c);
}
END_TEST

START_TEST(test_instore_sections)
{
	struct config	 c;
	char		*path, *cause = NULL;

	path = write_conf("[till]\nid = 3\nname = Kahvila\n"
	    "[instore 25]\nkind = weight\n"
	    "[instore 20-22]\nitem_digits = 4\nprice_check_digit = yes\n");
	ck_assert_msg(config_load(&c, path, &cause) == 0, "%s", cause);
	ck_assert_int_eq(c.till_id, 3);
	ck_assert_str_eq(c.till_name, "Kahvila");
	ck_assert_uint_eq(c.ninstore, 2);
	/* A weight section without decimals reads grams, not 10 g. */
	ck_assert_int_eq(c.instore[0].prefix_lo, 25);
	ck_assert_int_eq(c.instore[0].prefix_hi, 25);
	ck_assert_int_eq(c.instore[0].decimals, 3);
	ck_assert_int_eq(c.instore[1].decimals, 2);
	ck_assert_int_eq(c.instore[1].price_check, 1);
	config_free(&c);
	unlink(path);
	free(path);

	/* The till's receipt printer. */
	path = write_conf("[printer]\nuri = socket:192.0.2.10\n"
	    "profile = epson-tm-t88\n");
	ck_assert_msg(config_load(&c, path, &cause) == 0, "%s", cause);
	ck_assert_str_eq(c.printer_uri, "socket:192.0.2.10");
	ck_assert_str_eq(c.printer_profile, "epson-tm-t88");
	config_free(&c);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_errors)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "[till]\nid = 0\n", ":2: bad value for id in [till]" },
		{ "[till]\n\nnmae = x\n", ":3: unknown setting nmae in [till]" },
		{ "[printer]\nurl = x\n", ":2: unknown setting url in [printer]" },
		{ "[receipts]\nchain = printer, floppy:a\n", ":2: bad value for chain" },
		{ "[instore 20-22]\nkind = volume\n", ":2: bad value for kind" },
		{ "[instore x]\nkind = price\n", "write [instore 20-22]" },
		{ "[instore 20]\nvalue_digits = 4\n", "does not make 13 digits" },
		{ "not ini\n", ":1: not an INI line" },
	};
	struct config	 c;
	char		*path, *cause;
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		path = write_conf(bad[i].text);
		cause = NULL;
		ck_assert_int_eq(config_load(&c, path, &cause), -1);
		ck_assert_msg(strstr(cause, bad[i].msg) != NULL, "%s", cause);
		ck_assert_msg(strncmp(cause, path, strlen(path)) == 0, "%s",
		    cause);
		free(cause);
		config_free(&c);
		unlink(path);
		free(path);
	}
	ck_assert_int_eq(config_load(&c, "/nonexistent/kassa.conf", &cause),
	    -1);
	ck_assert_ptr_nonnull(strstr(cause, "cannot read"));
	free(cause);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("conf");
	TCase	*tc = tcase_create("conf");

	/* No stray configuration of the machine's may leak in. */
	setenv("HOME", "/nonexistent", 1);
	unsetenv("XDG_CONFIG_HOME");
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_instore_sections);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
