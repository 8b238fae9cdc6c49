/*
 * kassa journal verify|show|head|new-key: the journal for support staff
 * and auditors. verify's exit status is what a script checks.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "journal.h"
#include "xmalloc.h"

static int
journal_usage(void)
{
	fputs("usage: kassa journal verify\n"
	    "       kassa journal show [--from N] [--limit N]\n"
	    "       kassa journal head\n"
	    "       kassa journal new-key\n", stderr);
	return (2);
}

static int
show_entry(const struct journal_entry *e, void *arg)
{
	(void)arg;
	printf("%lld %s till %lld %s %lld key %d %s\n%s\n", (long long)e->seq,
	    e->created_at, (long long)e->till, e->type, (long long)e->ref,
	    e->key_version, e->hash, e->content);
	return (0);
}

static int
parse_count(const char *s, int64_t *out)
{
	char	*end;
	long long v;

	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0)
		return (-1);
	*out = v;
	return (0);
}

int
cmd_journal(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	struct journal_check	 c;
	struct db		*db;
	const char		*what;
	char			*cause = NULL, head[65];
	int64_t			 from = 1, limit = 0, seq;
	int			 ch, rc = 1, version;

	if (argc < 2)
		return (journal_usage());
	what = argv[1];
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (parse_count(optarg, &from) != 0)
				return (journal_usage());
			break;
		case 'l':
			if (parse_count(optarg, &limit) != 0)
				return (journal_usage());
			break;
		default:
			return (journal_usage());
		}
	}
	if (optind != argc)
		return (journal_usage());
	if (strcmp(what, "show") != 0 && (from != 1 || limit != 0))
		return (journal_usage());
	if (strcmp(what, "verify") != 0 && strcmp(what, "show") != 0 &&
	    strcmp(what, "head") != 0 && strcmp(what, "new-key") != 0)
		return (journal_usage());
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);

	if (strcmp(what, "verify") == 0) {
		if (journal_verify(db, &c, &cause) != 0)
			goto fail;
		if (c.unguarded)
			fprintf(stderr, "kassa: warning: the triggers that keep "
			    "the journal and the sales append-only were "
			    "removed from %s\n", ctx->db_path);
		if (c.broken) {
			if (c.bad_seq != 0)
				fprintf(stderr, "kassa: the journal is BROKEN at "
				    "entry %lld: %s\n", (long long)c.bad_seq,
				    c.problem);
			else
				fprintf(stderr, "kassa: the journal is BROKEN: "
				    "%s\n", c.problem);
			printf("BROKEN %lld\n", (long long)c.bad_seq);
		} else {
			printf("OK %lld entries, head %lld %s\n",
			    (long long)c.entries, (long long)c.head_seq,
			    c.head);
			rc = 0;
		}
		journal_check_clear(&c);
	} else if (strcmp(what, "show") == 0) {
		if (journal_walk(db, from, limit, show_entry, NULL, &cause) != 0)
			goto fail;
		rc = 0;
	} else if (strcmp(what, "head") == 0) {
		if (journal_head(db, ctx->conf.till_id, &seq, head, &cause) != 0)
			goto fail;
		printf("%lld %s\n", (long long)seq, head);
		rc = 0;
	} else {
		if (journal_key_new(db, &version, &cause) != 0)
			goto fail;
		printf("kassa: started key %d in %s\n", version,
		    ctx->db_path);
		rc = 0;
	}
	db_close(db);
	return (rc);
fail:
	fprintf(stderr, "kassa: %s\n", cause);
	free(cause);
	db_close(db);
	return (1);
}
