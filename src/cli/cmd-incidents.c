/*
 * kassa incidents [--from DATE] [--to DATE] [--format text|csv|json]
 * kassa incidents add TEXT [--about ID]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "csv.h"
#include "db.h"
#include "i18n.h"
#include "incident.h"
#include "money.h"
#include "xmalloc.h"

static int
incidents_usage(void)
{
	fputs("usage: kassa incidents [--from YYYY-MM-DD] [--to YYYY-MM-DD] "
	    "[--format text|csv|json]\n"
	    "       kassa incidents add TEXT [--about ID]\n", stderr);
	return (2);
}

static void
csv_field(FILE *f, const char *s, const char *end)
{
	char	*q = csv_quote(s, ',');

	fputs(q, f);
	fputs(end, f);
	free(q);
}

static void
list_csv(FILE *f, const struct incident *in, size_t n)
{
	size_t	i;

	fputs("id,till,created_at,business_date,kind,detail,user,refers_to\n",
	    f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%lld,%lld,%s,%s,%s,", (long long)in[i].id,
		    (long long)in[i].till, in[i].at, in[i].date, in[i].kind);
		csv_field(f, in[i].detail, ",");
		if (in[i].user_id != 0)
			fprintf(f, "%lld", (long long)in[i].user_id);
		fputc(',', f);
		if (in[i].refers_to != 0)
			fprintf(f, "%lld", (long long)in[i].refers_to);
		fputc('\n', f);
	}
}

static void
list_json(FILE *f, const struct incident *in, size_t n)
{
	size_t	i;

	fputs("[", f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s\n  {\"id\": %lld, \"till\": %lld, \"created_at\": ",
		    i ? "," : "", (long long)in[i].id, (long long)in[i].till);
		json_string(f, in[i].at);
		fputs(", \"business_date\": ", f);
		json_string(f, in[i].date);
		fputs(", \"kind\": ", f);
		json_string(f, in[i].kind);
		fputs(", \"detail\": ", f);
		json_string(f, in[i].detail);
		if (in[i].user_id != 0)
			fprintf(f, ", \"user\": %lld", (long long)in[i].user_id);
		else
			fputs(", \"user\": null", f);
		if (in[i].refers_to != 0)
			fprintf(f, ", \"refers_to\": %lld}",
			    (long long)in[i].refers_to);
		else
			fputs(", \"refers_to\": null}", f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
}

static void
list_text(FILE *f, const struct incident *in, size_t n)
{
	size_t	i;

	if (n == 0) {
		fputs(_("No incidents.\n"), f);
		return;
	}
	for (i = 0; i < n; i++) {
		fprintf(f, "%5lld  %s  %s %-4lld %-11s ", (long long)in[i].id,
		    in[i].at, _("till"), (long long)in[i].till, in[i].kind);
		if (in[i].refers_to != 0)
			fprintf(f, _("(about %lld) "),
			    (long long)in[i].refers_to);
		fprintf(f, "%s\n", in[i].detail);
	}
}

static int
do_add(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "about", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	char		*cause = NULL;
	int64_t		 about = 0, id;
	int		 ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'a' || fixed_parse(optarg, 0, INT64_MAX / 10, &about,
		    NULL) != 0 || about < 1)
			return (incidents_usage());
	}
	if (argc - optind != 1)
		return (incidents_usage());
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (db_ensure_till(db, ctx->conf.till_id, ctx->conf.till_name,
	    &cause) != 0 || incident_add(db, ctx->conf.till_id, time(NULL),
	    INCIDENT_NOTE, argv[optind], 0, about, &id, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		db_close(db);
		return (1);
	}
	printf(_("kassa: incident %lld recorded\n"), (long long)id);
	db_close(db);
	return (0);
}

int
cmd_incidents(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct incident	*in;
	struct db	*db;
	const char	*from = NULL, *to = NULL, *format = "text";
	char		*cause = NULL;
	size_t		 n;
	int		 ch;

	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return (do_add(ctx, argc - 1, argv + 1));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
		case 't':
			if (!date_valid(optarg)) {
				fprintf(stderr, "kassa: \"%s\" is not a date "
				    "(YYYY-MM-DD)\n", optarg);
				return (2);
			}
			*(ch == 'f' ? &from : &to) = optarg;
			break;
		case 'o':
			format = optarg;
			if (strcmp(format, "text") != 0 &&
			    strcmp(format, "json") != 0 &&
			    strcmp(format, "csv") != 0)
				return (incidents_usage());
			break;
		default:
			return (incidents_usage());
		}
	}
	if (optind != argc)
		return (incidents_usage());
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (incident_list(db, from, to, &in, &n, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		db_close(db);
		return (1);
	}
	if (strcmp(format, "csv") == 0)
		list_csv(stdout, in, n);
	else if (strcmp(format, "json") == 0)
		list_json(stdout, in, n);
	else
		list_text(stdout, in, n);
	incident_list_free(in, n);
	db_close(db);
	return (0);
}
