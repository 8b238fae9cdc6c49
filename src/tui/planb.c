/*
 * Plan B in the console (F11 or ^N): a note on what happened and what was
 * done, a note on one of today's incidents, and entering the sales written
 * on paper slips while the till was down. A slip is rung up as a sale is,
 * with the slip's date, time, book and number kept on the open basket (so
 * a crash brings it back as a slip), and committed through the same sale
 * commit. The slips entered in one go are one outage, recorded when the
 * cashier is done with them.
 *
 * A database error the console meets is recorded too, once the database
 * takes writes again; the cashier's message about it stays as it was.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backfill.h"
#include "incident.h"
#include "tui.h"
#include "xmalloc.h"

/* --- Database errors ---------------------------------------------------- */

/* Remember a database error; recorded as soon as the database lets us. */
void
planb_db_error(struct tui *t, const char *cause)
{
	if (t->db_trouble == NULL) {
		t->db_trouble = xstrdup(cause != NULL ? cause : "?");
		t->db_trouble_at = time(NULL);
		t->db_trouble_count = 0;
	}
	t->db_trouble_count++;
}

/*
 * After a write that worked, the database takes writes again: record the
 * error then. Best effort and silent: the cashier has already been told.
 */
void
planb_flush(struct tui *t)
{
	char	*detail;

	if (t->db_trouble == NULL)
		return;
	if (t->db_trouble_count > 1)
		xasprintf(&detail, _("%s (%d times)"), t->db_trouble,
		    t->db_trouble_count);
	else
		detail = xstrdup(t->db_trouble);
	if (incident_add(t->db, t->till, t->db_trouble_at, INCIDENT_DATABASE,
	    detail, 0, 0, NULL, NULL) == 0) {
		free(t->db_trouble);
		t->db_trouble = NULL;
		t->db_trouble_count = 0;
	}
	free(detail);
}

/* --- Notes -------------------------------------------------------------- */

static void
note_done(struct tui *t, const char *text)
{
	char	*cause = NULL;
	int64_t	 id;

	if (*text == '\0') {
		tui_message(t, 1, _("Type what happened and what was done, or "
		    "Esc."));
		return;
	}
	if (incident_add(t->db, t->till, time(NULL), INCIDENT_NOTE, text, 0,
	    t->note_about, &id, &cause) != 0) {
		tui_go_sale(t);
		tui_message(t, 1, "%s", cause);
		free(cause);
		return;
	}
	tui_go_sale(t);
	tui_message(t, 0, _("Noted as incident %lld."), (long long)id);
}

static void
start_note(struct tui *t, int64_t about)
{
	char	prompt[128];

	t->note_about = about;
	if (about != 0)
		snprintf(prompt, sizeof prompt, _("Note on incident %lld: "),
		    (long long)about);
	else
		snprintf(prompt, sizeof prompt, "%s", _("What happened, what "
		    "was done: "));
	tui_ask(t, prompt, note_done);
}

static void
incident_pick(struct tui *t, size_t i)
{
	if (i < t->nincidents)
		start_note(t, t->incidents[i].id);
}

static void
start_incidents(struct tui *t)
{
	char	*cause = NULL, day[11], left[200], right[32];
	time_t	 now = time(NULL);
	size_t	 i;

	strftime(day, sizeof day, "%Y-%m-%d", localtime(&now));
	incident_list_free(t->incidents, t->nincidents);
	t->incidents = NULL;
	t->nincidents = 0;
	if (incident_list(t->db, day, day, &t->incidents, &t->nincidents,
	    &cause) != 0) {
		tui_go_sale(t);
		tui_message(t, 1, "%s", cause);
		free(cause);
		return;
	}
	list_clear(t);
	for (i = 0; i < t->nincidents; i++) {
		snprintf(left, sizeof left, "%.5s %s", t->incidents[i].at + 11,
		    t->incidents[i].detail);
		snprintf(right, sizeof right, "%s %lld", t->incidents[i].kind,
		    (long long)t->incidents[i].id);
		tui_list_add(t, left, right);
	}
	tui_pick(t, _("Today's incidents: Enter writes a note on one"),
	    incident_pick);
}

/* --- Paper slips -------------------------------------------------------- */

static void	slip_time_done(struct tui *, const char *);

static void
ask_slip_time(struct tui *t)
{
	tui_ask(t, _("Paper slip: date and time (YYYY-MM-DD HH:MM), Esc when "
	    "done: "), slip_time_done);
	if (t->slip_date[0] != '\0') {
		snprintf(t->input, sizeof t->input, "%s ", t->slip_date);
		t->ilen = strlen(t->input);
		t->burst_start = t->ilen;
	}
}

static void
slip_id_done(struct tui *t, const char *text)
{
	char	 book[64], no[64], *cause = NULL;
	int	 n;

	n = sscanf(text, "%63[^ /] %63s", book, no);
	if (n != 2)
		n = sscanf(text, "%63[^ /]/%63s", book, no);
	if (n != 2 || strlen(book) >= SLIP_MAX || strlen(no) >= SLIP_MAX) {
		tui_message(t, 1, _("Type the slip's book and number, such as "
		    "A 12."));
		return;
	}
	snprintf(t->sale->slip_book, SLIP_MAX, "%s", book);
	snprintf(t->sale->slip_no, SLIP_MAX, "%s", no);
	if (sale_slip_check(t->db, t->sale, &cause) != 0) {
		t->sale->slip_book[0] = t->sale->slip_no[0] = '\0';
		tui_message(t, 1, "%s", cause);
		free(cause);
		return;
	}
	tui_save(t);
	tui_go_sale(t);
	tui_message(t, 0, _("Slip %s/%s: ring up its lines as written, then "
	    "F9 pays as it was paid."), t->sale->slip_book, t->sale->slip_no);
}

static void
slip_time_done(struct tui *t, const char *text)
{
	char	 date[64], hm[64], *cause = NULL;
	time_t	 when;

	if (sscanf(text, "%63s %63s", date, hm) != 2 ||
	    backfill_slip_time(date, hm, &when, &cause) != 0) {
		tui_message(t, 1, "%s", cause != NULL ? cause : _("Type the "
		    "slip's date and time, such as 2026-01-10 14:30."));
		free(cause);
		return;
	}
	if (when > time(NULL)) {
		tui_message(t, 1, _("%s %s is in the future: check the slip."),
		    date, hm);
		return;
	}
	snprintf(t->slip_date, sizeof t->slip_date, "%.10s", date);
	t->sale->slip_time = (int64_t)when;
	tui_ask(t, _("Slip book and number (such as A 12): "), slip_id_done);
}

static void
start_slips(struct tui *t)
{
	if (t->sale->nlines > 0 || t->sale->ntenders > 0) {
		tui_go_sale(t);
		tui_message(t, 1, _("Finish or park the open sale first; then "
		    "enter the paper slips."));
		return;
	}
	t->slip_date[0] = '\0';
	ask_slip_time(t);
}

/* A slip was committed as receipt no: on to the next one. */
void
planb_slip_done(struct tui *t, int64_t slip_time, int64_t no)
{
	outage_add(&t->outages, &t->noutages, (time_t)slip_time);
	ask_slip_time(t);
	tui_message(t, 0, _("Slip entered as receipt %lld. The next slip, or "
	    "Esc when done."), (long long)no);
}

/* Record the outage of the slips entered; 0 when there were none. */
static size_t
record_outages(struct tui *t)
{
	char	*cause = NULL;
	size_t	 i, n = 0;

	for (i = 0; i < t->noutages; i++) {
		if (outage_record(t->db, t->till, &t->outages[i], NULL,
		    &cause) != 0) {
			tui_message(t, 1, "%s", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		n += t->outages[i].sales;
	}
	free(t->outages);
	t->outages = NULL;
	t->noutages = 0;
	return (n);
}

/*
 * Esc on one of plan B's questions. On a slip's date the paper slips are
 * done: their outage is recorded. Returns 1 when it handled the key.
 */
int
planb_escape(struct tui *t)
{
	size_t	n;

	if (t->mode != MODE_PROMPT || (t->prompt_done != slip_time_done &&
	    t->prompt_done != slip_id_done))
		return (0);
	if (t->sale->nlines == 0)
		t->sale->slip_time = 0;	/* no slip begun */
	t->sale->slip_book[0] = t->sale->slip_no[0] = '\0';
	if (t->sale->slip_time == 0)
		tui_save(t);
	tui_go_sale(t);
	if ((n = record_outages(t)) > 0)
		tui_message(t, 0, ngettext("%zu paper slip entered; the outage "
		    "is recorded.", "%zu paper slips entered; the outage is "
		    "recorded.", n), n);
	else
		tui_message(t, 0, NULL);
	return (1);
}

/* The console ends: slips entered are an outage all the same. */
void
planb_end(struct tui *t)
{
	record_outages(t);
	planb_flush(t);
}

void
planb_free(struct tui *t)
{
	incident_list_free(t->incidents, t->nincidents);
	t->incidents = NULL;
	t->nincidents = 0;
	free(t->outages);
	t->outages = NULL;
	free(t->db_trouble);
	t->db_trouble = NULL;
}

/* --- The menu ----------------------------------------------------------- */

static void
menu_pick(struct tui *t, size_t i)
{
	switch (i) {
	case 0:
		start_note(t, 0);
		break;
	case 1:
		start_incidents(t);
		break;
	case 2:
		start_slips(t);
		break;
	}
}

void
planb_menu(struct tui *t)
{
	list_clear(t);
	tui_list_add(t, _("Write a note: what happened, what was done"), NULL);
	tui_list_add(t, _("Today's incidents, and a note on one"), NULL);
	tui_list_add(t, _("Enter sales from paper slips (backfill)"), NULL);
	tui_pick(t, _("Plan B: incidents and paper slips"), menu_pick);
}
