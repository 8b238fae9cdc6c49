/*
 * The receipt document as ESC/POS bytes, for the model a printer profile
 * describes: code page, paper width, styles, barcode and QR code, cut and
 * cash drawer. Each row is laid out by receipt_text() itself, so the paper
 * says what `kassa receipt show` says.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "printer-int.h"
#include "receipt.h"
#include "xmalloc.h"

#define ESC	0x1b
#define GS	0x1d

struct buf {
	uint8_t	*d;
	size_t	 len;
	size_t	 size;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->size) {
		b->size = (b->len + n) * 2 + 256;
		b->d = xreallocarray(b->d, 1, b->size);
	}
	memcpy(b->d + b->len, p, n);
	b->len += n;
}

static void
put3(struct buf *b, int c0, int c1, int c2)
{
	uint8_t	c[3] = { (uint8_t)c0, (uint8_t)c1, (uint8_t)c2 };

	put(b, c, 3);
}

/*
 * Without a code page that has them, letters fall back to ASCII: a printer
 * in its power-on code page (PC437 on most) prints these bytes the same.
 */
static const struct {
	unsigned int	 cp;
	const char	*ascii;
} translit[] = {
	{ 0x20ac, "EUR" }, { 0xa3, "GBP" }, { 0xa0, " " }, { 0xa7, "S" },
	{ 0xb0, "o" }, { 0xb4, "'" }, { 0xd7, "x" }, { 0xf7, "/" },
	{ 0xc0, "A" }, { 0xc1, "A" }, { 0xc2, "A" }, { 0xc3, "A" },
	{ 0xc4, "A" }, { 0xc5, "A" }, { 0xc6, "AE" }, { 0xc7, "C" },
	{ 0xc8, "E" }, { 0xc9, "E" }, { 0xca, "E" }, { 0xcb, "E" },
	{ 0xcc, "I" }, { 0xcd, "I" }, { 0xce, "I" }, { 0xcf, "I" },
	{ 0xd1, "N" }, { 0xd2, "O" }, { 0xd3, "O" }, { 0xd4, "O" },
	{ 0xd5, "O" }, { 0xd6, "O" }, { 0xd8, "O" }, { 0xd9, "U" },
	{ 0xda, "U" }, { 0xdb, "U" }, { 0xdc, "U" }, { 0xdd, "Y" },
	{ 0xdf, "ss" }, { 0xe0, "a" }, { 0xe1, "a" }, { 0xe2, "a" },
	{ 0xe3, "a" }, { 0xe4, "a" }, { 0xe5, "a" }, { 0xe6, "ae" },
	{ 0xe7, "c" }, { 0xe8, "e" }, { 0xe9, "e" }, { 0xea, "e" },
	{ 0xeb, "e" }, { 0xec, "i" }, { 0xed, "i" }, { 0xee, "i" },
	{ 0xef, "i" }, { 0xf1, "n" }, { 0xf2, "o" }, { 0xf3, "o" },
	{ 0xf4, "o" }, { 0xf5, "o" }, { 0xf6, "o" }, { 0xf8, "o" },
	{ 0xf9, "u" }, { 0xfa, "u" }, { 0xfb, "u" }, { 0xfc, "u" },
	{ 0xfd, "y" }, { 0xff, "y" }, { 0x160, "S" }, { 0x161, "s" },
	{ 0x17d, "Z" }, { 0x17e, "z" }, { 0x2013, "-" }, { 0x2014, "-" },
	{ 0x2018, "'" }, { 0x2019, "'" }, { 0x201c, "\"" }, { 0x201d, "\"" },
	{ 0x2026, "..." },
};

/* One UTF-8 character: its code point and length (1 for a bad byte). */
static size_t
utf8_decode(const char *s, unsigned int *cp)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (u[0] < 0x80) {
		*cp = u[0];
		return (1);
	}
	if ((u[0] & 0xe0) == 0xc0 && (u[1] & 0xc0) == 0x80) {
		*cp = ((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu);
		return (2);
	}
	if ((u[0] & 0xf0) == 0xe0 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80) {
		*cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) |
		    (u[2] & 0x3fu);
		return (3);
	}
	if ((u[0] & 0xf8) == 0xf0 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80 && (u[3] & 0xc0) == 0x80) {
		*cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3fu) << 12) |
		    ((u[2] & 0x3fu) << 6) | (u[3] & 0x3fu);
		return (4);
	}
	*cp = '?';
	return (1);
}

/*
 * UTF-8 text into the printer's code page, one character at a time, so a
 * character the code page lacks becomes its ASCII stand-in (or "?") and
 * the rest of the line still prints. cd is (iconv_t)-1 for plain ASCII.
 */
static void
put_text(struct buf *b, iconv_t cd, int euro_d5, const char *s)
{
	unsigned int	 cp;
	size_t		 n, i, inleft, outleft;
	char		 in[4], out[8], *ip, *op;

	while (*s != '\0') {
		n = utf8_decode(s, &cp);
		if (cp >= 0x20 && cp < 0x7f) {
			put(b, s, 1);
			s += n;
			continue;
		}
		if (cp == '\n') {
			put(b, "\n", 1);
			s += n;
			continue;
		}
		if (cp == 0x20ac && euro_d5) {
			put(b, "\xd5", 1);
			s += n;
			continue;
		}
		if (cd != (iconv_t)-1) {
			memcpy(in, s, n);
			ip = in;
			op = out;
			inleft = n;
			outleft = sizeof out;
			iconv(cd, NULL, NULL, NULL, NULL);
			if (iconv(cd, &ip, &inleft, &op, &outleft) !=
			    (size_t)-1 && inleft == 0) {
				put(b, out, sizeof out - outleft);
				s += n;
				continue;
			}
		}
		for (i = 0; i < sizeof translit / sizeof translit[0]; i++)
			if (translit[i].cp == cp)
				break;
		if (i < sizeof translit / sizeof translit[0])
			put(b, translit[i].ascii, strlen(translit[i].ascii));
		else
			put(b, "?", 1);
		s += n;
	}
}

/* The text of one row at a width, exactly as receipt_text() lays it out. */
static char *
row_text(const struct receipt_row *row, int width)
{
	struct receipt	one;
	char		*text, *p;

	memset(&one, 0, sizeof one);
	one.rows = (struct receipt_row *)row;
	one.nrows = 1;
	text = receipt_text(&one, width);
	if (row->kind == ROW_CENTER) {
		/* ESC a 1 centres it on the paper instead. */
		for (p = text; *p == ' '; p++)
			;
		memmove(text, p, strlen(p) + 1);
	}
	return (text);
}

static void
put_barcode(struct buf *b, const char *code)
{
	size_t	n = strlen(code);

	put3(b, GS, 'h', 80);		/* 10 mm high */
	put3(b, GS, 'w', 2);		/* narrow module 2 dots */
	put3(b, GS, 'H', 2);		/* the digits below it */
	put3(b, GS, 'k', 73);		/* CODE128, with a length */
	put(b, (uint8_t[]){ (uint8_t)(n + 2), '{', 'B' }, 3);
	put(b, code, n);
	put(b, "\n", 1);
}

static void
put_qr(struct buf *b, const char *code)
{
	size_t	n = strlen(code) + 3;

	/* Model 2, module 6 dots, error correction M, store, print. */
	put(b, (uint8_t[]){ GS, '(', 'k', 4, 0, 49, 65, 50, 0 }, 9);
	put(b, (uint8_t[]){ GS, '(', 'k', 3, 0, 49, 67, 6 }, 8);
	put(b, (uint8_t[]){ GS, '(', 'k', 3, 0, 49, 69, 49 }, 8);
	put(b, (uint8_t[]){ GS, '(', 'k', (uint8_t)(n & 0xff),
	    (uint8_t)(n >> 8), 49, 80, 48 }, 8);
	put(b, code, strlen(code));
	put(b, (uint8_t[]){ GS, '(', 'k', 3, 0, 49, 81, 48 }, 8);
	put(b, "\n", 1);
}

/*
 * The first code page of the profile that iconv knows, or -1 for none. An
 * iconv without CP858 (it is not in every C library) still has IBM850,
 * which is CP858 but for the euro sign at 0xD5: *euro_d5 says to put it
 * there by hand.
 */
static int
pick_codepage(const struct printer_profile *prof, iconv_t *cd, int *euro_d5)
{
	size_t	i;

	*euro_d5 = 0;
	for (i = 0; i < prof->ncodepages; i++) {
		*cd = iconv_open(prof->codepage_names[i], "UTF-8");
		if (*cd != (iconv_t)-1)
			return ((int)i);
		if (strcasecmp(prof->codepage_names[i], "CP858") == 0 &&
		    (*cd = iconv_open("IBM850", "UTF-8")) != (iconv_t)-1) {
			*euro_d5 = 1;
			return ((int)i);
		}
	}
	*cd = (iconv_t)-1;
	return (-1);
}

int
escpos_encode(const struct receipt *r, const struct printer_profile *prof,
    int kick, uint8_t **out, size_t *outlen, char **cause)
{
	struct buf	 b;
	iconv_t		 cd;
	size_t		 i;
	int		 cp, align = 0, bold = 0, big = 0, width, euro_d5;
	char		*text;

	memset(&b, 0, sizeof b);
	if (prof->cols_a < 16) {
		set_cause(cause, "printer profile %s: %d columns is too narrow",
		    prof->name, prof->cols_a);
		return (-1);
	}
	put(&b, (uint8_t[]){ ESC, '@' }, 2);
	if ((cp = pick_codepage(prof, &cd, &euro_d5)) >= 0)
		put3(&b, ESC, 't', prof->codepages[cp]);
	for (i = 0; i < r->nrows; i++) {
		const struct receipt_row *row = &r->rows[i];
		int want = row->kind == ROW_CENTER;

		if (want != align) {
			put3(&b, ESC, 'a', want);
			align = want;
		}
		if ((row->bold != 0) != bold) {
			bold = row->bold != 0;
			put3(&b, ESC, 'E', bold);
		}
		if ((row->big != 0) != big) {
			big = row->big != 0;
			put3(&b, GS, '!', big ? 0x11 : 0x00);
		}
		/* Double width halves the line. */
		width = big ? prof->cols_a / 2 : prof->cols_a;
		text = row_text(row, width);
		put_text(&b, cd, euro_d5, text);
		free(text);
	}
	if (bold)
		put3(&b, ESC, 'E', 0);
	if (big)
		put3(&b, GS, '!', 0);
	if (r->code[0] != '\0' && (prof->barcode || prof->qr)) {
		put(&b, "\n", 1);
		if (!align)
			put3(&b, ESC, 'a', 1);
		align = 1;
		if (prof->barcode)
			put_barcode(&b, r->code);
		if (prof->qr)
			put_qr(&b, r->code);
	}
	if (align)
		put3(&b, ESC, 'a', 0);
	if (prof->cut != 0) {
		/* Feed past the cutter, then cut: 65 full, 66 partial. */
		put3(&b, GS, 'V', prof->cut == 2 ? 65 : 66);
		put(&b, (uint8_t[]){ 3 }, 1);
	} else
		put(&b, "\n\n\n\n", 4);
	if (kick)
		put(&b, (uint8_t[]){ ESC, 'p', (uint8_t)prof->drawer_pin,
		    (uint8_t)(prof->drawer_on_ms / 2),
		    (uint8_t)(prof->drawer_off_ms / 2) }, 5);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	*out = b.d;
	*outlen = b.len;
	return (0);
}
