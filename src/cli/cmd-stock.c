/*
 * kassa stock list [--low N] [--format text|csv|json]
 * kassa stock receive FILE [--reference REF]
 * kassa stock count add CODE QTY | import FILE | show [--format F] |
 *     apply --as N
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "db.h"
#include "money.h"
#include "rights.h"
#include "stock.h"
#include "table.h"
#include "xmalloc.h"

static int
stock_usage(void)
{
	fputs("usage: kassa stock list [--low QTY] [--format text|csv|json]\n"
	    "       kassa stock receive FILE [--reference REF]\n"
	    "       kassa stock count add CODE QTY\n"
	    "       kassa stock count import FILE\n"
	    "       kassa stock count show [--format text|csv|json]\n"
	    "       kassa stock count apply --as N\n", stderr);
	return (2);
}

/* Options shared by the stock commands; -1 on a bad one. */
struct stock_opts {
	const char	*format;
	const char	*reference;
	int64_t		 low;
	const char	*as;		/* who applies a count */
};

static int
stock_getopt(int argc, char **argv, struct stock_opts *o)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "reference", required_argument, NULL, 'r' },
		{ "low", required_argument, NULL, 'l' },
		{ "as", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	char	*cause = NULL;
	int	 ch;

	memset(o, 0, sizeof *o);
	o->format = "text";
	o->low = -1;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (!valid_format(optarg))
				return (-1);
			o->format = optarg;
			break;
		case 'r':
			o->reference = optarg;
			break;
		case 'l':
			if (qty_parse(optarg, &o->low, &cause) != 0 ||
			    o->low < 0) {
				fprintf(stderr, "kassa: --low %s: %s\n", optarg,
				    cause != NULL ? cause : "a quantity such "
				    "as 5 or 0,5");
				free(cause);
				return (-1);
			}
			break;
		case 'a':
			o->as = optarg;
			break;
		default:
			return (-1);
		}
	}
	return (optind);
}

static int
do_list(struct ctx *ctx, const struct stock_opts *o)
{
	const struct table_col	 cols[] = {
		{ "code", "Code", TABLE_TEXT },
		{ "item", "Item", TABLE_TEXT },
		{ "unit", "Unit", TABLE_TEXT },
		{ "stock", "Stock", TABLE_QTY },
	};
	struct stock_line	*l;
	struct table		*t;
	struct db		*db;
	char			*cause = NULL;
	size_t			 n, i, r;

	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (stock_list(db, o->low, &l, &n, &cause) != 0)
		return (ctx_fail(db, cause));
	t = table_create("stock", o->low >= 0 ? "Stock at or below the "
	    "limit" : "Stock", cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < n; i++) {
		r = table_add_row(t);
		table_set_text(t, r, 0, l[i].code);
		table_set_text(t, r, 1, l[i].name);
		table_set_text(t, r, 2, unit_name(l[i].unit));
		table_set_int(t, r, 3, l[i].qty);
	}
	table_write(stdout, t, o->format, db);
	table_free(t);
	stock_lines_free(l, n);
	db_close(db);
	return (0);
}

/* A CSV of code;qty read and looked up; errors written, -1 if any. */
static int
read_lines(struct ctx *ctx, struct db *db, const char *path,
    struct stock_line **l, size_t *n)
{
	struct import_result	 res;
	char			*buf, *cause = NULL;
	size_t			 len, i;
	int			 rc;

	if ((buf = read_file(path, &len, &cause)) == NULL) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (-1);
	}
	rc = stock_read_csv(db, buf, len, ctx->conf.instore,
	    ctx->conf.ninstore, l, n, &res);
	for (i = 0; i < res.nerrors; i++)
		fprintf(stderr, "%s: %s\n", path, res.errors[i]);
	if (rc != 0)
		fprintf(stderr, "kassa: %s: nothing was taken in; correct the "
		    "rows above and run it again\n", path);
	import_result_clear(&res);
	free(buf);
	return (rc);
}

static int
do_receive(struct ctx *ctx, const char *path, const struct stock_opts *o)
{
	struct stock_line	*l;
	struct db		*db;
	const char		*ref, *slash;
	char			*cause = NULL;
	size_t			 n;
	int64_t			 id;

	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (read_lines(ctx, db, path, &l, &n) != 0) {
		db_close(db);
		return (1);
	}
	/* The delivery note's file name, when no reference is given. */
	slash = strrchr(path, '/');
	ref = o->reference != NULL ? o->reference : slash != NULL ?
	    slash + 1 : path;
	if (stock_receive(db, ctx->conf.till_id, ref, l, n, 0, &id,
	    &cause) != 0) {
		stock_lines_free(l, n);
		return (ctx_fail(db, cause));
	}
	printf("delivery %lld (%s): %zu %s received\n", (long long)id, ref, n,
	    n == 1 ? "item" : "items");
	stock_lines_free(l, n);
	db_close(db);
	return (0);
}

static int
do_count(struct ctx *ctx, int argc, char **argv, const struct stock_opts *o)
{
	struct catalog_item	 it;
	struct stock_line	*l;
	struct table		*t;
	struct db		*db;
	struct actor		 who = { 0, ROLE_NONE };
	char			*cause = NULL, q[32];
	int64_t			 count, qty, counted;
	size_t			 n, i;
	int			 adding;

	if (argc < 1)
		return (stock_usage());
	adding = strcmp(argv[0], "add") == 0 || strcmp(argv[0], "import") == 0;
	if ((strcmp(argv[0], "add") == 0 && argc != 3) ||
	    (strcmp(argv[0], "import") == 0 && argc != 2) ||
	    ((strcmp(argv[0], "show") == 0 || strcmp(argv[0], "apply") == 0) &&
	    argc != 1) || (!adding && strcmp(argv[0], "show") != 0 &&
	    strcmp(argv[0], "apply") != 0))
		return (stock_usage());
	if (strcmp(argv[0], "apply") == 0 && o->as == NULL) {
		fputs("kassa: stock count apply needs --as N, the number of "
		    "the manager who applies it (the PIN is asked)\n", stderr);
		return (2);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (o->as != NULL && ctx_auth(ctx, db, o->as, &who) != 0) {
		db_close(db);
		return (1);
	}
	if (stock_count_open(db, ctx->conf.till_id, adding, who.id, &count,
	    &cause) != 0)
		return (ctx_fail(db, cause));
	if (count == 0) {
		fprintf(stderr, "kassa: no stock count is open on till %lld; "
		    "kassa stock count add begins one\n",
		    (long long)ctx->conf.till_id);
		db_close(db);
		return (1);
	}
	if (strcmp(argv[0], "add") == 0) {
		if (qty_parse(argv[2], &qty, &cause) != 0)
			return (ctx_fail(db, cause));
		if (catalog_find(db, argv[1], ctx->conf.instore,
		    ctx->conf.ninstore, &it, &cause) != 0)
			return (ctx_fail(db, cause));
		if (stock_count_add(db, count, it.id, it.qty != 0 ? it.qty :
		    qty, &counted, &cause) != 0) {
			catalog_item_clear(&it);
			return (ctx_fail(db, cause));
		}
		printf("stock count %lld: %s counted %s\n", (long long)count,
		    it.name, qty_format(counted, it.unit == UNIT_KG,
		    money_locale_find("C"), q, sizeof q));
		catalog_item_clear(&it);
	} else if (strcmp(argv[0], "import") == 0) {
		if (read_lines(ctx, db, argv[1], &l, &n) != 0) {
			db_close(db);
			return (1);
		}
		/* One transaction: the file counts whole or not at all. */
		if (db_begin(db, &cause) != 0) {
			stock_lines_free(l, n);
			return (ctx_fail(db, cause));
		}
		for (i = 0; i < n; i++) {
			if (stock_count_add(db, count, l[i].item_id, l[i].qty,
			    NULL, &cause) != 0) {
				db_rollback(db);
				stock_lines_free(l, n);
				return (ctx_fail(db, cause));
			}
		}
		if (db_commit(db, &cause) != 0) {
			stock_lines_free(l, n);
			return (ctx_fail(db, cause));
		}
		printf("stock count %lld: %zu %s counted\n", (long long)count,
		    n, n == 1 ? "item" : "items");
		stock_lines_free(l, n);
	} else if (strcmp(argv[0], "show") == 0) {
		if (stock_count_lines(db, count, &l, &n, &cause) != 0)
			return (ctx_fail(db, cause));
		t = stock_variance(l, n, count);
		table_write(stdout, t, o->format, db);
		table_free(t);
		stock_lines_free(l, n);
	} else {
		if (stock_count_apply(db, count, who.id, 0, &cause) != 0)
			return (ctx_fail(db, cause));
		printf("stock count %lld applied\n", (long long)count);
	}
	db_close(db);
	return (0);
}

int
cmd_stock(struct ctx *ctx, int argc, char **argv)
{
	struct stock_opts	 o;
	const char		*sub;
	int			 first;

	if (argc < 2)
		return (stock_usage());
	argc--;
	argv++;
	sub = argv[0];
	/* getopt puts the operands after the options, from argv[first]. */
	if ((first = stock_getopt(argc, argv, &o)) < 0)
		return (stock_usage());
	argc -= first;
	argv += first;
	if (strcmp(sub, "list") == 0 && argc == 0)
		return (do_list(ctx, &o));
	if (strcmp(sub, "receive") == 0 && argc == 1)
		return (do_receive(ctx, argv[0], &o));
	if (strcmp(sub, "count") == 0)
		return (do_count(ctx, argc, argv, &o));
	return (stock_usage());
}
