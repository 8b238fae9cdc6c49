/* kassa receipt show N [--till ID] [--width COLS] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "money.h"
#include "receipt.h"
#include "sales.h"
#include "xmalloc.h"

static int
receipt_usage(void)
{
	fputs("usage: kassa receipt show N [--till ID] [--width COLS]\n",
	    stderr);
	return (2);
}

int
cmd_receipt(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "till", required_argument, NULL, 't' },
		{ "width", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct receipt_info	 info;
	struct sale_header	 h;
	struct vat_summary	 vs;
	struct receipt		*r;
	struct sale		*s;
	struct db		*db;
	char			*cause = NULL, *text, *loc, *footer;
	int64_t			 no, till = ctx->conf.till_id, width = 42;
	int			 ch;

	if (argc < 2 || strcmp(argv[1], "show") != 0)
		return (receipt_usage());
	argc--;
	argv++;
	optind = 0;	/* glibc: start afresh, options after operands too */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			if (fixed_parse(optarg, 0, 9999, &till, NULL) != 0 ||
			    till < 1)
				return (receipt_usage());
			break;
		case 'w':
			if (fixed_parse(optarg, 0, 200, &width, NULL) != 0 ||
			    width < 24)
				return (receipt_usage());
			break;
		default:
			return (receipt_usage());
		}
	}
	if (argc - optind != 1 ||
	    fixed_parse(argv[optind], 0, INT64_MAX / 10, &no, NULL) != 0 ||
	    no < 1) {
		fprintf(stderr, "kassa: a receipt number is a whole number "
		    "from 1\n");
		return (2);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (sale_load(db, till, no, &s, &h, &vs, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		db_close(db);
		return (1);
	}
	loc = db_setting(db, "store.locale", "fi_FI");
	footer = db_setting(db, "store.footer", "");
	memset(&info, 0, sizeof info);
	info.store_name = h.store_name;
	info.store_address = h.store_address;
	info.business_id = h.business_id;
	info.till = h.till_name;
	info.number = h.receipt_no;
	info.time = h.time;
	info.cashier = h.cashier;
	info.footer = footer;
	info.currency = h.currency;
	info.locale = money_locale_find(loc);
	r = receipt_build(&info, s, &vs);
	text = receipt_text(r, (int)width);
	fputs(text, stdout);
	free(text);
	receipt_free(r);
	free(loc);
	free(footer);
	sale_free(s);
	sale_header_clear(&h);
	vat_summary_clear(&vs);
	db_close(db);
	return (0);
}
