/*
 * Fuzz target: the key decoder of the console (src/tui/input.c), which
 * tells a barcode scanner from a person by the time between keys. The
 * input is a sequence of key events, each with the milliseconds since the
 * one before; the actions the decoder calls are replaced here by ones that
 * record what they were given, so the decoder alone is checked:
 *
 *  - no keystroke is lost: what a line held before Enter is what the
 *    action got plus what stays in the input line;
 *  - only a run that is a code with a valid check digit is passed as a scan;
 *  - the input line stays a string within its buffer.
 *
 * The first byte is [scanner] gap_ms. Then each event: one byte whose top
 * two bits are its kind and whose low six the gap, and for a character or
 * key one more byte; a byte above 0x7f and the next one make a wider
 * character, ((b & 0x7f) << 8 | next), so 0x80 0xe4 is U+00E4.
 */
#include <curses.h>
#include <locale.h>

#include "conf.h"
#include "fuzz.h"
#include "tui.h"

static struct {
	int	 calls;
	int	 scan;
	char	 text[sizeof ((struct tui *)0)->input];
} entered;

/* The actions, as the decoder sees them. */
void
act_enter(struct tui *t, const char *text, int scan)
{
	FUZZ_CHECK(strlen(text) < sizeof entered.text, "%zu", strlen(text));
	entered.calls++;
	entered.scan = scan;
	strcpy(entered.text, text);
}

/* Backspace and Escape edit the line as actions.c does; others do not. */
void
act_key(struct tui *t, struct key k)
{
	if (k.fkey && k.wc == KEY_BACKSPACE)
		input_backspace(t);
	else if (!k.fkey && k.wc == 0x1b) {
		t->ilen = 0;
		t->input[0] = '\0';
		t->burst_start = 0;
	}
}

void
act_search(struct tui *t)
{
}

void
tui_message(struct tui *t, int error, const char *fmt, ...)
{
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* The console runs in a UTF-8 locale; the decoder uses wctomb(). */
	setlocale(LC_ALL, "C.UTF-8");
	return (0);
}

/* The gap before an event: mostly scanner speed, sometimes a person's. */
static uint64_t
gap_ms(unsigned int g)
{
	return (g < 48 ? g : (uint64_t)(g - 47) * 40);
}

static const int fkeys[] = { KEY_BACKSPACE, KEY_ENTER, KEY_F(1), KEY_F(5),
	KEY_UP, KEY_DOWN, KEY_DC };

static int
is_qty_scan(const char *text)
{
	const char	*star = strchr(text, '*');

	return (star != NULL && star > text && strspn(text, "0123456789,.") ==
	    (size_t)(star - text) && input_is_code(star + 1));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 conf;
	struct tui	 t;
	struct key	 k;
	char		 before[sizeof t.input];
	uint64_t	 ms = 1000;
	size_t		 i = 0, blen, ilen;
	int		 kind, enter;

	if (size < 1)
		return (0);
	memset(&conf, 0, sizeof conf);
	conf.scan_gap_ms = 1 + data[i++] % 100;
	memset(&t, 0, sizeof t);
	t.conf = &conf;
	t.mode = MODE_SALE;
	t.back = MODE_SALE;
	while (i < size) {
		kind = data[i] >> 6;
		ms += gap_ms(data[i] & 0x3f);
		i++;
		memset(&k, 0, sizeof k);
		switch (kind) {
		case 0:		/* a character */
			if (i >= size)
				return (0);
			k.wc = data[i++];
			if (k.wc >= 0x80 && i < size)
				k.wc = (k.wc & 0x7f) << 8 | data[i++];
			break;
		case 1:		/* Enter, as the terminal sends it */
			k.wc = '\r';
			break;
		case 2:		/* a function key */
			if (i >= size)
				return (0);
			k.fkey = 1;
			k.wc = fkeys[data[i++] % (sizeof fkeys /
			    sizeof fkeys[0])];
			break;
		case 3:		/* an action moved the console elsewhere */
			if (i >= size)
				return (0);
			t.back = t.mode;
			t.mode = (enum tui_mode)(data[i++] % (MODE_HELP + 1));
			continue;
		}
		/* In the help, keypad Enter only closes it, like F-keys. */
		enter = (!k.fkey && (k.wc == '\r' || k.wc == '\n')) || (k.fkey &&
		    k.wc == KEY_ENTER && t.mode != MODE_HELP);
		memcpy(before, t.input, sizeof before);
		blen = strlen(before);
		entered.calls = 0;
		input_key(&t, k, ms);

		ilen = strlen(t.input);
		FUZZ_CHECK(ilen == t.ilen && t.ilen < sizeof t.input,
		    "ilen %zu, strlen %zu", t.ilen, ilen);
		FUZZ_CHECK(t.burst_start <= t.ilen, "burst at %zu of %zu",
		    t.burst_start, t.ilen);
		if (!enter) {
			FUZZ_CHECK(entered.calls == 0, "a key entered the line");
			/* Typing only adds; only Backspace and Escape take. */
			if (!(k.fkey && k.wc == KEY_BACKSPACE) && k.wc != 0x1b)
				FUZZ_CHECK(ilen >= blen && memcmp(t.input, before,
				    blen) == 0, "\"%s\" became \"%s\"", before,
				    t.input);
			continue;
		}
		FUZZ_CHECK(entered.calls == 1, "Enter made %d calls",
		    entered.calls);
		if (!entered.scan) {
			FUZZ_CHECK(strcmp(entered.text, before) == 0 &&
			    ilen == 0, "\"%s\" entered as \"%s\", left \"%s\"",
			    before, entered.text, t.input);
		} else if (ilen == 0 && strcmp(entered.text, before) == 0 &&
		    is_qty_scan(before)) {
			/* "2*" and a scan: the whole line goes together. */
		} else {
			FUZZ_CHECK(input_is_code(entered.text), "scan \"%s\" is "
			    "no code", entered.text);
			FUZZ_CHECK(ilen + strlen(entered.text) == blen &&
			    memcmp(before, t.input, ilen) == 0 &&
			    strcmp(before + ilen, entered.text) == 0,
			    "\"%s\" split into \"%s\" and scan \"%s\"", before,
			    t.input, entered.text);
		}
	}
	return (0);
}
