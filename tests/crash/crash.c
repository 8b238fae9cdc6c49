/*
 * The crash harness: the console in a pseudo-terminal (tests/pty-term.c)
 * rings up scripted sales from the demo catalog and is killed with SIGKILL
 * at random moments: while starting, with a scan in flight, idle with a
 * basket, on the payment screen, right after the pay key (the commit in
 * flight) and after a sale. After every kill it starts again and checks:
 *
 *  - no committed sale is lost: the sales in the database are exactly the
 *    ones the screen confirmed, plus at most the one whose commit was
 *    killed; every receipt number the screen showed is there;
 *  - no sale is partial: each has lines, VAT rows summing to its total,
 *    tenders summing to its total and rounding, and its receipt job;
 *  - receipt numbers have no gaps;
 *  - the open basket is back: the sale's lines on screen after the restart
 *    are those on screen before the kill (a scan in flight may or may not
 *    have made it; a commit in flight either took the basket or left it);
 *  - 'kassa journal verify' passes, where kassa has a journal.
 *
 *	crash [KILLS [SEED]]	(KASSA names the program; make check runs 30)
 *
 * Ends with "N passed, M failed" where N counts the kills survived.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pty-term.h"
#include "xmalloc.h"

#define WAIT_MS		20000	/* a sanitizer build on a busy machine */
#define SALE_ROWS	(ROW_TOTAL - 2)	/* rows 2 .. ROW_TOTAL-1 */
#define MAX_PER_SALE	5

enum kill_at {
	KILL_STARTING,		/* before the first screen */
	KILL_SCAN,		/* a scan written, not yet on screen */
	KILL_IDLE,		/* a basket on screen */
	KILL_PAY_SCREEN,	/* the payment screen, nothing paid */
	KILL_COMMIT,		/* right after the pay key */
	KILL_DONE,		/* a sale just confirmed */
	KILL_NKINDS
};

static const char *kill_names[] = {
	"starting", "scan in flight", "idle with a basket", "payment screen",
	"commit in flight", "after a sale"
};

struct item {
	char	*code;
};

static struct {
	const char	*kassa;
	char		*dir;
	char		*db;
	struct item	*items;
	size_t		 nitems, next_item;

	/* What the screen confirmed. */
	int64_t		 sales;		/* receipts shown: 1 .. sales */
	int		 basket;	/* lines in the open basket */
	int		 target;	/* lines this sale gets */
	char		 rows[SALE_ROWS][COLS * 4 + 1];

	/* What was in flight at the kill. */
	int		 scan_flying;
	int		 commit_flying;

	unsigned	 kills[KILL_NKINDS];
	unsigned	 commits_taken, commits_undone, scans_taken;
	int		 journal;	/* kassa has 'journal verify' */
} h;

static unsigned
rnd(unsigned n)
{
	return ((unsigned)random() % n);
}

static void __attribute__((format(printf, 2, 3)))
fail(struct term *t, const char *fmt, ...)
{
	va_list	ap;

	printf("not ok - ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (t != NULL && t->vt != NULL) {
		fflush(stdout);
		term_dump(t);
	}
	printf("# state: %lld sales confirmed, %d lines in the basket, "
	    "scan in flight %d, commit in flight %d\n", (long long)h.sales,
	    h.basket, h.scan_flying, h.commit_flying);
	printf("# the database is kept in %s\n", h.dir);
	exit(1);
}

/* Run a shell command quietly; its exit status. */
static int
run(const char *fmt, ...)
{
	va_list	 ap;
	char	*cmd;
	int	 rc;

	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		fatalx("out of memory");
	va_end(ap);
	rc = system(cmd);
	free(cmd);
	return (WIFEXITED(rc) ? WEXITSTATUS(rc) : -1);
}

static sqlite3 *
db_read(void)
{
	sqlite3	*d;

	if (sqlite3_open_v2(h.db, &d, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		fail(NULL, "cannot open %s: %s", h.db, sqlite3_errmsg(d));
	sqlite3_busy_timeout(d, 10000);
	return (d);
}

static int64_t
q_int(sqlite3 *d, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(d, sql, -1, &st, NULL) != SQLITE_OK)
		fail(NULL, "%s: %s", sql, sqlite3_errmsg(d));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fail(NULL, "%s: %s", sql, sqlite3_errmsg(d));
	sqlite3_finalize(st);
	return (v);
}

/* Items sold by the piece with a barcode, in a random order. */
static void
load_items(void)
{
	sqlite3		*d = db_read();
	sqlite3_stmt	*st;
	size_t		 i, j;
	struct item	 tmp;

	if (sqlite3_prepare_v2(d, "SELECT g.code FROM item_gtin g JOIN item i "
	    "ON i.id = g.item_id WHERE i.unit = 'pcs' AND i.active AND "
	    "length(g.code) = 13 AND i.price > 0 ORDER BY g.code", -1, &st,
	    NULL) != SQLITE_OK)
		fail(NULL, "items: %s", sqlite3_errmsg(d));
	while (sqlite3_step(st) == SQLITE_ROW) {
		h.items = xreallocarray(h.items, h.nitems + 1, sizeof *h.items);
		h.items[h.nitems++].code = xstrdup((const char *)
		    sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	sqlite3_close(d);
	if (h.nitems < MAX_PER_SALE)
		fail(NULL, "the demo catalog has %zu items", h.nitems);
	for (i = h.nitems - 1; i > 0; i--) {
		j = rnd((unsigned)i + 1);
		tmp = h.items[i];
		h.items[i] = h.items[j];
		h.items[j] = tmp;
	}
}

/* The database as a whole: numbers without gaps, every sale whole. */
static int64_t
check_database(void)
{
	sqlite3	*d = db_read();
	int64_t	 n, bad;

	n = q_int(d, "SELECT count(*) FROM sale");
	if (n > 0 && (q_int(d, "SELECT min(receipt_no) FROM sale") != 1 ||
	    q_int(d, "SELECT max(receipt_no) FROM sale") != n))
		fail(NULL, "receipt numbers have a gap: %lld sales, %lld..%lld",
		    (long long)n, (long long)q_int(d, "SELECT min(receipt_no) "
		    "FROM sale"), (long long)q_int(d, "SELECT max(receipt_no) "
		    "FROM sale"));
	if (q_int(d, "SELECT next_receipt FROM till WHERE id = 1") != n + 1)
		fail(NULL, "the next receipt is %lld after %lld sales",
		    (long long)q_int(d, "SELECT next_receipt FROM till"),
		    (long long)n);
	bad = q_int(d, "SELECT count(*) FROM sale s WHERE "
	    "(SELECT count(*) FROM sale_line WHERE sale_id = s.id) = 0 OR "
	    "coalesce((SELECT sum(gross) FROM sale_vat WHERE sale_id = s.id), "
	    "-1) != s.total OR coalesce((SELECT sum(amount) FROM sale_tender "
	    "WHERE sale_id = s.id), -1) != s.total + s.rounding OR "
	    "(SELECT count(*) FROM outbox WHERE sale_id = s.id AND copy = 0) "
	    "!= 1");
	if (bad != 0)
		fail(NULL, "%lld sales are partial", (long long)bad);
	sqlite3_close(d);
	return (n);
}

static void
snapshot(struct term *t)
{
	int	i;

	for (i = 0; i < SALE_ROWS; i++)
		snprintf(h.rows[i], sizeof h.rows[i], "%s", term_row(t, i + 2));
}

/* The first n rows of the sale are those of the snapshot. */
static int
same_rows(struct term *t, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcmp(h.rows[i], term_row(t, i + 2)) != 0)
			return (0);
	return (1);
}

/* The item count the sale screen shows, or -1. */
static int
screen_items(struct term *t)
{
	const char	*row = term_row(t, ROW_TOTAL + 1);
	int		 n;

	if (sscanf(row, " Items %d", &n) != 1)
		return (-1);
	return (n);
}

struct want_items {
	int	n;
};

static int
items_done(struct term *t, void *arg)
{
	struct want_items	*w = arg;

	return (screen_items(t) == w->n && term_input_empty(t, "Code:"));
}

/* Start the console and log in as the demo's cashier (user 1, PIN 1111). */
static void
start(struct term *t)
{
	term_start(t, kassa_argv(h.kassa, h.db));
	if (term_login(t, "1", "1111", WAIT_MS) == 0)
		fail(t, "the login failed");
}

static void
kill_console(struct term *t, enum kill_at at)
{
	int	status;

	kill(t->pid, SIGKILL);
	while (waitpid(t->pid, &status, 0) < 0 && errno == EINTR)
		;
	close(t->fd);
	vterm_free(t->vt);
	memset(t, 0, sizeof *t);
	h.kills[at]++;
}

static void
sleep_ms(unsigned ms)
{
	usleep((useconds_t)ms * 1000);
}

/* The sale's confirmation, with the next receipt number. */
static void
confirm_sale(struct term *t)
{
	const char	*p = NULL;
	int		 row;

	if (term_wait(t, text_done, (void *)"Paid. Receipt ", WAIT_MS) == 0)
		fail(t, "the sale was not confirmed");
	h.sales++;
	for (row = ROWS - 4; row < ROWS; row++)
		if ((p = strstr(term_row(t, row), "Paid. Receipt ")) != NULL)
			break;
	if (p == NULL || strtoll(p + 14, NULL, 10) != h.sales)
		fail(t, "the screen shows another receipt number than %lld",
		    (long long)h.sales);
	h.basket = 0;
	h.target = 1 + (int)rnd(MAX_PER_SALE);
}

/* A sale paid but not saved when the console died is offered again. */
static int
paid_unsaved(struct term *t)
{
	return (term_has(t, ROWS - 3, ROWS - 3, "paid but not saved") &&
	    term_has(t, ROW_INPUT, ROW_INPUT, "Cash given"));
}

static int
restart_done(struct term *t, void *arg)
{
	return (start_screen_done(t, arg) || paid_unsaved(t));
}

/* After a restart: the database and the screen against what was seen. */
static void
check_restart(struct term *t)
{
	int64_t	n = check_database();
	int	items;

	if (n < h.sales)
		fail(t, "%lld sales were confirmed on screen, the database has "
		    "%lld", (long long)h.sales, (long long)n);
	if (n > h.sales + (h.commit_flying ? 1 : 0))
		fail(t, "the database has %lld sales, %lld were confirmed and "
		    "%s commit was in flight", (long long)n, (long long)h.sales,
		    h.commit_flying ? "one" : "no");
	if (term_wait(t, restart_done, NULL, WAIT_MS) == 0)
		fail(t, "the console did not start");
	term_drain(t, 30);
	items = screen_items(t);
	if (paid_unsaved(t)) {
		/* The killed commit was undone; its lines and payment kept. */
		if (!h.commit_flying || n != h.sales || items != h.basket ||
		    !same_rows(t, h.basket))
			fail(t, "a paid sale is back that should not be");
		h.commits_undone++;
		term_write(t, "\r", 1);
		confirm_sale(t);
	} else if (n == h.sales + 1) {
		/* The killed commit went through: its basket went with it. */
		h.commits_taken++;
		h.sales = n;
		h.basket = 0;
		if (items != 0)
			fail(t, "the sale was committed, the basket is still "
			    "there");
	} else if (h.scan_flying && items == h.basket + 1) {
		h.scans_taken++;
		h.basket = items;
		snapshot(t);
	} else if (items != h.basket)
		fail(t, "the basket had %d lines, after the restart %d",
		    h.basket, items);
	else if (h.basket > 0 && !same_rows(t, SALE_ROWS)) {
		int i;

		for (i = 0; i < SALE_ROWS; i++)
			printf("# before|%s\n", h.rows[i]);
		fail(t, "the basket's lines differ after the restart");
	}
	h.scan_flying = h.commit_flying = 0;
	if (h.basket == 0)
		h.target = 1 + (int)rnd(MAX_PER_SALE);
	if (h.journal && run("'%s' --db '%s' journal verify >/dev/null 2>&1",
	    h.kassa, h.db) != 0)
		fail(t, "kassa journal verify failed after the restart");
}

/*
 * One life of the console: start it, check it, then scan and pay until
 * the kill chosen at random comes. Returns after the kill.
 */
static void
one_life(void)
{
	struct term		 t;
	struct want_items	 w;
	char			 code[32];
	unsigned		 delay;

	start(&t);
	if (rnd(12) == 0) {
		sleep_ms(rnd(300));
		kill_console(&t, KILL_STARTING);
		return;
	}
	check_restart(&t);
	for (;;) {
		if (h.basket < h.target) {
			snprintf(code, sizeof code, "%s\r",
			    h.items[h.next_item].code);
			h.next_item = (h.next_item + 1) % h.nitems;
			term_write(&t, code, strlen(code));
			if (rnd(8) == 0) {
				h.scan_flying = 1;
				sleep_ms(rnd(40));
				kill_console(&t, KILL_SCAN);
				return;
			}
			w.n = h.basket + 1;
			if (term_wait(&t, items_done, &w, WAIT_MS) == 0)
				fail(&t, "scan %d did not show", w.n);
			term_drain(&t, 2);
			h.basket = w.n;
			snapshot(&t);
			if (rnd(10) == 0) {
				kill_console(&t, KILL_IDLE);
				return;
			}
			continue;
		}
		term_write(&t, KEY_F9, strlen(KEY_F9));
		if (term_wait(&t, text_done, (void *)"Cash given", WAIT_MS) == 0)
			fail(&t, "the payment screen did not come");
		if (rnd(10) == 0) {
			kill_console(&t, KILL_PAY_SCREEN);
			return;
		}
		term_write(&t, "\r", 1);
		if (rnd(3) == 0) {
			/* Mostly within the commit: it takes milliseconds. */
			h.commit_flying = 1;
			delay = rnd(4) == 0 ? rnd(30000) : rnd(3000);
			usleep(delay);
			kill_console(&t, KILL_COMMIT);
			return;
		}
		confirm_sale(&t);
		if (rnd(6) == 0) {
			kill_console(&t, KILL_DONE);
			return;
		}
	}
}

int
main(int argc, char **argv)
{
	char		 tmpl[] = "/tmp/kassa-crash.XXXXXX";
	unsigned	 kills = 30, seed, i, k;
	const char	*v;

	if ((h.kassa = getenv("KASSA")) == NULL) {
		fputs("crash: KASSA must name the kassa program\n", stderr);
		return (2);
	}
	if (argc > 1)
		kills = (unsigned)strtoul(argv[1], NULL, 10);
	else if ((v = getenv("CRASH_KILLS")) != NULL)
		kills = (unsigned)strtoul(v, NULL, 10);
	seed = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) :
	    (unsigned)time(NULL) ^ (unsigned)getpid();
	srandom(seed);
	signal(SIGPIPE, SIG_IGN);
	printf("# crash: %u kills, seed %u (crash %u %u repeats it)\n", kills,
	    seed, kills, seed);

	if ((h.dir = mkdtemp(tmpl)) == NULL)
		fatalx("mkdtemp: %s", strerror(errno));
	xasprintf(&h.db, "%s/kassa.db", h.dir);
	/* A store of its own: no configuration or database of the user's. */
	setenv("HOME", h.dir, 1);
	setenv("XDG_CONFIG_HOME", h.dir, 1);
	setenv("XDG_DATA_HOME", h.dir, 1);
	unsetenv("KASSA_DB");
	unsetenv("KASSA_CONFIG");
	if (run("'%s' --db '%s' init --demo >/dev/null", h.kassa, h.db) != 0)
		fail(NULL, "kassa init --demo failed");
	if (run("echo 1111 | '%s' --db '%s' shift open --user 1 --float 0 "
	    ">/dev/null", h.kassa, h.db) != 0)
		fail(NULL, "kassa shift open failed");
	h.journal = run("'%s' --db '%s' journal verify >/dev/null 2>&1",
	    h.kassa, h.db) == 0;
	load_items();
	h.target = 1 + (int)rnd(MAX_PER_SALE);

	for (i = 0; i < kills; i++) {
		one_life();
		if ((i + 1) % 100 == 0)
			printf("# %u kills, %lld sales\n", i + 1,
			    (long long)h.sales);
		fflush(stdout);
	}
	/* The last kill is checked too, by one more start. */
	{
		struct term t;

		start(&t);
		check_restart(&t);
		term_stop(&t, NULL);
	}
	printf("# %lld sales, each whole in the database: %u of them "
	    "committed while the kill came, %u undone by it and saved after "
	    "the restart\n", (long long)h.sales, h.commits_taken,
	    h.commits_undone);
	printf("# journal verified after every restart: %s\n",
	    h.journal ? "yes" : "no (this kassa has no journal)");
	for (k = 0; k < KILL_NKINDS; k++)
		printf("# killed %s: %u\n", kill_names[k], h.kills[k]);
	run("rm -rf '%s'", h.dir);
	for (i = 0; i < h.nitems; i++)
		free(h.items[i].code);
	free(h.items);
	free(h.db);
	printf("%u passed, 0 failed\n", kills);
	return (0);
}
