/*
 * kassa catalog import [--format kassa|woocommerce] FILE [--skip-invalid]
 * kassa catalog export [--format kassa|woocommerce] [-o FILE] [FILE]
 */
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
	fputs("usage: kassa catalog import [--format kassa|woocommerce] FILE "
	    "[--skip-invalid]\n"
	    "       kassa catalog export [--format kassa|woocommerce] "
	    "[-o FILE]\n", stderr);
	return (2);
}

/* 0 for kassa's CSV, 1 for WooCommerce's; -1 for anything else. */
static int
format_arg(const char *s)
{
	if (strcmp(s, "kassa") == 0)
		return (0);
	if (strcmp(s, "woocommerce") == 0)
		return (1);
	fprintf(stderr, "kassa: unknown catalog format \"%s\" (kassa or "
	    "woocommerce)\n", s);
	return (-1);
}

static int
do_import(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "skip-invalid", no_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_result	 res;
	struct db		*db;
	char			*buf, *cause = NULL;
	size_t			 len, i;
	int			 ch, skip = 0, rc, woo = 0;

	optind = 0;	/* glibc: start afresh, options after operands too */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 's')
			skip = 1;
		else if (ch == 'f') {
			if ((woo = format_arg(optarg)) < 0)
				return (2);
		} else
			return (catalog_usage());
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
	if (woo)
		rc = catalog_import_woo(db, buf, len, ctx->conf.tax_classes,
		    ctx->conf.ntax_classes, skip, ctx->conf.instore,
		    ctx->conf.ninstore, &res, &cause);
	else
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

struct catalog_job {
	struct ctx	*ctx;
	struct db	*db;
	int		 woo;
};

static int
write_catalog(FILE *f, void *arg, char **cause)
{
	struct catalog_job	*job = arg;

	if (job->woo)
		return (catalog_export_woo(job->db, f, job->ctx->conf.tax_classes,
		    job->ctx->conf.ntax_classes, cause));
	return (catalog_export(job->db, f, cause));
}

static int
do_export(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalog_job	 job;
	const char		*path = NULL;
	int			 ch, rc;

	memset(&job, 0, sizeof job);
	job.ctx = ctx;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (ch == 'f') {
			if ((job.woo = format_arg(optarg)) < 0)
				return (2);
		} else if (ch == 'o')
			path = optarg;
		else
			return (catalog_usage());
	}
	/* The file as an operand, as before -o. */
	if (argc - optind > 1 || (argc - optind == 1 && path != NULL))
		return (catalog_usage());
	if (argc - optind == 1)
		path = argv[optind];
	if (path != NULL && strcmp(path, "-") == 0)
		path = NULL;
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &job.db) != 0)
		return (1);
	rc = write_output(path, write_catalog, &job);
	db_close(job.db);
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
