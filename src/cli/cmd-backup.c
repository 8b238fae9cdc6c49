/*
 * kassa backup [--to DIR]: a verified copy of the database while the till
 * keeps selling, into [backup] dir (default: a backup folder beside the
 * database).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "backup.h"
#include "cli.h"
#include "db.h"
#include "xmalloc.h"

int
cmd_backup(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct backup_result	 r;
	struct db		*db;
	const char		*to = NULL;
	char			*dir, *cause = NULL;
	int			 ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 't') {
			fputs("usage: kassa backup [--to DIR]\n", stderr);
			return (2);
		}
		to = optarg;
	}
	if (optind != argc) {
		fputs("usage: kassa backup [--to DIR]\n", stderr);
		return (2);
	}
	if (to == NULL)
		to = ctx->conf.backup_dir;
	if (to != NULL)
		dir = xstrdup(to);
	else
		dir = backup_default_dir(ctx->db_path);
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0) {
		free(dir);
		return (1);
	}
	rc = backup_run(db, ctx->conf.till_id, dir, &r, &cause);
	if (rc == 0)
		printf("kassa: backed up to %s (%lld sales, journal head %lld "
		    "%s), verified\n", r.path, (long long)r.sales,
		    (long long)r.head_seq, r.head);
	else {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
	backup_result_clear(&r);
	db_close(db);
	free(dir);
	return (rc == 0 ? 0 : 1);
}
