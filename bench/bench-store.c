/*
 * Benchmarks of the store and the core through libkassa.a, the code the
 * console and the commands run, each beside its floor where it has one:
 *
 *	commit DB FLOORDB SCANS N	a 10-line sale_commit, and one bare
 *					SQLite transaction of one row
 *	find DB SCANS N			catalog_find of a scanned GTIN
 *	basket DB SCANS N		basket_save, as after every scan
 *	search DB N			catalog_search, keystroke by keystroke
 *	report DB DATE N		report_day
 *	receipt DB SCANS PROFILE N	receipt_build and escpos_encode of a
 *					30-line sale; delivery through the
 *					socket: transport to a TCP sink
 *	mksales DB SCANS SALES LINES DATE
 *					the sale history for report (not timed)
 *
 * Each prints one JSON object per series (bench.h); bench/run.py reads them.
 * Only the floors and mksales touch SQLite directly.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "catalog.h"
#include "db.h"
#include "printer.h"
#include "receipt.h"
#include "report.h"
#include "sale.h"
#include "sales.h"
#include "shift.h"
#include "store.h"
#include "xmalloc.h"

static void
usage(void)
{
	fputs("usage: bench-store commit DB FLOORDB SCANS N\n"
	    "       bench-store find DB SCANS N\n"
	    "       bench-store basket DB SCANS N\n"
	    "       bench-store search DB N\n"
	    "       bench-store report DB DATE N\n"
	    "       bench-store receipt DB SCANS PROFILE N\n"
	    "       bench-store mksales DB SCANS SALES LINES DATE\n", stderr);
	exit(2);
}

static struct db *
open_db(const char *path)
{
	struct db	*db;
	char		*cause = NULL;

	struct shift_info si;
	int64_t		 id;

	if (db_open(path, DB_OPEN_EXISTING, &db, &cause) != 0)
		fatalx("%s", cause);
	/* A sale needs an open shift (issue 5), and a shift a user. */
	if (shift_current(db, 1, &si, NULL) == 0 && (db_exec(db, "INSERT OR "
	    "IGNORE INTO user (id, name, role, pin_hash, created_at) VALUES "
	    "(1, 'bench', 'cashier', '-', '2026-01-01 00:00:00')", &cause) != 0 ||
	    shift_open(db, 1, 1, NULL, 0, 0, time(NULL), &id, &cause) != 0))
		fatalx("%s", cause);
	return (db);
}

static size_t
count_arg(const char *s)
{
	long	v = strtol(s, NULL, 10);

	if (v < 1)
		usage();
	return ((size_t)v);
}

/* Look up n items of the scan list, as the console would. */
static struct catalog_item *
load_items(struct db *db, const char *scans, size_t want, size_t *np)
{
	struct scan_item	*sc;
	struct catalog_item	*it;
	size_t			 nsc, i;
	char			*cause = NULL;

	sc = scans_load(scans, &nsc);
	if (want > nsc)
		want = nsc;
	it = xcalloc(want, sizeof *it);
	for (i = 0; i < want; i++) {
		/* Spread over the list, so over the catalog. */
		if (catalog_find(db, sc[i * nsc / want].gtin, NULL, 0, &it[i],
		    &cause) != 0)
			fatalx("%s", cause);
	}
	scans_free(sc, nsc);
	*np = want;
	return (it);
}

static struct sale *
make_sale(const struct catalog_item *items, size_t nitems, size_t first,
    size_t lines)
{
	struct sale		*s = sale_create(0);

	s->user_id = 1;
	struct sale_item	 si;
	char			*cause = NULL;
	size_t			 i;

	for (i = 0; i < lines; i++) {
		catalog_item_to_sale(&items[(first + i) % nitems], &si);
		if (sale_add_line(s, &si, QTY_ONE, &cause) < 0)
			fatalx("%s", cause);
	}
	return (s);
}

static void
pay(struct sale *s, enum tender_type type)
{
	char	*cause = NULL;

	if (sale_add_tender(s, type, sale_remaining(s), &cause) != 1)
		fatalx("the sale is not paid: %s", cause ? cause : "?");
}

static void
free_items(struct catalog_item *it, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		catalog_item_clear(&it[i]);
	free(it);
}

/* --- Figure 2: durable commit ------------------------------------------- */

static sqlite3 *
floor_open(const char *path)
{
	sqlite3	*h;

	unlink(path);
	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = FULL; "
	    "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
	    NULL, NULL, NULL) != SQLITE_OK)
		fatalx("floor database %s: %s", path, sqlite3_errmsg(h));
	return (h);
}

static void
floor_commit(sqlite3 *h, sqlite3_stmt *ins, int64_t i)
{
	if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		fatalx("floor: %s", sqlite3_errmsg(h));
	sqlite3_bind_int64(ins, 1, i);
	if (sqlite3_step(ins) != SQLITE_DONE)
		fatalx("floor: %s", sqlite3_errmsg(h));
	sqlite3_reset(ins);
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		fatalx("floor: %s", sqlite3_errmsg(h));
}

static int
cmd_commit(int argc, char **argv)
{
	struct samples		 kassa = { 0 }, fl = { 0 };
	struct catalog_item	*items;
	struct sale		*s;
	struct db		*db;
	sqlite3			*h;
	sqlite3_stmt		*ins;
	char			*cause = NULL;
	size_t			 nitems, n, i;
	int64_t			 no;
	uint64_t		 t0, t1;

	if (argc != 5)
		usage();
	n = count_arg(argv[4]);
	db = open_db(argv[1]);
	items = load_items(db, argv[3], 200, &nitems);
	h = floor_open(argv[2]);
	if (sqlite3_prepare_v2(h, "INSERT INTO t (id, v) VALUES (NULL, "
	    "'sale ' || ?)", -1, &ins, NULL) != SQLITE_OK)
		fatalx("floor: %s", sqlite3_errmsg(h));

	/* Alternate, so both see the same noise; a few first to warm up. */
	for (i = 0; i < n + 5; i++) {
		s = make_sale(items, nitems, i * 10, 10);
		pay(s, i % 3 == 0 ? TENDER_CARD : TENDER_CASH);
		if (i % 2 == 0) {
			t0 = bench_now_ns();
			floor_commit(h, ins, (int64_t)i);
			t1 = bench_now_ns();
			if (i >= 5)
				samples_add_ns(&fl, t0, t1);
		}
		t0 = bench_now_ns();
		if (sale_commit(db, 1, "bench", s, time(NULL), &no,
		    &cause) != 0)
			fatalx("sale_commit: %s", cause);
		t1 = bench_now_ns();
		if (i >= 5)
			samples_add_ns(&kassa, t0, t1);
		if (i % 2 == 1) {
			t0 = bench_now_ns();
			floor_commit(h, ins, (int64_t)i);
			t1 = bench_now_ns();
			if (i >= 5)
				samples_add_ns(&fl, t0, t1);
		}
		sale_free(s);
	}
	bench_emit("commit", "sale_commit", &kassa, "\"lines\": 10");
	bench_emit("commit", "floor", &fl, "\"rows\": 1");
	sqlite3_finalize(ins);
	sqlite3_close(h);
	unlink(argv[2]);
	free_items(items, nitems);
	samples_free(&kassa);
	samples_free(&fl);
	db_close(db);
	return (0);
}

/* --- Look-up by code ---------------------------------------------------- */

static int
cmd_find(int argc, char **argv)
{
	struct samples		 sm = { 0 };
	struct scan_item	*sc;
	struct catalog_item	 it;
	struct db		*db;
	char			*cause = NULL;
	size_t			 nsc, n, i;
	uint64_t		 t0, t1;

	if (argc != 4)
		usage();
	n = count_arg(argv[3]);
	db = open_db(argv[1]);
	sc = scans_load(argv[2], &nsc);
	for (i = 0; i < n; i++) {
		t0 = bench_now_ns();
		if (catalog_find(db, sc[(i * 7) % nsc].gtin, NULL, 0, &it,
		    &cause) != 0)
			fatalx("%s", cause);
		t1 = bench_now_ns();
		samples_add_ns(&sm, t0, t1);
		catalog_item_clear(&it);
	}
	bench_emit("find", "catalog_find", &sm, "\"items\": %zu",
	    catalog_count(db));
	scans_free(sc, nsc);
	samples_free(&sm);
	db_close(db);
	return (0);
}

/* --- What each scan also does: keep the open basket ----------------------- */

static int
cmd_basket(int argc, char **argv)
{
	struct samples		 sm = { 0 };
	struct catalog_item	*items;
	struct sale		*s;
	struct db		*db;
	char			*cause = NULL;
	size_t			 nitems, n, i;
	uint64_t		 t0, t1;

	if (argc != 4)
		usage();
	n = count_arg(argv[3]);
	db = open_db(argv[1]);
	items = load_items(db, argv[2], 200, &nitems);
	/* Baskets of 1 to 20 lines, as the console saves them per scan. */
	for (i = 0; i < n; i++) {
		s = make_sale(items, nitems, i, i % 20 + 1);
		t0 = bench_now_ns();
		if (basket_save(db, 1, s, &cause) != 0)
			fatalx("basket_save: %s", cause);
		t1 = bench_now_ns();
		samples_add_ns(&sm, t0, t1);
		sale_free(s);
	}
	if (basket_clear(db, 1, &cause) != 0)
		fatalx("basket_clear: %s", cause);
	bench_emit("basket", "basket_save", &sm, NULL);
	free_items(items, nitems);
	samples_free(&sm);
	db_close(db);
	return (0);
}

/* --- Figure 4: name search as you type ---------------------------------- */

/* What cashiers look for: one word, a word and a brand, part of a word. */
static const char *search_words[] = {
	"maito", "kevytmaito", "ruisleipä", "juusto", "kahvi paulig",
	"banaani", "jogurtti mansikka", "olut", "suklaa fazer", "pizza",
	"lohi", "shampoo", "omena", "pasta barilla", "valio voi",
	"kananmuna", "peruna", "coffee", "chicken", "appelsiini mehu",
	"laktoositon", "jauheliha", "wc-paperi", "kissanruoka", "salmon smoked",
};

static int
cmd_search(int argc, char **argv)
{
	struct samples		 all = { 0 }, first = { 0 }, later = { 0 };
	struct catalog_item	*found;
	struct db		*db;
	char			*cause = NULL, prefix[128];
	size_t			 n, r, w, len, nfound, chars, hits = 0;
	size_t			 keystrokes = 0;
	uint64_t		 t0, t1;

	if (argc != 3)
		usage();
	n = count_arg(argv[2]);
	db = open_db(argv[1]);
	for (r = 0; r < n; r++) {
		for (w = 0; w < sizeof search_words / sizeof search_words[0];
		    w++) {
			const char *word = search_words[w];

			chars = 0;
			for (len = 1; len <= strlen(word); len++) {
				/* Only whole UTF-8 characters, as typed. */
				if ((word[len] & 0xc0) == 0x80)
					continue;
				memcpy(prefix, word, len);
				prefix[len] = '\0';
				chars++;
				/* 18 rows: the list on a 30-line screen. */
				t0 = bench_now_ns();
				if (catalog_search(db, prefix, 18, &found,
				    &nfound, &cause) != 0)
					fatalx("%s", cause);
				t1 = bench_now_ns();
				samples_add_ns(&all, t0, t1);
				samples_add_ns(chars == 1 ? &first : &later,
				    t0, t1);
				keystrokes++;
				hits += nfound;
				while (nfound > 0)
					catalog_item_clear(&found[--nfound]);
				free(found);
			}
		}
	}
	bench_emit("search", "every keystroke", &all,
	    "\"items\": %zu, \"queries\": %zu, \"rows_shown\": %zu",
	    catalog_count(db), keystrokes, hits);
	bench_emit("search", "first letter", &first, NULL);
	bench_emit("search", "second letter on", &later, NULL);
	samples_free(&all);
	samples_free(&first);
	samples_free(&later);
	db_close(db);
	return (0);
}

/* --- Figure 5: Z report ------------------------------------------------- */

static int
cmd_report(int argc, char **argv)
{
	struct samples		 warm = { 0 }, fresh = { 0 };
	struct day_report	 r;
	struct db		*db;
	char			*cause = NULL;
	size_t			 n, i;
	uint64_t		 t0, t1;
	int64_t			 receipts = 0;

	if (argc != 4)
		usage();
	n = count_arg(argv[3]);
	/* A fresh connection each time, as `kassa report z` has. */
	for (i = 0; i < n; i++) {
		t0 = bench_now_ns();
		db = open_db(argv[1]);
		if (report_day(db, argv[2], 0, &r, &cause) != 0)
			fatalx("report_day: %s", cause);
		t1 = bench_now_ns();
		samples_add_ns(&fresh, t0, t1);
		receipts = r.receipts;
		report_clear(&r);
		/* And again on the same connection: SQLite's cache warm. */
		t0 = bench_now_ns();
		if (report_day(db, argv[2], 0, &r, &cause) != 0)
			fatalx("report_day: %s", cause);
		t1 = bench_now_ns();
		samples_add_ns(&warm, t0, t1);
		report_clear(&r);
		db_close(db);
	}
	bench_emit("report", "open + report_day", &fresh,
	    "\"receipts\": %lld", (long long)receipts);
	bench_emit("report", "report_day, same connection", &warm, NULL);
	samples_free(&warm);
	samples_free(&fresh);
	return (0);
}

/* --- Figure 8: the receipt ---------------------------------------------- */

/*
 * One connection: read to the end and answer every DLE EOT n status query
 * as a printer that is ready (0x12), since the socket transport asks
 * before it sends.
 */
static void
sink_serve(int c, char *buf, size_t size)
{
	char	prev = 0, ready = 0x12;
	ssize_t	n, i;
	int	dle = 0, eot = 0;

	while ((n = read(c, buf, size)) > 0) {
		for (i = 0; i < n; i++) {
			if (eot) {
				if (write(c, &ready, 1) != 1)
					return;
				eot = 0;
			} else if (dle && buf[i] == 0x04)
				eot = 1;
			dle = buf[i] == 0x10 && prev != 0x10;
			prev = buf[i];
		}
	}
}

/* A printer that reads everything and closes when the job ends. */
static pid_t
sink_start(int *port)
{
	struct sockaddr_in	 sin;
	socklen_t		 slen = sizeof sin;
	char			 buf[65536];
	pid_t			 pid;
	int			 fd, c, one = 1;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		fatalx("socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof sin) != 0 ||
	    listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &slen) != 0)
		fatalx("sink: %s", strerror(errno));
	*port = ntohs(sin.sin_port);
	if ((pid = fork()) < 0)
		fatalx("fork: %s", strerror(errno));
	if (pid == 0) {
		for (;;) {
			if ((c = accept(fd, NULL, NULL)) < 0)
				_exit(errno == EINTR ? 0 : 1);
			sink_serve(c, buf, sizeof buf);
			close(c);
		}
	}
	close(fd);
	return (pid);
}

/* The console's delivery path to a socket printer, as deliver.c runs it. */
static void
deliver(const char *uri, const uint8_t *bytes, size_t len)
{
	struct printer	*p;
	char		*cause = NULL;
	int		 cond;

	if (printer_open(uri, 15000, &p, &cause) != 0)
		fatalx("%s", cause);
	if (printer_status(p, &cond, &cause) != 0 || cond != PRINTER_OK)
		fatalx("the sink's status: %s", cause != NULL ? cause :
		    printer_condition_text(cond));
	if (printer_write(p, bytes, len, &cause) != 0 ||
	    printer_finish(p, &cause) != 0)
		fatalx("%s", cause);
	printer_close(p);
}

static int
cmd_receipt(int argc, char **argv)
{
	struct samples		 build = { 0 }, send = { 0 }, both = { 0 };
	struct printer_profile	 prof;
	struct catalog_item	*items;
	struct receipt_info	 info;
	struct sale_header	 h;
	struct vat_summary	 vs;
	struct receipt		*r;
	struct sale		*s, *loaded;
	struct db		*db;
	char			*cause = NULL, uri[64];
	uint8_t			*bytes;
	size_t			 nitems, n, i, len = 0;
	int64_t			 no;
	uint64_t		 t0, t1, t2;
	pid_t			 sink;
	int			 port;

	if (argc != 5)
		usage();
	n = count_arg(argv[4]);
	if (printer_profile_load(argv[3], &prof, &cause) != 0)
		fatalx("%s", cause);
	db = open_db(argv[1]);
	/* A committed 30-line sale, read back as a reprint would read it. */
	items = load_items(db, argv[2], 30, &nitems);
	s = make_sale(items, nitems, 0, 30);
	pay(s, TENDER_CASH);
	if (sale_commit(db, 1, "bench", s, time(NULL), &no, &cause) != 0 ||
	    sale_load(db, 1, no, &loaded, &h, &vs, &cause) != 0)
		fatalx("%s", cause);
	memset(&info, 0, sizeof info);
	info.store_name = h.store_name;
	info.store_address = h.store_address;
	info.business_id = h.business_id;
	info.till = h.till_name;
	info.number = h.receipt_no;
	info.time = h.time;
	info.cashier = h.cashier;
	info.footer = "Kiitos käynnistä!";
	info.currency = h.currency;
	info.locale = money_locale_find("fi_FI");

	sink = sink_start(&port);
	snprintf(uri, sizeof uri, "socket:127.0.0.1:%d", port);
	for (i = 0; i < n + 5; i++) {
		t0 = bench_now_ns();
		r = receipt_build(&info, loaded, &vs);
		receipt_set_code(r, h.till_name, h.receipt_no);
		if (escpos_encode(r, &prof, 0, &bytes, &len, &cause) != 0)
			fatalx("escpos_encode: %s", cause);
		t1 = bench_now_ns();
		deliver(uri, bytes, len);
		t2 = bench_now_ns();
		if (i >= 5) {
			samples_add_ns(&build, t0, t1);
			samples_add_ns(&send, t1, t2);
			samples_add_ns(&both, t0, t2);
		}
		free(bytes);
		receipt_free(r);
	}
	kill(sink, SIGTERM);
	waitpid(sink, NULL, 0);
	bench_emit("receipt", "receipt_build + escpos_encode", &build,
	    "\"lines\": %zu, \"bytes\": %zu, \"profile\": \"%s\"",
	    loaded->nlines, len, prof.name);
	bench_emit("receipt", "delivery to a TCP sink", &send,
	    "\"bytes\": %zu", len);
	bench_emit("receipt", "build, encode and deliver", &both, NULL);
	sale_free(s);
	sale_free(loaded);
	sale_header_clear(&h);
	vat_summary_clear(&vs);
	free_items(items, nitems);
	samples_free(&build);
	samples_free(&send);
	samples_free(&both);
	db_close(db);
	return (0);
}

/* --- The sale history for figure 5 -------------------------------------- */

static int
cmd_mksales(int argc, char **argv)
{
	struct catalog_item	*items;
	struct sale		*s;
	struct db		*db;
	struct tm		 tm;
	char			*cause = NULL;
	size_t			 nitems, nsales, lines, i, total = 0;
	int64_t			 no;
	time_t			 base;

	if (argc != 6)
		usage();
	nsales = count_arg(argv[3]);
	lines = count_arg(argv[4]);
	memset(&tm, 0, sizeof tm);
	if (strptime(argv[5], "%Y-%m-%d", &tm) == NULL)
		usage();
	tm.tm_hour = 6;
	tm.tm_isdst = -1;
	base = mktime(&tm);
	db = open_db(argv[1]);
	/*
	 * Not a measurement: durability would only make this slow. Every
	 * sale still goes through sale_commit.
	 */
	sqlite3_exec(db->h, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	items = load_items(db, argv[2], 1000, &nitems);
	for (i = 0; i < nsales; i++) {
		s = make_sale(items, nitems, i * 13, lines);
		if (i % 50 == 0 && sale_void_line(s, 1, &cause) != 0)
			fatalx("%s", cause);
		pay(s, i % 3 == 0 ? TENDER_CARD : TENDER_CASH);
		/* Half a second apart from 06:00: one business day. */
		if (sale_commit(db, 1, "bench", s, base + (time_t)(i / 2), &no,
		    &cause) != 0)
			fatalx("sale_commit: %s", cause);
		total += s->nlines;
		sale_free(s);
	}
	fprintf(stderr, "bench-store: %zu sales, %zu lines on %s\n", nsales,
	    total, argv[5]);
	free_items(items, nitems);
	db_close(db);
	return (0);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	signal(SIGPIPE, SIG_IGN);
	if (strcmp(argv[1], "commit") == 0)
		return (cmd_commit(argc - 1, argv + 1));
	if (strcmp(argv[1], "find") == 0)
		return (cmd_find(argc - 1, argv + 1));
	if (strcmp(argv[1], "basket") == 0)
		return (cmd_basket(argc - 1, argv + 1));
	if (strcmp(argv[1], "search") == 0)
		return (cmd_search(argc - 1, argv + 1));
	if (strcmp(argv[1], "report") == 0)
		return (cmd_report(argc - 1, argv + 1));
	if (strcmp(argv[1], "receipt") == 0)
		return (cmd_receipt(argc - 1, argv + 1));
	if (strcmp(argv[1], "mksales") == 0)
		return (cmd_mksales(argc - 1, argv + 1));
	usage();
	return (2);
}
