/*
 * escpos-decode PROFILE [FILE]: the lines an ESC/POS byte stream would
 * print, in UTF-8, for the shell tests. Exit 1 on bytes it cannot read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escpos-decode.h"
#include "printer.h"
#include "xmalloc.h"

int
main(int argc, char **argv)
{
	struct printer_profile	 prof;
	struct escpos_doc	 doc;
	FILE			*f = stdin;
	uint8_t			*buf = NULL;
	size_t			 len = 0, n;
	char			*cause = NULL, *text;

	if (argc < 2 || argc > 3) {
		fputs("usage: escpos-decode PROFILE [FILE]\n", stderr);
		return (2);
	}
	if (printer_profile_load(argv[1], &prof, &cause) != 0) {
		fprintf(stderr, "escpos-decode: %s\n", cause);
		return (1);
	}
	if (argc == 3 && (f = fopen(argv[2], "rb")) == NULL) {
		perror(argv[2]);
		return (1);
	}
	for (;;) {
		buf = xreallocarray(buf, 1, len + 65536);
		if ((n = fread(buf + len, 1, 65536, f)) == 0)
			break;
		len += n;
	}
	if (escpos_decode(buf, len, &prof, &doc, &cause) != 0) {
		fprintf(stderr, "escpos-decode: %s\n", cause);
		free(cause);
		free(buf);
		return (1);
	}
	text = escpos_doc_text(&doc);
	fputs(text, stdout);
	printf("[inits %d codepage %d cut %d kick %d]\n", doc.inits,
	    doc.codepage, doc.cut, doc.kick);
	free(text);
	escpos_doc_clear(&doc);
	free(buf);
	return (0);
}
