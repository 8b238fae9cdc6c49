/* kassa backfill FILE [--dry-run]: enter sales written on paper. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backfill.h"
#include "cli.h"
#include "rights.h"
#include "db.h"
#include "i18n.h"
#include "money.h"
#include "xmalloc.h"

static int
backfill_usage(void)
{
	fputs("usage: kassa backfill FILE --as USER [--dry-run]\n", stderr);
	return (2);
}

int
cmd_backfill(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "as", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct backfill_result	 res;
	struct backfill_till	 bt;
	struct db		*db;
	char			*buf, *cause = NULL, *loc;
	char			 total[MONEY_BUFSIZE];
	size_t			 len, i;
	int			 ch, dry = 0, rc;
	const char		*as = NULL;
	struct actor		 who;

	optind = 0;	/* glibc: start afresh, options after operands too */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'n')
			dry = 1;
		else if (ch == 'a')
			as = optarg;
		else
			return (backfill_usage());
	}
	if (argc - optind != 1 || as == NULL)
		return (backfill_usage());
	if ((buf = read_file(argv[optind], &len, &cause)) == NULL) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (1);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0) {
		free(buf);
		return (1);
	}
	if (db_ensure_till(db, ctx->conf.till_id, ctx->conf.till_name,
	    &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		db_close(db);
		free(buf);
		return (1);
	}
	/* Who enters the slips says so with his PIN. */
	if (ctx_auth(ctx, db, as, &who) != 0) {
		db_close(db);
		free(buf);
		return (1);
	}
	memset(&bt, 0, sizeof bt);
	bt.user_id = who.id;
	bt.till = ctx->conf.till_id;
	bt.cashier = ctx->conf.cashier != NULL ? ctx->conf.cashier : "";
	bt.rules = ctx->conf.instore;
	bt.nrules = ctx->conf.ninstore;
	bt.tenders = ctx->conf.tenders;
	bt.ntenders = ctx->conf.ntenders;
	rc = backfill_import(db, &bt, buf, len, dry, &res, &cause);
	for (i = 0; i < res.nerrors; i++)
		fprintf(stderr, "%s: %s\n", argv[optind], res.errors[i]);
	if (rc != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	} else {
		loc = db_setting(db, "store.locale", "fi_FI");
		money_format_plain(res.total, money_locale_find(loc), total,
		    sizeof total);
		free(loc);
		if (dry)
			printf(ngettext("kassa: %zu slip is right (%s); "
			    "nothing was entered (--dry-run)\n", "kassa: %zu "
			    "slips are right (%s); nothing was entered "
			    "(--dry-run)\n", res.slips), res.slips, total);
		else
			printf(ngettext("kassa: entered %zu slip from paper "
			    "as receipt %lld-%lld of till %lld (%s)\n",
			    "kassa: entered %zu slips from paper as receipts "
			    "%lld-%lld of till %lld (%s)\n", res.slips),
			    res.slips, (long long)res.first_receipt,
			    (long long)res.last_receipt,
			    (long long)ctx->conf.till_id, total);
		for (i = 0; i < res.noutages && !dry; i++)
			printf(_("kassa: outage recorded: %s\n"),
			    res.outages[i]);
	}
	backfill_result_clear(&res);
	db_close(db);
	free(buf);
	return (rc == 0 ? 0 : 1);
}
