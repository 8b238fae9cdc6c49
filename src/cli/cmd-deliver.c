/* kassa deliver [--held] [--quiet]: send the receipts that are waiting. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "deliver.h"
#include "i18n.h"

int
cmd_deliver(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "held", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	char		*cause = NULL;
	int		 ch, held = 0, quiet = 0, n;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'h')
			held = 1;
		else if (ch == 'q')
			quiet = 1;
		else {
			fputs("usage: kassa deliver [--held] [--quiet]\n",
			    stderr);
			return (2);
		}
	}
	if (optind != argc) {
		fputs("usage: kassa deliver [--held] [--quiet]\n", stderr);
		return (2);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	n = deliver_pending(db, &ctx->conf, held, !quiet, &cause);
	if (n < 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
	db_close(db);
	return (n < 0 ? 1 : 0);
}
