/*
 * kassa export summary --from DATE --to DATE [--format csv|json]
 *     [--separator C] [--decimal-comma] [-o FILE]
 * kassa export vouchers --from DATE --to DATE [--separator C]
 *     [--decimal-comma] [-o FILE]
 * kassa export saft --from DATE --to DATE [-o FILE]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "db.h"
#include "export.h"
#include "saft.h"
#include "xmalloc.h"

struct export_job {
	struct ctx		*ctx;
	struct db		*db;
	const char		*what;
	const char		*format;
	char			 from[11];
	char			 to[11];
	struct export_style	 style;
};

static int
export_usage(void)
{
	fputs("usage: kassa export summary --from YYYY-MM-DD --to YYYY-MM-DD "
	    "[--format csv|json]\n"
	    "           [--separator C] [--decimal-comma] [-o FILE]\n"
	    "       kassa export vouchers --from YYYY-MM-DD --to YYYY-MM-DD "
	    "[--separator C]\n"
	    "           [--decimal-comma] [-o FILE]\n"
	    "       kassa export saft --from YYYY-MM-DD --to YYYY-MM-DD "
	    "[-o FILE.xml]\n", stderr);
	return (2);
}

static int
date_arg(const char *s, char *out)
{
	struct tm	 tm;
	char		*end;

	memset(&tm, 0, sizeof tm);
	if (strlen(s) != 10 || (end = strptime(s, "%Y-%m-%d", &tm)) == NULL ||
	    *end != '\0') {
		fprintf(stderr, "kassa: \"%s\" is not a date (YYYY-MM-DD)\n",
		    s);
		return (-1);
	}
	memcpy(out, s, 11);
	return (0);
}

static int
write_export(FILE *f, void *arg, char **cause)
{
	struct export_job	*job = arg;

	if (strcmp(job->what, "saft") == 0)
		return (saft_write(job->db, f, job->from, job->to, cause));
	if (strcmp(job->what, "vouchers") == 0)
		return (export_vouchers(job->db, f, job->from, job->to,
		    job->ctx->conf.accounts, job->ctx->conf.naccounts,
		    &job->style, cause));
	if (strcmp(job->format, "json") == 0)
		return (export_summary_json(job->db, f, job->from, job->to,
		    cause));
	return (export_summary_csv(job->db, f, job->from, job->to,
	    &job->style, cause));
}

int
cmd_export(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "format", required_argument, NULL, 'f' },
		{ "separator", required_argument, NULL, 's' },
		{ "decimal-comma", no_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct export_job	 job;
	const char		*path = NULL;
	int			 ch, rc;

	if (argc < 2 || (strcmp(argv[1], "summary") != 0 &&
	    strcmp(argv[1], "vouchers") != 0 && strcmp(argv[1], "saft") != 0))
		return (export_usage());
	memset(&job, 0, sizeof job);
	job.ctx = ctx;
	job.what = argv[1];
	job.format = "csv";
	job.style.sep = ',';
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'F':
			if (date_arg(optarg, job.from) != 0)
				return (2);
			break;
		case 'T':
			if (date_arg(optarg, job.to) != 0)
				return (2);
			break;
		case 'f':
			if (strcmp(optarg, "csv") != 0 &&
			    strcmp(optarg, "json") != 0)
				return (export_usage());
			job.format = optarg;
			break;
		case 's':
			if (strcmp(optarg, "\\t") == 0 ||
			    strcmp(optarg, "tab") == 0)
				optarg = "\t";
			if (strlen(optarg) != 1 || strchr("\"\n\r0123456789"
			    ".-", *optarg) != NULL) {
				fprintf(stderr, "kassa: the separator must be "
				    "one character such as ; or , (or tab), "
				    "not \"%s\"\n", optarg);
				return (2);
			}
			job.style.sep = *optarg;
			break;
		case 'c':
			job.style.decimal_comma = 1;
			break;
		case 'o':
			path = optarg;
			break;
		default:
			return (export_usage());
		}
	}
	if (optind != argc || job.from[0] == '\0' || job.to[0] == '\0' ||
	    (strcmp(job.what, "summary") != 0 &&
	    strcmp(job.format, "csv") != 0))
		return (export_usage());
	if (strcmp(job.from, job.to) > 0) {
		fprintf(stderr, "kassa: --from %s is after --to %s\n",
		    job.from, job.to);
		return (2);
	}
	if (job.style.decimal_comma && job.style.sep == ',')
		fprintf(stderr, "kassa: note: with --decimal-comma and the "
		    "separator ',' every amount is in quotes; --separator ';' "
		    "is the usual pair\n");
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &job.db) != 0)
		return (1);
	rc = write_output(path, write_export, &job);
	db_close(job.db);
	return (rc == 0 ? 0 : 1);
}
