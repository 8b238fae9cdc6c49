/*
 * kassa user list|add|disable|set-pin: the admin's commands. Every change
 * needs an admin's number (--as) and PIN; PINs are read from the terminal
 * without echo, or from stdin one per line, never from the command line.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "db.h"
#include "i18n.h"
#include "user.h"
#include "xmalloc.h"

static const char usage_text[] =
"usage: kassa user list [--format text|json]\n"
"       kassa user add --name NAME --role cashier|manager|admin [--number N] --as ADMIN\n"
"       (a store with no users yet: the first, an admin, without --as)\n"
"       kassa user disable N --as ADMIN\n"
"       kassa user set-pin N --as USER\n";

static int
usage(void)
{
	fputs(usage_text, stderr);
	return (2);
}

static int
parse_number(const char *s, int64_t *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0')
		return (-1);
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v <= 0)
		return (-1);
	*out = v;
	return (0);
}

/* Who is asking: the user number given and his PIN, checked (and counted). */
int
ctx_auth(struct ctx *ctx, struct db *db, const char *number, struct actor *a)
{
	struct user	 u;
	char		 pin[64], prompt[64], *cause = NULL;
	int64_t		 id;

	if (parse_number(number, &id) != 0) {
		fprintf(stderr, "kassa: give your user number with --as N\n");
		return (-1);
	}
	snprintf(prompt, sizeof prompt, "PIN of user %" PRId64 ": ", id);
	if (read_pin(prompt, pin, sizeof pin, &cause) != 0 ||
	    user_verify(db, ctx->conf.till_id, id, pin, time(NULL), &u,
	    &cause) != 0) {
		sodium_memzero(pin, sizeof pin);
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (-1);
	}
	sodium_memzero(pin, sizeof pin);
	a->id = u.id;
	a->role = u.role;
	user_clear(&u);
	return (0);
}

/* A new PIN, typed twice on a terminal. */
static int
new_pin(const char *whom, char *pin, size_t len)
{
	char	 again[64], prompt[128], *cause = NULL;
	int	 rc = 0;

	snprintf(prompt, sizeof prompt, "New PIN for %s: ", whom);
	if (read_pin(prompt, pin, len, &cause) != 0)
		rc = -1;
	else if (isatty(0)) {
		if (read_pin("The same PIN again: ", again, sizeof again,
		    &cause) != 0)
			rc = -1;
		else if (strcmp(pin, again) != 0) {
			set_cause(&cause, "the two PINs differ");
			rc = -1;
		}
		sodium_memzero(again, sizeof again);
	}
	if (rc == 0 && pin_valid(pin, &cause) != 0)
		rc = -1;
	if (rc != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
	return (rc);
}

static int
user_print(struct db *db, int json)
{
	struct user	*u;
	size_t		 n, i;
	char		*cause = NULL;
	time_t		 now = time(NULL);

	if (user_list(db, &u, &n, &cause) != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
		return (1);
	}
	if (json)
		fputs("[", stdout);
	for (i = 0; i < n; i++) {
		const char *state = !u[i].active ? "disabled" :
		    u[i].locked_until > (int64_t)now ? "locked" : "active";

		if (json) {
			printf("%s{\"number\":%" PRId64 ",\"name\":",
			    i != 0 ? "," : "", u[i].id);
			json_string(stdout, u[i].name);
			printf(",\"role\":\"%s\",\"state\":\"%s\"}",
			    role_name(u[i].role), state);
		} else
			printf("%6" PRId64 "  %-24s %-8s %s\n", u[i].id,
			    u[i].name, _(role_name(u[i].role)), _(state));
	}
	if (json)
		fputs("]\n", stdout);
	user_list_free(u, n);
	return (0);
}

int
cmd_user(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "number", required_argument, NULL, 'N' },
		{ "as", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*name = NULL, *rolestr = NULL, *as = NULL, *fmt = "text";
	const char	*verb;
	struct db	*db;
	struct actor	 admin;
	enum role	 role = ROLE_NONE;
	int64_t		 number = 0, target = 0, id;
	char		 pin[64], *cause = NULL, whom[64];
	int		 ch, rc = 1, first;

	if (argc < 2)
		return (usage());
	verb = argv[1];
	optind = 0;
	while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n': name = optarg; break;
		case 'r': rolestr = optarg; break;
		case 'N':
			if (parse_number(optarg, &number) != 0) {
				fprintf(stderr, "kassa: --number wants a "
				    "positive number\n");
				return (2);
			}
			break;
		case 'a': as = optarg; break;
		case 'f': fmt = optarg; break;
		default: return (usage());
		}
	}
	if (strcmp(verb, "disable") == 0 || strcmp(verb, "set-pin") == 0) {
		if (optind + 1 >= argc ||
		    parse_number(argv[optind + 1], &target) != 0)
			return (usage());
	} else if (optind + 1 < argc)
		return (usage());
	if (strcmp(verb, "add") == 0) {
		if (name == NULL || rolestr == NULL ||
		    role_from_name(rolestr, &role) != 0)
			return (usage());
	} else if (strcmp(verb, "list") != 0 && target == 0)
		return (usage());
	if (ctx_open_db(ctx, DB_OPEN_EXISTING, &db) != 0)
		return (1);
	if (strcmp(verb, "list") == 0) {
		rc = user_print(db, strcmp(fmt, "json") == 0);
		db_close(db);
		return (rc);
	}
	/* A store from before users (upgraded) gets its first admin so. */
	first = strcmp(verb, "add") == 0 && as == NULL && user_count(db) == 0;
	if (!first && ctx_auth(ctx, db, as, &admin) != 0)
		goto out;
	if (strcmp(verb, "add") == 0) {
		if (new_pin(name, pin, sizeof pin) != 0)
			goto out;
		if (user_add(db, ctx->conf.till_id, first ? NULL : &admin,
		    number, name, role, pin, &id, &cause) == 0) {
			printf("kassa: added user %" PRId64 " %s (%s)\n", id,
			    name, role_name(role));
			rc = 0;
		}
	} else if (strcmp(verb, "disable") == 0) {
		if (user_disable(db, ctx->conf.till_id, &admin, target,
		    &cause) == 0) {
			printf("kassa: user %" PRId64 " is disabled\n", target);
			rc = 0;
		}
	} else if (strcmp(verb, "set-pin") == 0) {
		snprintf(whom, sizeof whom, "user %" PRId64, target);
		if (new_pin(whom, pin, sizeof pin) != 0)
			goto out;
		if (user_set_pin(db, ctx->conf.till_id, &admin, target, pin,
		    &cause) == 0) {
			printf("kassa: user %" PRId64 " has a new PIN\n",
			    target);
			rc = 0;
		}
	} else {
		db_close(db);
		return (usage());
	}
	if (rc != 0) {
		fprintf(stderr, "kassa: %s\n", cause);
		free(cause);
	}
out:
	sodium_memzero(pin, sizeof pin);
	db_close(db);
	return (rc);
}
