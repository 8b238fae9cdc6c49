/*
 * Printer profiles (printers/NAME.profile, see printers/README.md) and the
 * one printer interface: printer_open() picks the transport by the URI's
 * scheme, and the rest of kassa never knows which one it has.
 */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "printer-int.h"
#include "xmalloc.h"

struct profile_parse {
	struct printer_profile	*p;
	char			*error;
};

/* "CP858:19 CP1252:16", in order of preference; "none" for none. */
static int
profile_codepages(struct printer_profile *p, const char *v)
{
	char	*copy, *tok, *save, *colon;
	int	 n;

	p->ncodepages = 0;
	copy = xstrdup(v);
	for (tok = strtok_r(copy, " \t,", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t,", &save)) {
		if (strcasecmp(tok, "none") == 0)
			continue;
		if ((colon = strchr(tok, ':')) == NULL)
			goto bad;
		*colon++ = '\0';
		if (config_int(colon, 0, 255, &n) != 0 ||
		    p->ncodepages == sizeof p->codepages / sizeof
		    p->codepages[0] || strlen(tok) >= sizeof
		    p->codepage_names[0] || *tok == '\0')
			goto bad;
		p->codepages[p->ncodepages] = n;
		snprintf(p->codepage_names[p->ncodepages],
		    sizeof p->codepage_names[0], "%s", tok);
		p->ncodepages++;
	}
	free(copy);
	return (0);
bad:
	free(copy);
	return (-1);
}

static int
profile_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct profile_parse	*pp = arg;
	struct printer_profile	*p = pp->p;
	int			 ok = 1, n;

	if (pp->error != NULL)
		return (0);
	if (name == NULL)
		return (1);
	if (strcmp(section, "printer") != 0) {
		xasprintf(&pp->error, "unknown section [%s]", section);
		return (0);
	}
	if (strcmp(name, "name") == 0)
		snprintf(p->name, sizeof p->name, "%s", value);
	else if (strcmp(name, "paper_mm") == 0)
		ok = config_int(value, 40, 120, &p->paper_mm) == 0;
	else if (strcmp(name, "cols_a") == 0)
		ok = config_int(value, 16, 100, &p->cols_a) == 0;
	else if (strcmp(name, "cols_b") == 0)
		ok = config_int(value, 16, 128, &p->cols_b) == 0;
	else if (strcmp(name, "codepages") == 0)
		ok = profile_codepages(p, value) == 0;
	else if (strcmp(name, "cut") == 0) {
		if (strcmp(value, "none") == 0)
			p->cut = 0;
		else if (strcmp(value, "partial") == 0)
			p->cut = 1;
		else if (strcmp(value, "full") == 0)
			p->cut = 2;
		else
			ok = 0;
	} else if (strcmp(name, "drawer_pin") == 0) {
		/* Pin 2 is ESC p m=0, pin 5 is m=1. */
		if ((ok = config_int(value, 2, 5, &n) == 0) &&
		    (ok = (n == 2 || n == 5)))
			p->drawer_pin = n == 5;
	} else if (strcmp(name, "drawer_on_ms") == 0)
		ok = config_int(value, 2, 510, &p->drawer_on_ms) == 0;
	else if (strcmp(name, "drawer_off_ms") == 0)
		ok = config_int(value, 2, 510, &p->drawer_off_ms) == 0;
	else if (strcmp(name, "barcode") == 0)
		ok = config_bool(value, &p->barcode) == 0;
	else if (strcmp(name, "qr") == 0)
		ok = config_bool(value, &p->qr) == 0;
	else if (strcmp(name, "status") == 0)
		ok = config_bool(value, &p->status) == 0;
	else {
		xasprintf(&pp->error, "unknown key %s", name);
		return (0);
	}
	if (!ok)
		xasprintf(&pp->error, "bad value for %s: \"%s\"", name, value);
	return (ok);
}

/* KASSA_PRINTERDIR, else the installed profiles. */
const char *
printer_profile_dir(void)
{
	const char	*d = getenv("KASSA_PRINTERDIR");

	if (d != NULL && *d != '\0')
		return (d);
	return (PKGDATADIR "/printers");
}

/*
 * A profile by path (anything with a slash) or by name in the profile
 * folder: "epson-tm-t88" reads DIR/epson-tm-t88.profile.
 */
int
printer_profile_load(const char *what, struct printer_profile *p,
    char **cause)
{
	struct profile_parse	 pp;
	FILE			*f;
	char			*path;
	int			 rc;

	memset(p, 0, sizeof *p);
	p->paper_mm = 80;
	p->cols_a = 42;
	p->cols_b = 56;
	p->drawer_on_ms = 50;
	p->drawer_off_ms = 500;
	if (*what == '\0') {
		set_cause(cause, "no printer profile named");
		return (-1);
	}
	if (strchr(what, '/') != NULL)
		path = xstrdup(what);
	else
		xasprintf(&path, "%s/%s.profile", printer_profile_dir(), what);
	if ((f = fopen(path, "r")) == NULL) {
		set_cause(cause, "printer profile %s: %s", path,
		    strerror(errno));
		free(path);
		return (-1);
	}
	pp.p = p;
	pp.error = NULL;
	rc = ini_parse_file(f, profile_handler, &pp);
	fclose(f);
	if (pp.error != NULL || rc != 0) {
		set_cause(cause, "%s:%d: %s", path, rc, pp.error != NULL ?
		    pp.error : "not an INI line");
		free(pp.error);
		free(path);
		return (-1);
	}
	if (p->name[0] == '\0')
		snprintf(p->name, sizeof p->name, "%s", what);
	if (p->cols_b < p->cols_a)
		p->cols_b = p->cols_a;
	free(path);
	return (0);
}

static const struct printer_ops *printer_transports[] = {
	&printer_file_ops,
	&printer_socket_ops,
	&printer_cups_ops,
	&printer_usb_ops,
};

int
printer_open(const char *uri, int timeout, struct printer **pp, char **cause)
{
	const struct printer_ops	*ops = NULL;
	struct printer			*p;
	size_t				 i, n;
	const char			*colon;

	*pp = NULL;
	if ((colon = strchr(uri, ':')) != NULL) {
		n = (size_t)(colon - uri);
		for (i = 0; i < sizeof printer_transports /
		    sizeof printer_transports[0]; i++) {
			if (strlen(printer_transports[i]->scheme) == n &&
			    strncmp(uri, printer_transports[i]->scheme,
			    n) == 0)
				ops = printer_transports[i];
		}
	}
	if (ops == NULL) {
		set_cause(cause, "printer \"%s\": write file:PATH, "
		    "socket:HOST[:PORT], cups:QUEUE, usb:VID:PID[:SERIAL] or "
		    "usb:auto", uri);
		return (-1);
	}
	p = xcalloc(1, sizeof *p);
	p->ops = ops;
	p->uri = xstrdup(uri);
	p->timeout = timeout > 0 ? timeout : 10000;
	snprintf(p->describe, sizeof p->describe, "%s", uri);
	if (ops->open(p, colon + 1, cause) != 0) {
		free(p->uri);
		free(p);
		return (-1);
	}
	*pp = p;
	return (0);
}

int
printer_write(struct printer *p, const void *buf, size_t len, char **cause)
{
	if (len == 0)
		return (0);
	return (p->ops->write(p, buf, len, cause));
}

int
printer_status(struct printer *p, int *cond, char **cause)
{
	*cond = PRINTER_UNKNOWN;
	return (p->ops->status(p, cond, cause));
}

/* Everything written has gone as far as the transport can tell. */
int
printer_finish(struct printer *p, char **cause)
{
	return (p->ops->finish(p, cause));
}

void
printer_close(struct printer *p)
{
	if (p == NULL)
		return;
	p->ops->close(p);
	free(p->uri);
	free(p);
}

const char *
printer_describe(struct printer *p)
{
	return (p->describe);
}

/* The worst condition first, as a support person would want to read it. */
const char *
printer_condition_text(int cond)
{
	if (cond == PRINTER_OK)
		return ("ok");
	if (cond & PRINTER_COVER_OPEN)
		return ("cover open");
	if (cond & PRINTER_PAPER_OUT)
		return ("paper out");
	if (cond & PRINTER_OFFLINE)
		return ("offline");
	if (cond & PRINTER_PAPER_LOW)
		return ("paper low");
	return ("unknown");
}

/*
 * Real-time status (DLE EOT n), as the ESC/POS reference defines it. Every
 * answer has bit 1 and bit 4 set and bits 0 and 7 clear; anything else is
 * not an answer. n=1 printer: bit 3 offline. n=2 offline cause: bit 2 cover
 * open, bit 5 stopped at paper end, bit 6 an error. n=3 error: bits 3, 5
 * and 6 are cutter, unrecoverable and auto-recoverable errors. n=4 roll
 * sensor: bits 2-3 near end, bits 5-6 paper end.
 */
int
escpos_status_decode(const int st[4])
{
	int	cond = PRINTER_OK, i, answered = 0;

	for (i = 0; i < 4; i++) {
		if (st[i] < 0)
			continue;
		if ((st[i] & 0x93) != 0x12)
			return (PRINTER_UNKNOWN);
		answered++;
	}
	if (answered == 0)
		return (PRINTER_UNKNOWN);
	if (st[0] >= 0 && (st[0] & 0x08))
		cond |= PRINTER_OFFLINE;
	if (st[1] >= 0) {
		if (st[1] & 0x04)
			cond |= PRINTER_COVER_OPEN;
		if (st[1] & 0x20)
			cond |= PRINTER_PAPER_OUT;
		if (st[1] & 0x40)
			cond |= PRINTER_OFFLINE;
	}
	if (st[2] >= 0 && (st[2] & 0x68))
		cond |= PRINTER_OFFLINE;
	if (st[3] >= 0) {
		if (st[3] & 0x60)
			cond |= PRINTER_PAPER_OUT;
		else if (st[3] & 0x0c)
			cond |= PRINTER_PAPER_LOW;
	}
	return (cond);
}
