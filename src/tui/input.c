/*
 * Keys in, and telling a barcode scanner from a person. A scanner types a
 * code as a burst, every character within a few milliseconds of the last,
 * and ends it with Enter; a person is slower. A line counts as a scan when
 * its last run of characters came as such a burst (each gap at most
 * [scanner] gap_ms, default 30 ms), Enter included, and that run is a code
 * with a valid check digit. Only that run is the scan: anything the cashier
 * typed before it stays in the input line, so no keystroke is lost.
 */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "gtin.h"
#include "tui.h"

uint64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

/* Whether s is a code a scanner would send: a GTIN or a UPC-E. */
int
input_is_code(const char *s)
{
	char	upca[13];
	size_t	n = strlen(s);

	if (n < 8 || strspn(s, "0123456789") != n)
		return (0);
	return (gtin_valid(s) || gtin_upce_expand(s, upca) == 0);
}

/* Modes where printable keys are text; elsewhere letters are commands. */
static int
takes_text(const struct tui *t, wint_t wc)
{
	switch (t->mode) {
	case MODE_PROMPT:
	case MODE_SEARCH:
		return (1);
	case MODE_LOGIN:
		return (wc >= '0' && wc <= '9');
	case MODE_SHEET:
		/* A report sheet takes no codes (act-stock.c). */
		if (t->sheet == SHEET_REPORT)
			return (wc >= '0' && wc <= '9');
		/* FALLTHROUGH */
	case MODE_SALE:
	case MODE_DONE:
	case MODE_PAY:
		return (wc < 0x80 && strchr("0123456789*,.-", (int)wc) != NULL);
	default:
		/* Digits are kept aside, so a scan here is seen as one. */
		return (wc >= '0' && wc <= '9');
	}
}

static void
type_char(struct tui *t, wint_t wc)
{
	char	mb[MB_LEN_MAX];
	int	n;

	n = wctomb(mb, (wchar_t)wc);
	if (n <= 0 || t->ilen + (size_t)n >= sizeof t->input - 1) {
		beep();
		return;
	}
	memcpy(t->input + t->ilen, mb, (size_t)n);
	t->ilen += (size_t)n;
	t->input[t->ilen] = '\0';
}

/* Take back the last character; the scan's start stays within the line. */
void
input_backspace(struct tui *t)
{
	while (t->ilen > 0) {
		t->ilen--;
		if (((unsigned char)t->input[t->ilen] & 0xc0) != 0x80)
			break;
	}
	t->input[t->ilen] = '\0';
	if (t->burst_start > t->ilen)
		t->burst_start = t->ilen;
}

static void
enter(struct tui *t, int close)
{
	char	line[sizeof t->input], *scan;
	int	is_scan;

	memcpy(line, t->input, t->ilen + 1);
	scan = line + t->burst_start;
	/*
	 * A scan the console was too busy to read at once arrives in two
	 * bursts; when the whole line is a code, the whole line is the scan,
	 * not its tail (which may look like a shorter code).
	 */
	if (close && t->burst_start > 0 && input_is_code(line)) {
		t->burst_start = 0;
		scan = line;
	}
	is_scan = close && t->burst_start < t->ilen && input_is_code(scan);
	if (is_scan) {
		size_t	plen = t->burst_start;
		char	qty[sizeof t->input];

		/* "2*" typed, then a scan: two of the scanned item. */
		if (plen > 1 && line[plen - 1] == '*' && strspn(line,
		    "0123456789,.") == plen - 1 && (t->mode == MODE_SALE ||
		    t->mode == MODE_DONE || t->mode == MODE_SHEET)) {
			t->ilen = 0;
			t->input[0] = '\0';
			t->burst_start = 0;
			memcpy(qty, line, sizeof qty);
			act_enter(t, qty, 1);
			return;
		}
		/* What else was typed before the scan stays in the input. */
		t->ilen = t->burst_start;
		t->input[t->ilen] = '\0';
		act_enter(t, scan, 1);
		return;
	}
	t->ilen = 0;
	t->input[0] = '\0';
	t->burst_start = 0;
	act_enter(t, line, 0);
}

void
input_key(struct tui *t, struct key k, uint64_t ms)
{
	int	gap = t->conf != NULL ? t->conf->scan_gap_ms : 30;
	int	close = t->last_key_ms != 0 && ms - t->last_key_ms <=
		    (uint64_t)gap;

	t->last_key_ms = ms;
	if (t->mode == MODE_HELP && (k.fkey || k.wc < '0' || k.wc > '9') &&
	    k.wc != '\r' && k.wc != '\n') {
		/* A key closes the help; digits and Enter may be a scan. */
		if (!k.fkey && k.wc == 0x11)
			t->quit = 1;
		t->mode = t->back;
		return;
	}
	if ((!k.fkey && (k.wc == '\r' || k.wc == '\n')) ||
	    (k.fkey && k.wc == KEY_ENTER)) {
		enter(t, close);
		return;
	}
	if (!k.fkey && k.wc >= 0x20 && k.wc != 0x7f && takes_text(t, k.wc)) {
		if (t->mode == MODE_DONE) {
			t->mode = MODE_SALE;	/* the next sale begins */
			tui_message(t, 0, NULL);
		}
		if (!close || t->ilen == 0)
			t->burst_start = t->ilen;
		type_char(t, k.wc);
		if (t->mode == MODE_SEARCH)
			act_search(t);
		return;
	}
	act_key(t, k);
}
