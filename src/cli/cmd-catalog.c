/* kassa catalog import FILE [--skip-invalid] | export [FILE] */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "xmalloc.h"

static int
catalog_usage(void)
{
	fputs("usage: kassa catalog import FILE [--skip-invalid]\n"
	    "       kassa catalog export [FILE]\n", stderr);
	return (2);
}

static int
do_import(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "skip-invalid", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_result	 res;
	struct db		*db;
	char			*buf, *cause = NULL;
	size_t			 len, i;
	int			 ch, skip = 0, rc;

	optind = 0;	/* glibc: start afresh, options after operands too */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 's')
			return (catalog_usage());
		skip = 1;
	}
	if (argc - optind != 1)
		return (catalog_usage());
	if ((buf = read_file(argv[optind], &len, &cause)) == NULL) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (1);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0) {
		free(buf);
		return (1);
	}
	rc = catalog_import(db, buf, len, skip, ctx->conf.instore,
	    ctx->conf.ninstore, &res, &cause);
	for (i = 0; i < res.nerrors; i++)
		fprintf(stderr, "%s: %s%s\n", argv[optind], res.errors[i],
		    rc == 0 ? " (skipped)" : "");
	if (rc != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	} else
		printf(ngettext("kassa: imported %zu item (%zu new, %zu "
		    "updated)%s\n", "kassa: imported %zu items (%zu new, %zu "
		    "updated)%s\n", res.inserted + res.updated),
		    res.inserted + res.updated, res.inserted, res.updated,
		    res.invalid > 0 ? _("; invalid rows were skipped") : "");
	import_result_clear(&res);
	db_close(db);
	free(buf);
	return (rc == 0 ? 0 : 1);
}

static int
do_export(struct ctx *ctx, int argc, char **argv)
{
	struct db	*db;
	FILE		*f = stdout;
	char		*cause = NULL, *tmp = NULL;
	const char	*path = NULL;
	int		 rc;

	if (argc > 2)
		return (catalog_usage());
	if (argc == 2 && strcmp(argv[1], "-") != 0)
		path = argv[1];
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (path != NULL) {
		/* Write beside, then rename: never half a file. */
		xasprintf(&tmp, "%s.tmp", path);
		if ((f = fopen(tmp, "w")) == NULL) {
			fprintf(stderr, "kassa: cannot write %s: %s\n", tmp,
			    strerror(errno));
			free(tmp);
			db_close(db);
			return (1);
		}
	}
	rc = catalog_export(db, f, &cause);
	if (path != NULL) {
		if (fclose(f) != 0 && rc == 0) {
			set_cause(&cause, "cannot write %s: %s", tmp,
			    strerror(errno));
			rc = -1;
		}
		if (rc == 0 && rename(tmp, path) != 0) {
			set_cause(&cause, "cannot write %s: %s", path,
			    strerror(errno));
			rc = -1;
		}
		if (rc != 0)
			unlink(tmp);
		free(tmp);
	}
	if (rc != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
	db_close(db);
	return (rc == 0 ? 0 : 1);
}

int
cmd_catalog(struct ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return (do_import(ctx, argc - 1, argv + 1));
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return (do_export(ctx, argc - 1, argv + 1));
	return (catalog_usage());
}
