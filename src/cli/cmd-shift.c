/*
 * kassa shift open --user N (--float AMOUNT | --count 5000x2,1000x3,...)
 * kassa shift status
 * kassa shift close --user N --count ... [--blind]
 * kassa cash paid-in|paid-out|drop AMOUNT --reason TEXT --user N
 * kassa report x [--format text|json]
 * kassa report z --number N [--print] | --list
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backup.h"
#include "cli.h"
#include "rights.h"
#include "db.h"
#include "i18n.h"
#include "money.h"
#include "outbox.h"
#include "shift.h"
#include "xmalloc.h"

static int
shift_usage(void)
{
	fputs("usage: kassa shift open --user N (--float AMOUNT | "
	    "--count DENOMxCOUNT,...)\n"
	    "       kassa shift status\n"
	    "       kassa shift close --user N --count DENOMxCOUNT,... "
	    "[--blind]\n"
	    "       (a count is in cents: 5000x2 is two 50,00 notes)\n",
	    stderr);
	return (2);
}

static int
cash_usage(void)
{
	fputs("usage: kassa cash paid-in|paid-out|drop AMOUNT --reason TEXT "
	    "--user N\n", stderr);
	return (2);
}

static int
parse_user(const char *s, int64_t *user)
{
	if (fixed_parse(s, 0, INT64_C(999999999), user, NULL) != 0 ||
	    *user < 1) {
		fprintf(stderr, "kassa: \"%s\" is not a user number\n", s);
		return (-1);
	}
	return (0);
}

static int
fail_db(struct db *db, char *cause)
{
	fprintf(stderr, "kassa: %s\n", cause);
	free(cause);
	db_close(db);
	return (1);
}

static int
shift_status(struct ctx *ctx)
{
	struct shift_info	 si;
	struct shift_figures	 f;
	struct db		*db;
	char			*cause = NULL, *loc, a[MONEY_BUFSIZE];
	int			 rc;

	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if ((rc = shift_current(db, ctx->conf.till_id, &si, &cause)) < 0)
		return (fail_db(db, cause));
	if (rc == 0) {
		printf(_("No shift is open on till %lld.\n"),
		    (long long)ctx->conf.till_id);
		db_close(db);
		return (3);
	}
	if (shift_figures(db, si.id, &f, &cause) != 0)
		return (fail_db(db, cause));
	loc = db_setting(db, "store.locale", "fi_FI");
	printf(_("Shift %lld is open on till %lld since %s, by user %s.\n"),
	    (long long)si.id, (long long)si.till, si.opened_at, f.cashier);
	printf(_("Float %s; "), money_format_plain(f.float_amount,
	    money_locale_find(loc), a, sizeof a));
	printf(_("%lld sales, %lld returns; "), (long long)f.sales,
	    (long long)f.returns);
	printf(_("expected cash %s\n"), money_format_plain(f.expected,
	    money_locale_find(loc), a, sizeof a));
	free(loc);
	shift_figures_clear(&f);
	db_close(db);
	return (0);
}

static int
auth_user(struct ctx *ctx, struct db *db, int64_t user)
{
	struct actor	a;
	char		num[32];

	snprintf(num, sizeof num, "%lld", (long long)user);
	return (ctx_auth(ctx, db, num, &a));
}

static void
backup_line(struct ctx *ctx, struct db *db, int64_t user, int64_t z_no)
{
	char	*line = NULL;

	if (backup_after_z(db, ctx->conf.till_id, ctx->conf.backup_dir,
	    ctx->db_path, z_no, user, &line) == 0)
		printf("%s\n", line);
	else
		fprintf(stderr, "kassa: %s\n", line);
	free(line);
}

int
cmd_shift(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "float", required_argument, NULL, 'f' },
		{ "count", required_argument, NULL, 'c' },
		{ "blind", no_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	struct cash_count	*counts = NULL;
	struct db		*db;
	const char		*what;
	char			*cause = NULL, *loc, a[MONEY_BUFSIZE];
	int64_t			 user = 0, fl = -1, id, z_no;
	size_t			 n = 0;
	int			 ch, blind = 0, have_count = 0, rc = 1;

	if (argc < 2)
		return (shift_usage());
	what = argv[1];
	argc--;
	argv++;
	if (strcmp(what, "status") == 0)
		return (argc == 1 ? shift_status(ctx) : shift_usage());
	if (strcmp(what, "open") != 0 && strcmp(what, "close") != 0)
		return (shift_usage());
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			if (parse_user(optarg, &user) != 0)
				goto usage;
			break;
		case 'f':
			if (money_parse(optarg, &fl, &cause) != 0) {
				fprintf(stderr, "kassa: --float: %s\n", cause);
				free(cause);
				goto usage;
			}
			break;
		case 'c':
			free(counts);
			if (cash_counts_parse(optarg, &counts, &n,
			    &cause) != 0) {
				fprintf(stderr, "kassa: --count: %s\n", cause);
				free(cause);
				return (2);
			}
			have_count = 1;
			break;
		case 'b':
			blind = 1;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc || user == 0)
		goto usage;
	if (strcmp(what, "open") == 0 ? (have_count == (fl >= 0) || blind) :
	    (!have_count || fl >= 0))
		goto usage;
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0) {
		free(counts);
		return (1);
	}
	/* The user says who he is with his PIN (stdin or the terminal). */
	if (auth_user(ctx, db, user) != 0) {
		free(counts);
		db_close(db);
		return (1);
	}
	loc = db_setting(db, "store.locale", "fi_FI");
	if (strcmp(what, "open") == 0) {
		if (shift_open(db, ctx->conf.till_id, user, counts, n,
		    fl < 0 ? 0 : fl, time(NULL), &id, &cause) == 0) {
			struct shift_info si;

			shift_current(db, ctx->conf.till_id, &si, NULL);
			printf(_("Shift %lld is open on till %lld with a float "
			    "of %s.\n"), (long long)id,
			    (long long)ctx->conf.till_id, money_format_plain(
			    si.float_amount, money_locale_find(loc), a,
			    sizeof a));
			rc = 0;
		}
	} else if (shift_close(db, ctx->conf.till_id, user, counts, n, blind,
	    time(NULL), &z_no, &cause) == 0) {
		char *text = NULL;

		/* The Z as stored and queued for the printer. */
		if (z_report_load(db, ctx->conf.till_id, z_no, &text, NULL,
		    &cause) == 0) {
			fputs(text, stdout);
			free(text);
			printf(_("Z report %lld is saved and queued for the "
			    "printer (kassa deliver prints it).\n"),
			    (long long)z_no);
			rc = 0;
		}
		/* Every Z is followed by a verified copy of the database. */
		backup_line(ctx, db, user, z_no);
	}
	if (rc != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
	free(loc);
	free(counts);
	db_close(db);
	return (rc);
usage:
	free(counts);
	return (shift_usage());
}

int
cmd_cash(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "reason", required_argument, NULL, 'r' },
		{ "approver", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct db	*db;
	const char	*kind, *reason = NULL;
	char		*cause = NULL;
	int64_t		 user = 0, approver = 0, amount;
	int		 ch;

	if (argc < 3)
		return (cash_usage());
	if (strcmp(argv[1], "paid-in") == 0)
		kind = "paid_in";
	else if (strcmp(argv[1], "paid-out") == 0)
		kind = "paid_out";
	else if (strcmp(argv[1], "drop") == 0)
		kind = "drop";
	else
		return (cash_usage());
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			if (parse_user(optarg, &user) != 0)
				return (cash_usage());
			break;
		case 'a':
			if (parse_user(optarg, &approver) != 0)
				return (cash_usage());
			break;
		case 'r':
			reason = optarg;
			break;
		default:
			return (cash_usage());
		}
	}
	if (optind != argc - 1 || user == 0)
		return (cash_usage());
	if (money_parse(argv[optind], &amount, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (2);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	/* His PIN, then the approver's, one per line on stdin. */
	if (auth_user(ctx, db, user) != 0 ||
	    (approver != 0 && auth_user(ctx, db, approver) != 0)) {
		db_close(db);
		return (1);
	}
	if (cash_move(db, ctx->conf.till_id, user, approver, kind, amount,
	    reason, time(NULL), &cause) != 0)
		return (fail_db(db, cause));
	db_close(db);
	return (0);
}

/* kassa report x [--format text|json] */
int
report_x(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "user", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct shift_figures	 f;
	struct shift_info	 si;
	struct db		*db;
	const char		*format = "text";
	char			*cause = NULL, *out;
	int64_t			 user = 0;
	int			 ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			format = optarg;
			if (strcmp(format, "text") != 0 &&
			    strcmp(format, "json") != 0)
				goto usage;
			break;
		case 'u':
			if (parse_user(optarg, &user) != 0)
				goto usage;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc)
		goto usage;
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	/* Without --user, the X is taken in the name of who opened it. */
	if (user == 0 && (rc = shift_current(db, ctx->conf.till_id, &si,
	    &cause)) != 1) {
		if (rc == 0)
			set_cause(&cause, _("no shift is open on this till: "
			    "an X report shows an open shift"));
		return (fail_db(db, cause));
	}
	if (x_report(db, ctx->conf.till_id, user != 0 ? user : si.user_id,
	    time(NULL), &f, &cause) != 0)
		return (fail_db(db, cause));
	out = strcmp(format, "json") == 0 ? shift_figures_json(&f) :
	    shift_report_text(db, &f);
	fputs(out, stdout);
	free(out);
	shift_figures_clear(&f);
	db_close(db);
	return (0);
usage:
	fputs("usage: kassa report x [--format text|json] [--user N]\n",
	    stderr);
	return (2);
}

/* kassa report z --number N [--format text|json] [--print], --list */
int
report_z_stored(struct ctx *ctx, int64_t z_no, int list, const char *format,
    int print)
{
	struct db	*db;
	struct z_brief	*z;
	char		*cause = NULL, *text = NULL, *figures = NULL, *loc;
	char		 a[MONEY_BUFSIZE], title[32];
	size_t		 n, i;

	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (list) {
		if (z_report_list(db, ctx->conf.till_id, &z, &n, &cause) != 0)
			return (fail_db(db, cause));
		loc = db_setting(db, "store.locale", "fi_FI");
		printf("%-6s %-10s %-19s %6s %12s\n", "Z", "date", "closed",
		    "shift", "difference");
		for (i = 0; i < n; i++)
			printf("%-6lld %-10s %-19s %6lld %12s\n",
			    (long long)z[i].z_no, z[i].business_date,
			    z[i].created_at, (long long)z[i].shift_id,
			    money_format_plain(z[i].difference,
			    money_locale_find(loc), a, sizeof a));
		free(loc);
		free(z);
		db_close(db);
		return (0);
	}
	if (z_report_load(db, ctx->conf.till_id, z_no, NULL, &figures,
	    &cause) != 0 || z_report_reprint(db, ctx->conf.till_id, z_no,
	    &text, &cause) != 0) {
		free(figures);
		return (fail_db(db, cause));
	}
	fputs(strcmp(format, "json") == 0 ? figures : text, stdout);
	if (print) {
		snprintf(title, sizeof title, "Z %lld copy", (long long)z_no);
		if (outbox_queue_report(db, title, text, &cause) != 0) {
			free(text);
			free(figures);
			return (fail_db(db, cause));
		}
		fprintf(stderr, _("kassa: Z report %lld is queued for the "
		    "printer (kassa deliver prints it).\n"), (long long)z_no);
	}
	free(text);
	free(figures);
	db_close(db);
	return (0);
}
