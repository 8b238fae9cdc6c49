/*
 * kassa receipt show N [--till ID] [--width COLS]
 * kassa receipt pdf N FILE [--till ID]
 * kassa receipt email N ADDRESS [--till ID]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "mail.h"
#include "money.h"
#include "pdf.h"
#include "receipt.h"
#include "sales.h"
#include "xmalloc.h"

static int
receipt_usage(void)
{
	fputs("usage: kassa receipt show N [--till ID] [--width COLS]\n"
	    "       kassa receipt pdf N FILE [--till ID]\n"
	    "       kassa receipt email N ADDRESS [--till ID]\n", stderr);
	return (2);
}

/* Mail a stored receipt, its PDF attached. */
int
receipt_email(const struct config *conf, struct receipt *r, int64_t no,
    const char *store, const char *to, char **cause)
{
	struct mail_config	 mc;
	unsigned char		*pdf;
	size_t			 len;
	char			*text, *subject, name[64];
	int			 rc;

	if (pdf_receipt_mem(r, &pdf, &len, cause) != 0)
		return (-1);
	memset(&mc, 0, sizeof mc);
	mc.server = conf->email_server;
	mc.from = conf->email_from;
	mc.credentials = conf->email_credentials;
	mc.starttls = conf->email_starttls;
	mc.timeout = conf->email_timeout;
	text = receipt_text(r, 42);
	xasprintf(&subject, _("Receipt %lld from %s"), (long long)no, store);
	snprintf(name, sizeof name, "receipt-%lld.pdf", (long long)no);
	rc = mail_send(&mc, to, subject, text, pdf, len, name, cause);
	free(subject);
	free(text);
	free(pdf);
	return (rc);
}

int
cmd_receipt(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "till", required_argument, NULL, 't' },
		{ "width", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct receipt	*r;
	struct db	*db;
	const char	*what;
	char		*cause = NULL, *text;
	int64_t		 no, till = ctx->conf.till_id, width = 42;
	int		 ch, rc = 0, nargs;

	if (argc < 2)
		return (receipt_usage());
	what = argv[1];
	nargs = strcmp(what, "show") == 0 ? 1 : (strcmp(what, "pdf") == 0 ||
	    strcmp(what, "email") == 0) ? 2 : 0;
	if (nargs == 0)
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
	if (argc - optind != nargs)
		return (receipt_usage());
	if (fixed_parse(argv[optind], 0, INT64_MAX / 10, &no, NULL) != 0 ||
	    no < 1) {
		fprintf(stderr, "kassa: %s\n", _("a receipt number is a whole "
		    "number from 1"));
		return (2);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (sale_receipt(db, till, no, strcmp(what, "show") != 0, &r,
	    &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		db_close(db);
		return (1);
	}
	if (strcmp(what, "show") == 0) {
		text = receipt_text(r, (int)width);
		fputs(text, stdout);
		free(text);
	} else if (strcmp(what, "pdf") == 0)
		rc = pdf_receipt(r, argv[optind + 1], &cause);
	else {
		char *store = db_setting(db, "store.name", "");

		rc = receipt_email(&ctx->conf, r, no, store, argv[optind + 1],
		    &cause);
		free(store);
	}
	if (rc != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
	receipt_free(r);
	db_close(db);
	return (rc == 0 ? 0 : 1);
}
