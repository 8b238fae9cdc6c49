/* kassa init [--demo]: create the database and the store in it. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "db.h"
#include "journal.h"
#include "money.h"
#include "user.h"
#include "xmalloc.h"

/*
 * The demo store's people; kassa(1) and the README give their PINs, so
 * anyone can log in at once. A real store starts with one admin.
 */
static const struct {
	int64_t		 id;
	const char	*name;
	enum role	 role;
	const char	*pin;
} demo_users[] = {
	{ 9, "Admin", ROLE_ADMIN, "9999" },
	{ 1, "Anna", ROLE_CASHIER, "1111" },
	{ 2, "Mikko", ROLE_MANAGER, "2222" },
};

/* The first admin; the demo's people too. */
static int
init_users(struct db *db, int64_t till, int demo, const char *name,
    const char *pin, char **cause)
{
	struct actor	 admin;
	int64_t		 id;
	size_t		 i;

	if (!demo) {
		if (user_add(db, till, NULL, 1, name, ROLE_ADMIN, pin, &id,
		    cause) != 0)
			return (-1);
		printf("kassa: user 1 (%s) is the admin\n", name);
		return (0);
	}
	admin.role = ROLE_ADMIN;
	for (i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
		if (user_add(db, till, i == 0 ? NULL : &admin, demo_users[i].id,
		    demo_users[i].name, demo_users[i].role, i == 0 &&
		    pin != NULL ? pin : demo_users[i].pin, &id, cause) != 0)
			return (-1);
		if (i == 0)
			admin.id = id;
	}
	return (0);
}

/* Write the [store] settings of a configuration into the database. */
static int
init_store(struct db *db, const struct config *c, int64_t till,
    const char *till_name, char **cause)
{
	const struct {
		const char	*key, *value, *def;
	} set[] = {
		{ "store.name", c->store_name, "My shop" },
		{ "store.address", c->store_address, "" },
		{ "store.business_id", c->business_id, "" },
		{ "store.currency", c->currency, "EUR" },
		{ "store.locale", c->locale, "fi_FI" },
		{ "store.cash_rounding", c->cash_rounding, "0.05" },
		{ "store.footer", c->footer, "" },
		{ "store.denominations", c->denominations,
		    "50000,20000,10000,5000,2000,1000,500,200,100,50,20,10,5" },
		{ "store.blind_close", c->blind_close, "1" },
	};
	const char	*rates = c->vat_rates != NULL ? c->vat_rates :
			    "25.5 13.5 10 0";
	char		*copy, *tok, *save;
	int64_t		 unit;
	int32_t		 bp;
	size_t		 i;

	for (i = 0; i < sizeof set / sizeof set[0]; i++) {
		if (db_set_setting(db, set[i].key, set[i].value != NULL ?
		    set[i].value : set[i].def, cause) != 0)
			return (-1);
	}
	if (money_parse(c->cash_rounding != NULL ? c->cash_rounding : "0.05",
	    &unit, cause) != 0 || unit < 0) {
		set_cause(cause, "cash_rounding must be an amount such as "
		    "0.05, or 0 for none");
		return (-1);
	}
	copy = xstrdup(rates);
	/* Spaces or semicolons separate rates; "13,5" is one rate. */
	for (tok = strtok_r(copy, " ;", &save); tok != NULL;
	    tok = strtok_r(NULL, " ;", &save)) {
		if (rate_parse(tok, &bp, cause) != 0 ||
		    db_add_vat_rate(db, bp, cause) != 0) {
			free(copy);
			return (-1);
		}
	}
	free(copy);
	return (db_ensure_till(db, till, till_name, cause));
}

int
cmd_init(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "demo", no_argument, NULL, 'd' },
		{ "admin-name", required_argument, NULL, 'n' },
		{ "admin-pin", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct config		 demo, *store = &ctx->conf;
	struct import_result	 res;
	struct db		*db;
	char			*cause = NULL, *path = NULL, *buf;
	const char		*admin_name = "Admin", *admin_pin = NULL;
	char			 pin[64] = "";
	size_t			 len;
	int			 ch, want_demo = 0, rc = 1;

	optind = 0;	/* glibc: start afresh, options after operands too */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			want_demo = 1;
			break;
		case 'n':
			admin_name = optarg;
			break;
		case 'p':
			admin_pin = optarg;
			break;
		default:
			fputs("usage: kassa init [--demo] [--admin-name NAME] "
			    "[--admin-pin PIN]\n", stderr);
			return (2);
		}
	}
	/* Asked before anything is created, so a refusal leaves nothing. */
	if (admin_pin == NULL && !want_demo) {
		if (read_pin("PIN for the first admin (user 1): ", pin,
		    sizeof pin, &cause) != 0)
			goto fail;
		admin_pin = pin;
	}
	if (admin_pin != NULL && pin_valid(admin_pin, &cause) != 0)
		goto fail;
	memset(&demo, 0, sizeof demo);
	if (want_demo) {
		xasprintf(&path, "%s/demo/store.conf", ctx->datadir);
		if (config_load(&demo, path, &cause) != 0)
			goto fail;
		store = &demo;
	}
	if (ctx_open_db(ctx, DB_OPEN_CREATE, &db) != 0)
		goto out;
	if (!db_is_empty(db)) {
		fprintf(stderr, "kassa: %s already holds a store; init leaves "
		    "it as it is\n", ctx->db_path);
		db_close(db);
		goto out;
	}
	if (init_store(db, store, ctx->conf.till_id, ctx->conf.till_name,
	    &cause) != 0 || journal_key_ensure(db, &cause) != 0 ||
	    init_users(db, ctx->conf.till_id, want_demo, admin_name, admin_pin,
	    &cause) != 0)
		goto fail_db;
	if (want_demo) {
		free(path);
		xasprintf(&path, "%s/demo/catalog.csv", ctx->datadir);
		if ((buf = read_file(path, &len, &cause)) == NULL)
			goto fail_db;
		rc = catalog_import(db, buf, len, 0, ctx->conf.instore,
		    ctx->conf.ninstore, &res, &cause);
		free(buf);
		if (rc != 0) {
			for (size_t i = 0; i < res.nerrors; i++)
				fprintf(stderr, "kassa: %s: %s\n", path,
				    res.errors[i]);
			import_result_clear(&res);
			rc = 1;
			goto fail_db;
		}
		printf("kassa: created the demo store in %s (%zu items)\n",
		    ctx->db_path, res.inserted);
		import_result_clear(&res);
	} else
		printf("kassa: created %s\n", ctx->db_path);
	db_close(db);
	config_free(&demo);
	free(path);
	sodium_memzero(pin, sizeof pin);
	return (0);
fail_db:
	db_close(db);
fail:
	fprintf(stderr, "kassa: %s\n", cause);
	free(cause);
	rc = 1;
out:
	sodium_memzero(pin, sizeof pin);
	config_free(&demo);
	free(path);
	return (rc ? rc : 1);
}
