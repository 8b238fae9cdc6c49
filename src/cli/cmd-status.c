/*
 * kassa status [--format text|json]: what a support person reaching the till
 * over SSH needs first. The text is plain, for any terminal of 80 columns;
 * the JSON is for scripts, amounts in minor units.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <config.h>

#include "cli.h"
#include "db.h"
#include "printer.h"
#include "money.h"
#include "status.h"
#include "xmalloc.h"

/* The text form: labels, then values that wrap to stay in 80 columns. */
#define LABEL_WIDTH	22
#define TEXT_WIDTH	80

static int
status_usage(void)
{
	fputs("usage: kassa status [--format text|json]\n", stderr);
	return (2);
}

static void
json_count(FILE *f, int64_t n)
{
	if (n == STATUS_UNKNOWN)
		fputs("null", f);
	else
		fprintf(f, "%lld", (long long)n);
}

/*
 * The till's printer and what it says about itself right now (asked with
 * a short timeout, so status stays quick when the printer is off).
 */
static const char *
printer_state(const struct ctx *ctx, char **cause)
{
	struct printer	*p;
	int		 cond;

	if (printer_open(ctx->conf.printer_uri, 2000, &p, cause) != 0)
		return (NULL);
	if (printer_status(p, &cond, cause) != 0) {
		printer_close(p);
		return (NULL);
	}
	printer_close(p);
	return (printer_condition_text(cond));
}

static void
printer_json(FILE *f, const struct ctx *ctx)
{
	const char	*state;
	char		*cause = NULL;

	if (ctx->conf.printer_uri == NULL) {
		fputs("null", f);
		return;
	}
	fputs("{\"uri\": ", f);
	json_string(f, ctx->conf.printer_uri);
	fputs(", \"state\": ", f);
	state = printer_state(ctx, &cause);
	json_string(f, state != NULL ? state : "unreachable");
	fputs(", \"error\": ", f);
	if (cause != NULL)
		json_string(f, cause);
	else
		fputs("null", f);
	fputs("}", f);
	free(cause);
}

static void
printer_text(FILE *f, const struct ctx *ctx)
{
	const char	*state;
	char		*cause = NULL;

	if (ctx->conf.printer_uri == NULL) {
		fputs("none configured", f);
		return;
	}
	state = printer_state(ctx, &cause);
	fprintf(f, "%s, %s%s%s", ctx->conf.printer_uri,
	    state != NULL ? state : "unreachable", cause != NULL ? ": " : "",
	    cause != NULL ? cause : "");
	free(cause);
}

static void
status_json(FILE *f, const struct ctx *ctx, const char *path,
    const struct status *s)
{
	fputs("{\n  \"version\": ", f);
	json_string(f, PACKAGE_VERSION);
	fputs(",\n  \"database\": {\n    \"path\": ", f);
	json_string(f, path);
	fprintf(f, ",\n    \"size_bytes\": %lld,\n    \"quick_check\": ",
	    (long long)s->size_bytes);
	json_string(f, s->quick_check);
	fputs(",\n    \"schema_version\": ", f);
	json_count(f, s->schema_version);
	fprintf(f, "\n  },\n  \"till\": {\"id\": %lld, \"name\": ",
	    (long long)ctx->conf.till_id);
	json_string(f, ctx->conf.till_name);
	fputs("},\n  \"open_basket\": ", f);
	if (!s->has_basket)
		fputs("null", f);
	else {
		fputs("{\"lines\": ", f);
		json_count(f, s->basket_lines);
		fputs(", \"total\": ", f);
		json_count(f, s->basket_total);
		if (s->basket_error != NULL) {
			fputs(", \"error\": ", f);
			json_string(f, s->basket_error);
		}
		fputc('}', f);
	}
	fputs(",\n  \"parked_baskets\": ", f);
	json_count(f, s->parked_baskets);
	fputs(",\n  \"receipts_waiting\": ", f);
	json_count(f, s->receipts_waiting);
	fputs(",\n  \"printer\": ", f);
	printer_json(f, ctx);
	fputs(",\n  \"unresolved_payments\": ", f);
	json_count(f, s->unresolved_payments);
	fputs("\n}\n", f);
}

static void
label(FILE *f, const char *name)
{
	fprintf(f, "%-*s", LABEL_WIDTH, name);
}

/*
 * A value after its label, one line for each line of s, each wrapped at a
 * space to fit TEXT_WIDTH; a word too long to fit (a path) is left whole.
 * Bytes are counted, not columns: a UTF-8 text wraps early, never late.
 */
static void
text_value(FILE *f, const char *s)
{
	const size_t	 room = TEXT_WIDTH - LABEL_WIDTH;
	const char	*end;
	size_t		 len, cut;
	int		 first = 1;

	do {
		end = strchr(s, '\n');
		len = end != NULL ? (size_t)(end - s) : strlen(s);
		while (len > room) {
			for (cut = room; cut > 0 && s[cut] != ' '; cut--)
				/* nothing */;
			if (cut == 0)
				break;
			if (!first)
				label(f, "");
			fprintf(f, "%.*s\n", (int)cut, s);
			first = 0;
			s += cut + 1;
			len -= cut + 1;
		}
		if (!first)
			label(f, "");
		fprintf(f, "%.*s\n", (int)len, s);
		first = 0;
		s += len + (end != NULL);
	} while (end != NULL);
}

/* "1", or "2 (Front)" when the till has a name of its own. */
static void
text_till(FILE *f, const struct ctx *ctx)
{
	char	id[32];

	snprintf(id, sizeof id, "%lld", (long long)ctx->conf.till_id);
	fputs(id, f);
	if (strcmp(ctx->conf.till_name, id) != 0)
		fprintf(f, " (%s)", ctx->conf.till_name);
}

static void
text_count(FILE *f, const char *name, int64_t n)
{
	label(f, name);
	if (n == STATUS_UNKNOWN)
		fputs("unknown (see the error below)\n", f);
	else
		fprintf(f, "%lld\n", (long long)n);
}

static void
status_text(FILE *f, const struct ctx *ctx, const char *path,
    const struct status *s, const struct money_locale *loc,
    const char *currency)
{
	char		 a[MONEY_BUFSIZE], host[256], now[32];
	int64_t		 n = s->unresolved_payments;
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "this machine");
	host[sizeof host - 1] = '\0';
	localtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S %Z", &tm);
	fprintf(f, "kassa %s on %s, %s\n", PACKAGE_VERSION, host, now);
	/* What support must not miss comes first. */
	if (n > 0)
		fprintf(f, "\n*** %lld payment attempt%s on this till %s "
		    "unresolved (pending or unknown):\n*** check the card "
		    "terminal before the customer pays again.\n",
		    (long long)n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
	if (strcmp(s->quick_check, "ok") != 0)
		fputs("\n*** The database check found problems (below): copy "
		    "the file and its -wal\n*** aside before anything else.\n",
		    f);
	fputc('\n', f);

	label(f, "Database:");
	fprintf(f, "%s\n", path);
	label(f, "  size:");
	fprintf(f, "%lld bytes", (long long)s->size_bytes);
	if (s->wal_bytes > 0)
		fprintf(f, " (%lld of them in the WAL)",
		    (long long)s->wal_bytes);
	fputc('\n', f);
	label(f, "  check:");
	text_value(f, s->quick_check);
	text_count(f, "  schema version:", s->schema_version);

	label(f, "Till:");
	text_till(f, ctx);
	fprintf(f, "%s\n", s->till_known == 0 ? ", not yet in the database" :
	    "");
	label(f, "Open basket:");
	if (!s->has_basket)
		fputs("none\n", f);
	else if (s->basket_error != NULL)
		text_value(f, s->basket_error);
	else
		fprintf(f, "%lld line%s, total %s\n",
		    (long long)s->basket_lines, s->basket_lines == 1 ? "" : "s",
		    money_format(s->basket_total, loc, currency, a, sizeof a));
	text_count(f, "Parked baskets:", s->parked_baskets);
	text_count(f, "Receipts waiting:", s->receipts_waiting);
	label(f, "Printer:");
	printer_text(f, ctx);
	fputc('\n', f);
	label(f, "Unresolved payments:");
	if (n == STATUS_UNKNOWN)
		fputs("unknown (see the error below)\n", f);
	else
		fprintf(f, "%lld%s\n", (long long)n, n > 0 ?
		    "   <-- see above" : "");
}

int
cmd_status(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct status	 s;
	struct db	*db;
	const char	*format = "text";
	char		*cause = NULL, *path, *loc, *cur;
	int		 ch, rc, ok;

	optind = 0;	/* glibc: start afresh, options after operands too */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			format = optarg;
			if (strcmp(format, "text") != 0 &&
			    strcmp(format, "json") != 0)
				return (status_usage());
			break;
		default:
			return (status_usage());
		}
	}
	if (optind != argc)
		return (status_usage());

	if (db_open(ctx->db_path, DB_OPEN_EXISTING, &db, &cause) != 0) {
		/* SQLite's own words do not name the file. */
		if (strstr(cause, ctx->db_path) != NULL)
			fprintf(stderr, "kassa: %s\n", cause);
		else
			fprintf(stderr, "kassa: cannot open the database "
			    "%s: %s\n", ctx->db_path, cause);
		free(cause);
		return (1);
	}
	/* Support copies the path into other commands: make it whole. */
	if ((path = realpath(ctx->db_path, NULL)) == NULL)
		path = xstrdup(ctx->db_path);
	rc = status_read(db, ctx->conf.till_id, &s, &cause);
	ok = strcmp(s.quick_check, "ok") == 0;
	if (strcmp(format, "json") == 0)
		status_json(stdout, ctx, path, &s);
	else {
		loc = db_setting(db, "store.locale", "fi_FI");
		cur = db_setting(db, "store.currency", "EUR");
		status_text(stdout, ctx, path, &s,
		    money_locale_find(loc), cur);
		free(loc);
		free(cur);
	}
	fflush(stdout);
	if (!ok)
		fprintf(stderr, "kassa: the database check found problems in "
		    "%s\n", path);
	if (rc != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
	status_clear(&s);
	free(path);
	db_close(db);
	return (ok && rc == 0 ? 0 : 1);
}
