/*
 * An ESC/POS reader for the tests: the bytes kassa sends a printer, back
 * into the lines that would come out of it, in UTF-8.
 */
#ifndef KASSA_ESCPOS_DECODE_H
#define KASSA_ESCPOS_DECODE_H

#include <stddef.h>
#include <stdint.h>

struct printer_profile;

struct escpos_line {
	char	*text;		/* UTF-8; centred lines padded as on paper */
	int	 bold;
	int	 big;		/* double width and height */
	int	 centre;
};

struct escpos_doc {
	struct escpos_line	*lines;
	size_t			 nlines;
	int			 codepage;	/* the last ESC t, or -1 */
	int			 inits;		/* ESC @ seen */
	int			 status_queries;	/* DLE EOT n seen */
	int			 cut;		/* 0, 1 partial, 2 full */
	int			 kick;		/* ESC p seen */
	int			 kick_pin, kick_on, kick_off;
};

int	 escpos_decode(const uint8_t *, size_t,
	    const struct printer_profile *, struct escpos_doc *, char **);
char	*escpos_doc_text(const struct escpos_doc *);
void	 escpos_doc_clear(struct escpos_doc *);

#endif
