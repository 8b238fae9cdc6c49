/* CSV as spreadsheets write it: BOM, CRLF, ';' or ',', quotes. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "csv.h"

static void
expect(struct csv *c, size_t line, size_t n, const char **fields)
{
	struct csv_record	r;
	char			*cause = NULL;
	size_t			 i;

	ck_assert_int_eq(csv_next(c, &r, &cause), 1);
	ck_assert_uint_eq(r.line, line);
	ck_assert_uint_eq(r.n, n);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(r.fields[i], fields[i]);
	csv_record_clear(&r);
}

START_TEST(test_bom_crlf_semicolon)
{
	const char	*text = "\xef\xbb\xbfgtin;name;price\r\n"
			    "4006381333931;\"Maito; rasvaton\";1,25\r\n"
			    "\r\n"
			    ";Leipä;2,19\r\n";
	const char	*h[] = { "gtin", "name", "price" };
	const char	*r1[] = { "4006381333931", "Maito; rasvaton", "1,25" };
	const char	*r2[] = { "", "Leipä", "2,19" };
	struct csv	 c;
	struct csv_record r;

	csv_init(&c, text, strlen(text));
	ck_assert_int_eq(c.sep, ';');
	expect(&c, 1, 3, h);
	expect(&c, 2, 3, r1);
	expect(&c, 4, 3, r2);
	ck_assert_int_eq(csv_next(&c, &r, NULL), 0);
}
END_TEST

START_TEST(test_quotes_and_newlines)
{
	const char	*text = "a,b\n\"say \"\"hi\"\"\",\"two\nlines\"\nx,\n";
	const char	*h[] = { "a", "b" };
	const char	*r1[] = { "say \"hi\"", "two\nlines" };
	const char	*r2[] = { "x", "" };
	struct csv	 c;

	csv_init(&c, text, strlen(text));
	ck_assert_int_eq(c.sep, ',');
	expect(&c, 1, 2, h);
	expect(&c, 2, 2, r1);
	expect(&c, 4, 2, r2);	/* the quoted newline counts as a line */
}
END_TEST

START_TEST(test_unterminated_quote)
{
	const char		*text = "a,b\n1,\"open\n2,3\n";
	struct csv		 c;
	struct csv_record	 r;
	char			*cause = NULL;

	csv_init(&c, text, strlen(text));
	ck_assert_int_eq(csv_next(&c, &r, NULL), 1);
	csv_record_clear(&r);
	ck_assert_int_eq(csv_next(&c, &r, &cause), -1);
	ck_assert_str_eq(cause, "line 2: a quoted field is never closed");
	free(cause);
}
END_TEST

START_TEST(test_no_final_newline)
{
	const char	*text = "a,b\n1,2";
	const char	*h[] = { "a", "b" };
	const char	*r1[] = { "1", "2" };
	struct csv	 c;

	csv_init(&c, text, strlen(text));
	expect(&c, 1, 2, h);
	expect(&c, 2, 2, r1);
}
END_TEST

START_TEST(test_quote_output)
{
	char	*q;

	q = csv_quote("plain", ',');
	ck_assert_str_eq(q, "plain");
	free(q);
	q = csv_quote("Omena, Royal Gala", ',');
	ck_assert_str_eq(q, "\"Omena, Royal Gala\"");
	free(q);
	q = csv_quote("Kakku \"Sacher\"", ',');
	ck_assert_str_eq(q, "\"Kakku \"\"Sacher\"\"\"");
	free(q);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("csv");
	TCase	*tc = tcase_create("csv");

	tcase_add_test(tc, test_bom_crlf_semicolon);
	tcase_add_test(tc, test_quotes_and_newlines);
	tcase_add_test(tc, test_unterminated_quote);
	tcase_add_test(tc, test_no_final_newline);
	tcase_add_test(tc, test_quote_output);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
