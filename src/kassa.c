/*
 * kassa: a cashier console for Linux thin clients. main() reads the global
 * options and the configuration, then runs a subcommand; with none, the
 * console opens.
 */
#include <getopt.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "conf.h"
#include "xmalloc.h"

#include <config.h>

/*
 * The language: the locale's, or the configuration's [till] language. A
 * thin client often has no locales generated, so when the one asked for is
 * missing, C.UTF-8 stands in and LANGUAGE still picks the translation.
 */
static void
init_language(const char *lang)
{
	const char	*env, *dir;
	char		 want[32];

	if (lang == NULL) {
		if (setlocale(LC_ALL, "") == NULL) {
			env = getenv("LC_ALL");
			if (env == NULL || *env == '\0')
				env = getenv("LC_MESSAGES");
			if (env == NULL || *env == '\0')
				env = getenv("LANG");
			setlocale(LC_ALL, "C.UTF-8");
			if (env != NULL && getenv("LANGUAGE") == NULL) {
				snprintf(want, sizeof want, "%.*s",
				    (int)strcspn(env, ".@"), env);
				setenv("LANGUAGE", want, 1);
			}
		}
		dir = getenv("KASSA_LOCALEDIR");
		bindtextdomain("kassa", dir != NULL && *dir != '\0' ? dir :
		    LOCALEDIR);
		bind_textdomain_codeset("kassa", "UTF-8");
		textdomain("kassa");
		return;
	}
	setenv("LANGUAGE", lang, 1);
	env = setlocale(LC_MESSAGES, NULL);
	if (env == NULL || strcmp(env, "C") == 0 || strcmp(env, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
}

static void
usage(FILE *f)
{
	fputs(
"usage: kassa [--db PATH] [--config PATH] [COMMAND [ARGS]]\n"
"\n"
"With no command, kassa opens the cashier console.\n"
"\n"
"Commands:\n"
"  init [--demo] [--admin-name NAME] [--admin-pin PIN]\n"
"                                 create the database and its first admin\n"
"                                 (--demo: the demo store and its users)\n"
"  user list [--format text|json] the users, their roles and locks\n"
"  user add --name NAME --role cashier|manager|admin [--number N] --as ADMIN\n"
"  user disable N --as ADMIN | user set-pin N --as USER\n"
"                                 PINs are read from the terminal or stdin\n"
"  catalog import [--format kassa|woocommerce] FILE [--skip-invalid]\n"
"                                 import items from CSV (FILE - for stdin)\n"
"  catalog export [--format kassa|woocommerce] [-o FILE]\n"
"                                 write the catalog as CSV (stdout without FILE)\n"
"  export summary --from DATE --to DATE [--format csv|json]\n"
"                 [--separator C] [--decimal-comma] [-o FILE]\n"
"                                 each day's figures for the bookkeeper\n"
"  export vouchers --from DATE --to DATE [--separator C] [--decimal-comma]\n"
"                  [-o FILE]      one balanced accounting voucher per day\n"
"  export saft --from DATE --to DATE [-o FILE.xml]\n"
"                                 the SAF-T Cash Register audit file\n"
"  receipt show N [--till ID] [--width COLS]\n"
"                                 print receipt N as text\n"
"  receipt pdf N FILE [--till ID] write receipt N (a COPY) as PDF\n"
"  receipt email N ADDRESS [--till ID]\n"
"                                 mail receipt N (a COPY), PDF attached\n"
"  deliver [--held] [--quiet]     deliver the receipts waiting, down the\n"
"                                 fallback chain ([receipts] chain)\n"
"  report z [--date YYYY-MM-DD] [--till ID] [--format text|json|csv]\n"
"                                 the day's figures (default: today, all tills)\n"
"  report z --number N [--format text|json] [--print]\n"
"                                 a closed shift's Z as it was printed\n"
"  report z --list                the Z reports of this till\n"
"  report x [--format text|json]  the open shift's figures now (an X report)\n"
"  shift open --user N (--float AMOUNT | --count 5000x2,1000x3,...)\n"
"                                 open a shift with a float (counts in cents)\n"
"  shift status                   the open shift; exit 3 when none is open\n"
"  shift close --user N --count ... [--blind]\n"
"                                 count the cash, close the shift, print the Z\n"
"  cash paid-in|paid-out|drop AMOUNT --reason TEXT --user N\n"
"                                 cash into or out of the drawer without a sale\n"
"  backfill FILE --as N [--dry-run]\n"
"                                 enter sales written on paper slips while\n"
"                                 the till was down (CSV; all or nothing)\n"
"  incidents [--from DATE] [--to DATE] [--format text|csv|json]\n"
"                                 printer failures, fallbacks, database\n"
"                                 errors, outages and notes\n"
"  incidents add TEXT [--about ID]\n"
"                                 write a note (about incident ID)\n"
"  report hourly|departments|items|cashiers|losses|cash [--date D] [--to D2]\n"
"         [--till ID] [--format text|json|csv]\n"
"                                 sales by hour, department, item, cashier;\n"
"                                 discounts, voids, overrides, refunds and\n"
"                                 no-sales; cash differences per shift\n"
"  stock list [--low QTY] [--format text|json|csv]\n"
"                                 the stock of stocked items\n"
"  stock receive FILE [--reference REF]\n"
"                                 receive a delivery note (CSV code;qty)\n"
"  stock count add CODE QTY | import FILE | show | apply --as N\n"
"                                 count stock, see the variance, apply it\n"
"  customer add NAME [--phone P] [--email E]\n"
"  customer list [TEXT] [--format text|json|csv]\n"
"  customer show N                a customer's visits and purchases\n"
"  status [--format text|json]    the database and this till, for support\n"
"  printer test [URI] [--profile NAME]\n"
"                                 print a test receipt (default: [printer] uri)\n"
"  printer status [URI]           the printer's condition; exit 0 when ok\n"
"  journal verify                 check the journal and every record it covers;\n"
"                                 exit 0 when nothing was changed\n"
"  journal show [--from N] [--limit N]\n"
"                                 print journal entries\n"
"  journal head                   the newest entry's number and hash\n"
"  journal new-key                start a new signing key (the old one is lost)\n"
"  backup [--to DIR]              a verified copy of the database ([backup] dir)\n"
"\n"
"Options:\n"
"  --db PATH        the database (or KASSA_DB; default\n"
"                   $XDG_DATA_HOME/kassa/kassa.db)\n"
"  --config PATH    the configuration (or KASSA_CONFIG; default\n"
"                   " SYSCONFDIR "/kassa/kassa.conf, then\n"
"                   $XDG_CONFIG_HOME/kassa/kassa.conf)\n"
"  -h, --help       show this help\n"
"  -V, --version    show the version\n"
"\n"
"Console keys (F1 or ? shows them all): a code then Enter adds an item\n"
"(N*code: N of it); F2 or / searches by name; Del voids the chosen line;\n"
"F3/F4 discount the line/the sale; F5 changes a price; F6/F7 park/resume;\n"
"F8 cancels; F9 or + pays: an amount then Enter pays cash, Enter alone the\n"
"exact amount, C card, O other tenders, E emails the receipt, L prints it\n"
"later, R takes the last payment back; F10 lists today's receipts; Ctrl-E\n"
"or @ sets the customer of the sale; F11 or Ctrl-K locks the screen; F12 or\n"
"Ctrl-A is the till menu (no sale, training, receiving a delivery, the\n"
"stock count, the reports, log out); Ctrl-N is plan B (a note, today's\n"
"incidents, sales from paper slips); Esc goes back; Ctrl-Q quits (the open\n"
"sale is kept).\n"
"\n"
"See kassa(1) and kassa.conf(5).\n", f);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct {
		const char	*name;
		int		(*fn)(struct ctx *, int, char **);
	} cmds[] = {
		{ "init", cmd_init },
		{ "catalog", cmd_catalog },
		{ "receipt", cmd_receipt },
		{ "report", cmd_report },
		{ "status", cmd_status },
		{ "printer", cmd_printer },
		{ "console", cmd_console },
		{ "deliver", cmd_deliver },
		{ "user", cmd_user },
		{ "journal", cmd_journal },
		{ "backup", cmd_backup },
		{ "shift", cmd_shift },
		{ "cash", cmd_cash },
		{ "backfill", cmd_backfill },
		{ "incidents", cmd_incidents },
		{ "export", cmd_export },
		{ "stock", cmd_stock },
		{ "customer", cmd_customer },
	};
	struct ctx	 ctx;
	const char	*db = getenv("KASSA_DB"), *conf = getenv("KASSA_CONFIG");
	char		*cause = NULL;
	size_t		 i;
	int		 ch, rc;

	init_language(NULL);
	if (db != NULL && *db == '\0')
		db = NULL;
	if (conf != NULL && *conf == '\0')
		conf = NULL;
	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'c':
			conf = optarg;
			break;
		case 'h':
			usage(stdout);
			return (0);
		case 'V':
			printf("kassa %s\n", PACKAGE_VERSION);
			return (0);
		default:
			usage(stderr);
			return (2);
		}
	}
	argc -= optind;
	argv += optind;

	memset(&ctx, 0, sizeof ctx);
	if (config_load(&ctx.conf, conf, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		config_free(&ctx.conf);
		return (1);
	}
	if (ctx.conf.language != NULL)
		init_language(ctx.conf.language);
	if (db != NULL)
		ctx.db_path = xstrdup(db);
	else if (ctx.conf.db_path != NULL)
		ctx.db_path = xstrdup(ctx.conf.db_path);
	else
		ctx.db_path = config_default_db();
	ctx.datadir = ctx_datadir();

	if (argc == 0)
		rc = cmd_console(&ctx, argc, argv);
	else {
		for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
			if (strcmp(argv[0], cmds[i].name) == 0)
				break;
		if (i == sizeof cmds / sizeof cmds[0]) {
			fprintf(stderr, "kassa: unknown command \"%s\" (kassa "
			    "--help lists them)\n", argv[0]);
			rc = 2;
		} else
			rc = cmds[i].fn(&ctx, argc, argv);
	}
	config_free(&ctx.conf);
	free(ctx.db_path);
	return (rc);
}
