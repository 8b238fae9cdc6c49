/*
 * Receipt printers: profiles (printers/NAME.profile), the ESC/POS encoder and
 * one transport interface chosen by URI (cups:, usb:, socket:, file:).
 * The only headers that may include <cups/cups.h> or <libusb.h> are the
 * transport files in src/dev.
 */
#ifndef KASSA_PRINTER_H
#define KASSA_PRINTER_H

#include <stddef.h>
#include <stdint.h>

struct receipt;

/* What a printer model can do: read from printers/NAME.profile. */
struct printer_profile {
	char	 name[64];
	int	 paper_mm;		/* 58 or 80 */
	int	 cols_a;		/* characters per line, font A */
	int	 cols_b;		/* font B */
	int	 codepages[8];		/* ESC t numbers: CP858, CP1252... */
	char	 codepage_names[8][16];
	size_t	 ncodepages;
	int	 cut;			/* 0 none, 1 partial, 2 full */
	int	 drawer_pin;		/* 0 or 1 (pin 2 or pin 5) */
	int	 drawer_on_ms;
	int	 drawer_off_ms;
	int	 barcode;		/* GS k supported */
	int	 qr;			/* GS ( k supported */
	int	 status;		/* DLE EOT answered */
};

int	 printer_profile_load(const char *, struct printer_profile *, char **);
const char *printer_profile_dir(void);

/* ESC/POS bytes for a receipt document; kick opens the cash drawer. */
int	 escpos_encode(const struct receipt *, const struct printer_profile *,
	    int, uint8_t **, size_t *, char **);

enum printer_condition {
	PRINTER_OK = 0,
	PRINTER_OFFLINE = 1 << 0,
	PRINTER_PAPER_OUT = 1 << 1,
	PRINTER_PAPER_LOW = 1 << 2,
	PRINTER_COVER_OPEN = 1 << 3,
	PRINTER_UNKNOWN = 1 << 4,	/* it does not tell */
};

struct printer;

/* A transport by URI; timeouts in milliseconds. */
int	 printer_open(const char *, int, struct printer **, char **);
int	 printer_write(struct printer *, const void *, size_t, char **);
int	 printer_status(struct printer *, int *, char **);
int	 printer_finish(struct printer *, char **);
void	 printer_close(struct printer *);
const char *printer_condition_text(int);
/* What the transport found: "usb 04b8:0202 if 0 out 0x01 in 0x82". */
const char *printer_describe(struct printer *);

#endif
