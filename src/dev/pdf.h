/* A receipt as PDF, 80 mm wide, fonts embedded (cairo and pango). */
#ifndef KASSA_PDF_H
#define KASSA_PDF_H

#include <stddef.h>

struct receipt;

int	 pdf_receipt(const struct receipt *, const char *, char **);
int	 pdf_receipt_mem(const struct receipt *, unsigned char **, size_t *,
	    char **);

#endif
