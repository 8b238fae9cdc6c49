/*
 * The receipt as a PDF page the width of an 80 mm till roll, for email and
 * for the folder of last resort. It draws the same text as the paper
 * receipt (receipt_text at 42 columns) in DejaVu Sans Mono through pango,
 * so the columns line up and ä, ö, å and € come out; cairo embeds the font
 * subset, so the PDF reads the same on any machine.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "pdf.h"
#include "receipt.h"
#include "xmalloc.h"

#define PDF_WIDTH_PT	226.77		/* 80 mm */
#define PDF_MARGIN_PT	10.0
#define PDF_COLUMNS	42
#define PDF_FONT	"DejaVu Sans Mono 7.8"

struct mem {
	unsigned char	*p;
	size_t		 len;
};

static cairo_status_t
mem_write(void *arg, const unsigned char *data, unsigned int len)
{
	struct mem	*m = arg;

	m->p = xreallocarray(m->p, 1, m->len + len);
	memcpy(m->p + m->len, data, len);
	m->len += len;
	return (CAIRO_STATUS_SUCCESS);
}

static PangoLayout *
receipt_layout(cairo_t *cr, const struct receipt *r)
{
	PangoLayout		*layout;
	PangoFontDescription	*font;
	char			*text;

	layout = pango_cairo_create_layout(cr);
	/* Points are points: pango's default of 96 dpi would widen the text. */
	pango_cairo_context_set_resolution(pango_layout_get_context(layout),
	    72.0);
	pango_layout_context_changed(layout);
	font = pango_font_description_from_string(PDF_FONT);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	text = receipt_text(r, PDF_COLUMNS);
	pango_layout_set_text(layout, text, -1);
	free(text);
	return (layout);
}

/* Draw onto a surface made by make(); the page is as long as the text. */
static int
draw(const struct receipt *r, const char *path, struct mem *m, char **cause)
{
	cairo_surface_t	*probe, *s;
	cairo_t		*cr;
	PangoLayout	*layout;
	int		 w, h;
	double		 height;

	/* Measure first, on a surface of any size. */
	probe = cairo_pdf_surface_create_for_stream(NULL, NULL, PDF_WIDTH_PT,
	    100);
	cr = cairo_create(probe);
	layout = receipt_layout(cr, r);
	pango_layout_get_size(layout, &w, &h);
	g_object_unref(layout);
	cairo_destroy(cr);
	cairo_surface_destroy(probe);
	height = (double)h / PANGO_SCALE + 2 * PDF_MARGIN_PT;

	if (path != NULL)
		s = cairo_pdf_surface_create(path, PDF_WIDTH_PT, height);
	else
		s = cairo_pdf_surface_create_for_stream(mem_write, m,
		    PDF_WIDTH_PT, height);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		set_cause(cause, _("cannot make the PDF %s: %s"),
		    path != NULL ? path : "", cairo_status_to_string(
		    cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return (-1);
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "kassa");
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, PDF_MARGIN_PT, PDF_MARGIN_PT);
	layout = receipt_layout(cr, r);
	pango_cairo_show_layout(cr, layout);
	g_object_unref(layout);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		set_cause(cause, _("cannot write the PDF %s: %s"),
		    path != NULL ? path : "", cairo_status_to_string(
		    cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return (-1);
	}
	cairo_surface_destroy(s);
	return (0);
}

int
pdf_receipt(const struct receipt *r, const char *path, char **cause)
{
	return (draw(r, path, NULL, cause));
}

int
pdf_receipt_mem(const struct receipt *r, unsigned char **out, size_t *len,
    char **cause)
{
	struct mem	m = { NULL, 0 };

	if (draw(r, NULL, &m, cause) != 0) {
		free(m.p);
		return (-1);
	}
	*out = m.p;
	*len = m.len;
	return (0);
}
