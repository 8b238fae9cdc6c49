/*
 * kassa customer add NAME [--phone P] [--email E]
 * kassa customer list [TEXT] [--format text|csv|json]
 * kassa customer show N
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "customer.h"
#include "db.h"
#include "money.h"
#include "table.h"
#include "xmalloc.h"

static int
customer_usage(void)
{
	fputs("usage: kassa customer add NAME [--phone PHONE] [--email "
	    "EMAIL]\n"
	    "       kassa customer list [TEXT] [--format text|csv|json]\n"
	    "       kassa customer show N\n", stderr);
	return (2);
}

static int
do_list(struct db *db, const char *text, const char *format)
{
	const struct table_col	 cols[] = {
		{ "id", "Id", TABLE_INT },
		{ "name", "Name", TABLE_TEXT },
		{ "phone", "Phone", TABLE_TEXT },
		{ "email", "Email", TABLE_TEXT },
		{ "visits", "Visits", TABLE_INT },
	};
	struct customer		*c;
	struct table		*t;
	char			*cause = NULL;
	size_t			 n, i, r;

	if (customer_find(db, text, 0, &c, &n, &cause) != 0)
		return (ctx_fail(db, cause));
	t = table_create("customers", "Customers", cols,
	    sizeof cols / sizeof cols[0]);
	for (i = 0; i < n; i++) {
		r = table_add_row(t);
		table_set_int(t, r, 0, c[i].id);
		table_set_text(t, r, 1, c[i].name);
		table_set_text(t, r, 2, c[i].phone);
		table_set_text(t, r, 3, c[i].email);
		table_set_int(t, r, 4, c[i].visits);
	}
	table_write(stdout, t, format, db);
	table_free(t);
	customers_free(c, n);
	db_close(db);
	return (0);
}

/* The customer, then every visit with what was bought. */
static int
do_show(struct db *db, const char *arg)
{
	const struct money_locale	*loc;
	struct customer			 c;
	struct visit			*v;
	char				*cause = NULL, *locname;
	char				 a[MONEY_BUFSIZE], q[32];
	int64_t				 id;
	size_t				 n, i, j;

	if (fixed_parse(arg, 0, INT64_C(999999999999), &id, NULL) != 0) {
		fprintf(stderr, "kassa: \"%s\" is not a customer number (see "
		    "kassa customer list)\n", arg);
		db_close(db);
		return (2);
	}
	if (customer_get(db, id, &c, &cause) != 0)
		return (ctx_fail(db, cause));
	if (customer_visits(db, id, &v, &n, &cause) != 0) {
		customer_clear(&c);
		return (ctx_fail(db, cause));
	}
	locname = db_setting(db, "store.locale", "fi_FI");
	loc = money_locale_find(locname);
	free(locname);
	printf("Customer %lld: %s\n", (long long)c.id, c.name);
	if (*c.phone != '\0')
		printf("Phone: %s\n", c.phone);
	if (*c.email != '\0')
		printf("Email: %s\n", c.email);
	printf("Since: %.10s\nVisits: %zu\n", c.created_at, n);
	for (i = 0; i < n; i++) {
		printf("\n%.16s  till %lld receipt %lld%s  %s\n", v[i].at,
		    (long long)v[i].till, (long long)v[i].receipt_no,
		    strcmp(v[i].kind, "return") == 0 ? " (return)" : "",
		    money_format_plain(v[i].total, loc, a, sizeof a));
		for (j = 0; j < v[i].nlines; j++)
			printf("  %8s  %-40s %12s\n", qty_format(
			    v[i].lines[j].qty, v[i].lines[j].weighed, loc, q,
			    sizeof q), v[i].lines[j].name, money_format_plain(
			    v[i].lines[j].total, loc, a, sizeof a));
	}
	visits_free(v, n);
	customer_clear(&c);
	db_close(db);
	return (0);
}

int
cmd_customer(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "phone", required_argument, NULL, 'p' },
		{ "email", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	const char	*sub, *phone = NULL, *email = NULL, *format = "text";
	char		*cause = NULL;
	int64_t		 id;
	int		 ch;

	if (argc < 2)
		return (customer_usage());
	argc--;
	argv++;
	sub = argv[0];
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			phone = optarg;
			break;
		case 'e':
			email = optarg;
			break;
		case 'f':
			if (!valid_format(optarg))
				return (customer_usage());
			format = optarg;
			break;
		default:
			return (customer_usage());
		}
	}
	argc -= optind;
	argv += optind;
	if (!((strcmp(sub, "add") == 0 && argc == 1) ||
	    (strcmp(sub, "list") == 0 && argc <= 1) ||
	    (strcmp(sub, "show") == 0 && argc == 1)))
		return (customer_usage());
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (strcmp(sub, "list") == 0)
		return (do_list(db, argc == 1 ? argv[0] : "", format));
	if (strcmp(sub, "show") == 0)
		return (do_show(db, argv[0]));
	if (customer_add(db, argv[0], phone, email, &id, &cause) != 0)
		return (ctx_fail(db, cause));
	printf("customer %lld: %s\n", (long long)id, argv[0]);
	db_close(db);
	return (0);
}
