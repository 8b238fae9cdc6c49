/*
 * kassa printer test [URI] [--profile NAME] [--timeout S]
 * kassa printer status [URI] [--timeout S]
 *
 * For whoever sets up a till, at the till or over SSH: print a receipt that
 * shows whether the code page, the width, the codes and the cutter are
 * right, and ask a printer how it is. Without a URI, the [printer] of
 * kassa.conf.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "printer.h"
#include "receipt.h"
#include "xmalloc.h"

static int
printer_usage(void)
{
	fputs("usage: kassa printer test [URI] [--profile NAME] "
	    "[--timeout SECONDS]\n"
	    "       kassa printer status [URI] [--timeout SECONDS]\n", stderr);
	return (2);
}

static void
row(struct receipt *r, enum receipt_row_kind kind, int bold, const char *l,
    const char *rt)
{
	struct receipt_row	*rw;

	r->rows = xreallocarray(r->rows, r->nrows + 1, sizeof *r->rows);
	rw = &r->rows[r->nrows++];
	memset(rw, 0, sizeof *rw);
	rw->kind = kind;
	rw->bold = bold;
	rw->left = l != NULL ? xstrdup(l) : NULL;
	rw->right = rt != NULL ? xstrdup(rt) : (kind == ROW_PAIR ?
	    xstrdup("") : NULL);
}

/* The store's name and address when there is a database, else kassa's. */
static struct receipt *
test_receipt(struct ctx *ctx, const char *uri,
    const struct printer_profile *prof)
{
	struct receipt	*r = xcalloc(1, sizeof *r);
	struct db	*db;
	char		*name = NULL, *addr = NULL, *cause = NULL, buf[128];
	char		 ruler[128];
	time_t		 now = time(NULL);
	int		 i;

	if (db_open(ctx->db_path, DB_OPEN_EXISTING, &db, &cause) == 0) {
		name = db_setting(db, "store.name", "kassa");
		addr = db_setting(db, "store.address", "");
		db_close(db);
	} else
		free(cause);
	row(r, ROW_CENTER, 1, name != NULL ? name : "kassa", NULL);
	if (addr != NULL && *addr != '\0')
		row(r, ROW_CENTER, 0, addr, NULL);
	row(r, ROW_CENTER, 1, "Printer test", NULL);
	row(r, ROW_RULE, 0, NULL, NULL);
	row(r, ROW_PAIR, 0, "Printer", uri);
	row(r, ROW_PAIR, 0, "Profile", prof->name);
	snprintf(buf, sizeof buf, "%d mm, %d columns", prof->paper_mm,
	    prof->cols_a);
	row(r, ROW_PAIR, 0, "Paper", buf);
	strftime(buf, sizeof buf, "%d.%m.%Y %H:%M", localtime(&now));
	row(r, ROW_PAIR, 0, "Time", buf);
	row(r, ROW_RULE, 0, NULL, NULL);
	/* Every column numbered: a wrapped line means a wrong profile. */
	for (i = 0; i < prof->cols_a && i < (int)sizeof ruler - 1; i++)
		ruler[i] = (char)('0' + (i + 1) % 10);
	ruler[i] = '\0';
	row(r, ROW_PAIR, 0, ruler, NULL);
	row(r, ROW_PAIR, 0, "ä ö å Ä Ö Å € 12,50", NULL);
	row(r, ROW_PAIR, 1, _("TOTAL"), "12,50 €");
	r->rows[r->nrows - 1].big = 1;
	row(r, ROW_RULE, 0, NULL, NULL);
	snprintf(r->code, sizeof r->code, "KASSA-TEST");
	free(name);
	free(addr);
	return (r);
}

static int
printer_test(struct ctx *ctx, const char *uri, const char *profname,
    int timeout)
{
	struct printer_profile	 prof;
	struct printer		*p;
	struct receipt		*r;
	uint8_t			*bytes;
	size_t			 len;
	char			*cause = NULL;

	if (printer_profile_load(profname, &prof, &cause) != 0)
		goto fail;
	r = test_receipt(ctx, uri, &prof);
	if (escpos_encode(r, &prof, 0, &bytes, &len, &cause) != 0) {
		receipt_free(r);
		goto fail;
	}
	receipt_free(r);
	if (printer_open(uri, timeout, &p, &cause) != 0) {
		free(bytes);
		goto fail;
	}
	if (printer_write(p, bytes, len, &cause) != 0 ||
	    printer_finish(p, &cause) != 0) {
		printer_close(p);
		free(bytes);
		goto fail;
	}
	printer_close(p);
	free(bytes);
	printf("printed the test receipt to %s (%s, %zu bytes)\n", uri,
	    prof.name, len);
	return (0);
fail:
	fprintf(stderr, "kassa: %s\n", cause);
	free(cause);
	return (1);
}

static int
printer_show_status(const char *uri, int timeout)
{
	struct printer	*p;
	char		*cause = NULL;
	int		 cond;

	printf("printer: %s\n", uri);
	if (printer_open(uri, timeout, &p, &cause) != 0) {
		printf("status: offline\n");
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (1);
	}
	printf("device: %s\n", printer_describe(p));
	if (printer_status(p, &cond, &cause) != 0) {
		printf("status: unknown\n");
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		printer_close(p);
		return (1);
	}
	printer_close(p);
	printf("status: %s\n", printer_condition_text(cond));
	if (cond != PRINTER_OK && cond != PRINTER_UNKNOWN) {
		/* Everything it said, for when more than one is wrong. */
		printf("details:%s%s%s%s\n",
		    (cond & PRINTER_OFFLINE) ? " offline" : "",
		    (cond & PRINTER_PAPER_OUT) ? " paper-out" : "",
		    (cond & PRINTER_PAPER_LOW) ? " paper-low" : "",
		    (cond & PRINTER_COVER_OPEN) ? " cover-open" : "");
	}
	return (cond == PRINTER_OK ? 0 : 1);
}

int
cmd_printer(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "timeout", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*uri, *profile, *what;
	char		*end;
	long		 secs = 10;
	int		 ch;

	if (argc < 2 || (strcmp(argv[1], "test") != 0 &&
	    strcmp(argv[1], "status") != 0))
		return (printer_usage());
	what = argv[1];
	profile = ctx->conf.printer_profile;
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			if (strcmp(what, "test") != 0)
				return (printer_usage());
			profile = optarg;
			break;
		case 't':
			secs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || secs < 1 ||
			    secs > 600)
				return (printer_usage());
			break;
		default:
			return (printer_usage());
		}
	}
	if (argc - optind > 1)
		return (printer_usage());
	uri = argc - optind == 1 ? argv[optind] : ctx->conf.printer_uri;
	if (uri == NULL || *uri == '\0') {
		fprintf(stderr, "kassa: no printer: name one (kassa printer "
		    "%s socket:192.0.2.10) or set uri in the [printer] "
		    "section of kassa.conf\n", what);
		return (2);
	}
	if (profile == NULL || *profile == '\0')
		profile = "generic-80mm";
	if (strcmp(what, "test") == 0)
		return (printer_test(ctx, uri, profile, (int)secs * 1000));
	return (printer_show_status(uri, (int)secs * 1000));
}
