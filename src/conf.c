/*
 * kassa.conf, an INI file (kassa.conf(5)): the database path, this till's
 * number and name, the in-store barcode layouts, and the store identity
 * that 'kassa init' writes into a new database. Unknown keys are errors, so
 * a typo never silently changes nothing.
 */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "conf.h"
#include "money.h"
#include "xmalloc.h"

struct parse {
	struct config	*c;
	char		*error;
};

static void
replace(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

/* yes/no, true/false, 1/0: an INI setting's truth, shared with profiles. */
int
config_bool(const char *v, int *out)
{
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0)
		*out = 1;
	else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0)
		*out = 0;
	else
		return (-1);
	return (0);
}

/* A whole number from lo to hi. */
int
config_int(const char *v, int lo, int hi, int *out)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || n < lo || n > hi)
		return (-1);
	*out = (int)n;
	return (0);
}

static void
tenders_clear(struct config *c)
{
	size_t	i;

	for (i = 0; i < c->ntenders; i++)
		free(c->tenders[i]);
	c->ntenders = 0;
}

/*
 * Split "a, b, c" at commas into trimmed, non-empty items, each handed to
 * take(); stops at the first it refuses. Returns 0, or -1 when refused.
 */
static int
split_list(struct config *c, const char *value,
    int (*take)(struct config *, const char *))
{
	char	*copy, *tok, *save, *end;
	int	 rc = 0;

	copy = xstrdup(value);
	for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		end = tok + strlen(tok);
		while (end > tok && end[-1] == ' ')
			*--end = '\0';
		if (*tok != '\0')
			rc = take(c, tok);
	}
	free(copy);
	return (rc);
}

static int
take_tender(struct config *c, const char *name)
{
	if (c->ntenders == CONFIG_MAX_TENDERS || strlen(name) >= 24 ||
	    strcmp(name, "cash") == 0 || strcmp(name, "card") == 0)
		return (-1);
	c->tenders[c->ntenders++] = xstrdup(name);
	return (0);
}

/* "invoice, mobile pay, gift card": the other tenders, in that order. */
static int
parse_tenders(struct config *c, const char *value)
{
	tenders_clear(c);
	return (split_list(c, value, take_tender));
}

static void
chain_clear(struct config *c)
{
	size_t	i;

	for (i = 0; i < c->nchain; i++)
		free(c->chain[i]);
	c->nchain = 0;
}

static int
take_target(struct config *c, const char *t)
{
	if (c->nchain == CONFIG_MAX_CHAIN || (strcmp(t, "printer") != 0 &&
	    strcmp(t, "email") != 0 && strncmp(t, "pdf:", 4) != 0 &&
	    strncmp(t, "cups:", 5) != 0 && strncmp(t, "usb:", 4) != 0 &&
	    strncmp(t, "socket:", 7) != 0 && strncmp(t, "file:", 5) != 0))
		return (-1);
	c->chain[c->nchain++] = xstrdup(t);
	return (0);
}

/*
 * "printer, socket:10.0.0.9, email, pdf:/var/lib/kassa/receipts": the
 * targets a receipt is tried on, in order.
 */
static int
parse_chain(struct config *c, const char *value)
{
	chain_clear(c);
	return (split_list(c, value, take_target));
}

/* [woocommerce] tax_class.reduced-rate = 14: a class and its rate. */
static int
parse_tax_class(struct config *c, const char *name, const char *value)
{
	int32_t	bp;
	size_t	i;

	if (strncmp(name, "tax_class.", 10) != 0 || name[10] == '\0' ||
	    rate_parse(value, &bp, NULL) != 0)
		return (-1);
	for (i = 0; i < c->ntax_classes; i++)
		if (strcmp(c->tax_classes[i].slug, name + 10) == 0)
			break;
	if (i == CONFIG_MAX_TAX_CLASSES)
		return (-1);
	if (i == c->ntax_classes)
		c->tax_classes[c->ntax_classes++].slug = xstrdup(name + 10);
	c->tax_classes[i].rate_bp = bp;
	return (0);
}

/*
 * [accounts]: cash, card, other, tender.NAME, sales, sales.RATE, vat,
 * vat.RATE, vat_code.RATE, rounding, cash_difference; RATE in percent.
 * 0: taken, 1: not a key of [accounts], -1: a bad value.
 */
static int
parse_account(struct config *c, const char *name, const char *value)
{
	static const char *plain[] = { "cash", "card", "other", "sales",
	    "vat", "rounding", "cash_difference" };
	static const char *rated[] = { "sales.", "vat.", "vat_code." };
	int32_t	 bp;
	size_t	 i, n;
	int	 known = 0;

	for (i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (strcmp(name, plain[i]) == 0)
			known = 1;
	for (i = 0; i < sizeof rated / sizeof rated[0]; i++) {
		n = strlen(rated[i]);
		if (strncmp(name, rated[i], n) == 0 &&
		    rate_parse(name + n, &bp, NULL) == 0)
			known = 1;
	}
	if (strncmp(name, "tender.", 7) == 0 && name[7] != '\0')
		known = 1;
	if (!known)
		return (1);
	if (*value == '\0' || strlen(value) > 32)
		return (-1);
	for (i = 0; i < c->naccounts; i++)
		if (strcmp(c->accounts[i].key, name) == 0)
			break;
	if (i == CONFIG_MAX_ACCOUNTS)
		return (-1);
	if (i == c->naccounts) {
		c->accounts[i].key = xstrdup(name);
		c->naccounts++;
	} else
		free(c->accounts[i].account);
	c->accounts[i].account = xstrdup(value);
	return (0);
}

/* "[instore 20-22]" or "[instore 23]". */
static struct instore_rule *
instore_section(struct config *c, const char *section, char **error)
{
	struct instore_rule	*r;
	int			 lo, hi;
	char			 extra;
	size_t			 i;

	if (sscanf(section, "instore %d-%d%c", &lo, &hi, &extra) != 2) {
		if (sscanf(section, "instore %d%c", &lo, &extra) != 1) {
			xasprintf(error, "[%s]: write [instore 20-22] or "
			    "[instore 23]", section);
			return (NULL);
		}
		hi = lo;
	}
	for (i = 0; i < c->ninstore; i++)
		if (c->instore[i].prefix_lo == lo && c->instore[i].prefix_hi ==
		    hi)
			return (&c->instore[i]);
	if (c->ninstore == CONFIG_MAX_INSTORE) {
		xasprintf(error, "at most %d [instore] sections",
		    CONFIG_MAX_INSTORE);
		return (NULL);
	}
	r = &c->instore[c->ninstore++];
	memset(r, 0, sizeof *r);
	r->prefix_lo = lo;
	r->prefix_hi = hi;
	r->kind = INSTORE_PRICE;
	r->item_digits = 5;
	r->value_digits = 5;
	r->decimals = -1;	/* 2 for a price, 3 for a weight, unless set */
	return (r);
}

static int
handler(void *arg, const char *section, const char *name, const char *value)
{
	struct parse		*p = arg;
	struct config		*c = p->c;
	struct instore_rule	*r;
	char			*why = NULL;
	int64_t			 n;
	int			 ok = 1;

	if (p->error != NULL)
		return (0);
	if (name == NULL)
		return (1);	/* a section with no keys yet */
	if (strcmp(section, "database") == 0 && strcmp(name, "path") == 0)
		replace(&c->db_path, value);
	else if (strcmp(section, "till") == 0 && strcmp(name, "id") == 0) {
		if (fixed_parse(value, 0, 9999, &n, NULL) != 0 || n < 1)
			ok = 0;
		else
			c->till_id = n;
	} else if (strcmp(section, "till") == 0 && strcmp(name, "name") == 0)
		replace(&c->till_name, value);
	else if (strcmp(section, "till") == 0 &&
	    strcmp(name, "cashier") == 0)
		replace(&c->cashier, value);
	else if (strcmp(section, "till") == 0 &&
	    strcmp(name, "language") == 0)
		replace(&c->language, value);
	else if (strcmp(section, "printer") == 0 &&
	    strcmp(name, "uri") == 0)
		replace(&c->printer_uri, value);
	else if (strcmp(section, "printer") == 0 &&
	    strcmp(name, "profile") == 0)
		replace(&c->printer_profile, value);
	else if (strcmp(section, "receipts") == 0 &&
	    strcmp(name, "chain") == 0)
		ok = parse_chain(c, value) == 0;
	else if (strcmp(section, "email") == 0) {
		if (strcmp(name, "server") == 0)
			replace(&c->email_server, value);
		else if (strcmp(name, "from") == 0)
			replace(&c->email_from, value);
		else if (strcmp(name, "credentials") == 0)
			replace(&c->email_credentials, value);
		else if (strcmp(name, "starttls") == 0)
			ok = config_bool(value, &c->email_starttls) == 0;
		else if (strcmp(name, "timeout") == 0)
			ok = config_int(value, 1, 600, &c->email_timeout) == 0;
		else
			goto unknown;
	} else if (strcmp(section, "backup") == 0 &&
	    strcmp(name, "dir") == 0)
		replace(&c->backup_dir, value);
	else if (strcmp(section, "scanner") == 0 &&
	    strcmp(name, "gap_ms") == 0)
		ok = config_int(value, 1, 1000, &c->scan_gap_ms) == 0;
	else if (strcmp(section, "tenders") == 0 &&
	    strcmp(name, "other") == 0)
		ok = parse_tenders(c, value) == 0;
	else if (strcmp(section, "woocommerce") == 0) {
		if (strncmp(name, "tax_class.", 10) != 0)
			goto unknown;
		ok = parse_tax_class(c, name, value) == 0;
	} else if (strcmp(section, "accounts") == 0) {
		int rc = parse_account(c, name, value);

		if (rc == 1)
			goto unknown;
		ok = rc == 0;
	}
	else if (strcmp(section, "store") == 0) {
		if (strcmp(name, "name") == 0)
			replace(&c->store_name, value);
		else if (strcmp(name, "address") == 0)
			replace(&c->store_address, value);
		else if (strcmp(name, "business_id") == 0)
			replace(&c->business_id, value);
		else if (strcmp(name, "currency") == 0)
			replace(&c->currency, value);
		else if (strcmp(name, "locale") == 0)
			replace(&c->locale, value);
		else if (strcmp(name, "cash_rounding") == 0)
			replace(&c->cash_rounding, value);
		else if (strcmp(name, "vat_rates") == 0)
			replace(&c->vat_rates, value);
		else if (strcmp(name, "footer") == 0)
			replace(&c->footer, value);
		else if (strcmp(name, "denominations") == 0)
			replace(&c->denominations, value);
		else if (strcmp(name, "blind_close") == 0)
			replace(&c->blind_close, value);
		else
			goto unknown;
	} else if (strncmp(section, "instore", 7) == 0) {
		if ((r = instore_section(c, section, &why)) == NULL) {
			p->error = why;
			return (0);
		}
		if (strcmp(name, "kind") == 0) {
			if (strcmp(value, "price") == 0)
				r->kind = INSTORE_PRICE;
			else if (strcmp(value, "weight") == 0)
				r->kind = INSTORE_WEIGHT;
			else
				ok = 0;
		} else if (strcmp(name, "item_digits") == 0)
			ok = config_int(value, 1, 9, &r->item_digits) == 0;
		else if (strcmp(name, "value_digits") == 0)
			ok = config_int(value, 1, 9, &r->value_digits) == 0;
		else if (strcmp(name, "decimals") == 0)
			ok = config_int(value, 0, 3, &r->decimals) == 0;
		else if (strcmp(name, "price_check_digit") == 0)
			ok = config_bool(value, &r->price_check) == 0;
		else
			goto unknown;
	} else
		goto unknown;
	if (!ok)
		xasprintf(&p->error, "bad value for %s in [%s]: \"%s\"",
		    name, section, value);
	return (ok);
unknown:
	xasprintf(&p->error, "unknown setting %s in [%s]", name, section);
	return (0);
}

/* $XDG_DATA_HOME/kassa/kassa.db, or ~/.local/share/kassa/kassa.db. */
char *
config_default_db(void)
{
	const char	*xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char		*path;

	if (xdg != NULL && *xdg == '/')
		xasprintf(&path, "%s/kassa/kassa.db", xdg);
	else
		xasprintf(&path, "%s/.local/share/kassa/kassa.db",
		    home != NULL ? home : ".");
	return (path);
}

/* The first of /etc/kassa/kassa.conf and the user's that exists, or NULL. */
char *
config_default_file(void)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char		*path;

	if (access(SYSCONFDIR "/kassa/kassa.conf", F_OK) == 0)
		return (xstrdup(SYSCONFDIR "/kassa/kassa.conf"));
	if (xdg != NULL && *xdg == '/')
		xasprintf(&path, "%s/kassa/kassa.conf", xdg);
	else
		xasprintf(&path, "%s/.config/kassa/kassa.conf",
		    home != NULL ? home : ".");
	if (access(path, F_OK) == 0)
		return (path);
	free(path);
	return (NULL);
}

/*
 * Read the configuration. path NULL means the default places; a file named
 * explicitly must exist. Without any file, built-in defaults apply.
 */
int
config_load(struct config *c, const char *path, char **cause)
{
	struct parse	 p;
	FILE		*f;
	char		*file;
	size_t		 i;
	int		 rc;

	memset(c, 0, sizeof *c);
	c->till_id = 1;
	c->email_starttls = 1;	/* a password never crosses in clear */
	file = path != NULL ? xstrdup(path) : config_default_file();
	if (file != NULL) {
		if ((f = fopen(file, "r")) == NULL) {
			set_cause(cause, _("cannot read %s: %s"), file,
			    strerror(errno));
			free(file);
			return (-1);
		}
		p.c = c;
		p.error = NULL;
		rc = ini_parse_file(f, handler, &p);
		fclose(f);
		c->path = file;
		/* inih returns the line of the first error. */
		if (p.error != NULL) {
			set_cause(cause, _("%s:%d: %s"), file, rc, p.error);
			free(p.error);
			return (-1);
		}
		if (rc != 0) {
			set_cause(cause, _("%s:%d: not an INI line"), file, rc);
			return (-1);
		}
	}
	for (i = 0; i < c->ninstore; i++) {
		char *why = NULL;

		if (c->instore[i].decimals == -1)
			c->instore[i].decimals =
			    c->instore[i].kind == INSTORE_WEIGHT ? 3 : 2;
		if (instore_rule_check(&c->instore[i], &why) != 0) {
			set_cause(cause, _("%s: [instore %d-%d]: %s"),
			    c->path != NULL ? c->path : "kassa.conf",
			    c->instore[i].prefix_lo, c->instore[i].prefix_hi,
			    why);
			free(why);
			return (-1);
		}
	}
	if (c->ninstore == 0) {
		/* Without [instore]: 20-22 carry a price, 23-24 a weight. */
		static const struct instore_rule def[] = {
			{ 20, 22, INSTORE_PRICE, 5, 5, 2, 0 },
			{ 23, 24, INSTORE_WEIGHT, 5, 5, 3, 0 },
		};
		memcpy(c->instore, def, sizeof def);
		c->ninstore = 2;
	}
	if (c->till_name == NULL)
		xasprintf(&c->till_name, "%lld", (long long)c->till_id);
	if (c->scan_gap_ms == 0)
		c->scan_gap_ms = 30;
	if (c->email_timeout == 0)
		c->email_timeout = 10;
	if (c->nchain == 0) {
		/* The printer, the customer's email, then a PDF folder. */
		char *dir, *def;

		dir = config_default_db();
		*strrchr(dir, '/') = '\0';
		xasprintf(&def, "printer, email, pdf:%s/receipts", dir);
		if (parse_chain(c, def) != 0)
			fatalx("default chain");
		free(def);
		free(dir);
	}
	if (c->ntenders == 0 && parse_tenders(c, "invoice, mobile pay, "
	    "gift card") != 0)
		fatalx("default tenders");
	return (0);
}

void
config_free(struct config *c)
{
	size_t	i;

	free(c->path);
	free(c->db_path);
	free(c->till_name);
	free(c->cashier);
	free(c->store_name);
	free(c->store_address);
	free(c->business_id);
	free(c->currency);
	free(c->locale);
	free(c->cash_rounding);
	free(c->vat_rates);
	free(c->footer);
	free(c->denominations);
	free(c->blind_close);
	free(c->language);
	free(c->email_server);
	free(c->email_from);
	free(c->email_credentials);
	free(c->printer_uri);
	free(c->printer_profile);
	free(c->backup_dir);
	tenders_clear(c);
	chain_clear(c);
	for (i = 0; i < c->ntax_classes; i++)
		free(c->tax_classes[i].slug);
	for (i = 0; i < c->naccounts; i++) {
		free(c->accounts[i].key);
		free(c->accounts[i].account);
	}
	memset(c, 0, sizeof *c);
}
