/* The PDF receipt: read back with pdftotext, it says what the paper says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "money.h"
#include "pdf.h"
#include "receipt.h"
#include "sale.h"
#include "unit.h"
#include "xmalloc.h"

static struct receipt *
sample(struct sale **sp, struct vat_summary *vs)
{
	struct receipt_info	 info;
	struct sale_item	 it;
	struct sale		*s = sale_create(5);

	memset(&it, 0, sizeof it);
	it.code = "1";
	it.name = "Ruisleipä 500 g";
	it.price = 219;
	it.vat_bp = 1350;
	sale_add_line(s, &it, 2 * QTY_ONE, NULL);
	it.name = "Hiustenleikkaus, naiset";
	it.price = 5800;
	it.vat_bp = 2550;
	sale_add_line(s, &it, QTY_ONE, NULL);
	sale_add_tender(s, TENDER_CASH, 10000, NULL);
	sale_vat(s, vs);
	memset(&info, 0, sizeof info);
	info.store_name = "Kauppa Aurinko";
	info.store_address = "Mannerheimintie 12, 00100 Helsinki";
	info.business_id = "1234567-1";
	info.till = "1";
	info.number = 7;
	info.time = "2026-11-23 14:05:09";
	info.currency = "EUR";
	info.locale = money_locale_find("fi_FI");
	*sp = s;
	return (receipt_build(&info, s, vs));
}

static char *
pdf_text(const char *pdf)
{
	char	*cmd, *out = NULL;
	size_t	 len = 0;
	FILE	*p, *m;
	char	 buf[4096];
	size_t	 n;

	xasprintf(&cmd, "pdftotext -layout '%s' -", pdf);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	m = open_memstream(&out, &len);
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		fwrite(buf, 1, n, m);
	ck_assert_int_eq(pclose(p), 0);
	fclose(m);
	free(cmd);
	return (out);
}

START_TEST(test_pdf_file)
{
	struct vat_summary	 vs;
	struct sale		*s;
	struct receipt		*r = sample(&s, &vs);
	char			 path[] = "/tmp/kassa-check-pdf.XXXXXX";
	char			*text, *cause = NULL;
	int			 fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_msg(pdf_receipt(r, path, &cause) == 0, "%s", cause);
	text = pdf_text(path);
	ck_assert_ptr_nonnull(strstr(text, "Kauppa Aurinko"));
	ck_assert_ptr_nonnull(strstr(text, "Ruisleipä 500 g"));
	ck_assert_ptr_nonnull(strstr(text, "TOTAL"));
	ck_assert_ptr_nonnull(strstr(text, "62,38 €"));
	ck_assert_ptr_nonnull(strstr(text, "Receipt 7"));
	ck_assert_ptr_nonnull(strstr(text, "25,5"));
	free(text);
	unlink(path);
	ck_assert_int_eq(pdf_receipt(r, "/nonexistent/dir/r.pdf", &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "cannot"));
	free(cause);
	receipt_free(r);
	vat_summary_clear(&vs);
	sale_free(s);
}
END_TEST

START_TEST(test_pdf_memory)
{
	struct vat_summary	 vs;
	struct sale		*s;
	struct receipt		*r = sample(&s, &vs);
	unsigned char		*pdf;
	size_t			 len;

	ck_assert_int_eq(pdf_receipt_mem(r, &pdf, &len, NULL), 0);
	ck_assert_uint_gt(len, 1000);
	ck_assert_int_eq(memcmp(pdf, "%PDF-", 5), 0);
	/* The font is embedded: its name is in the file. */
	ck_assert_ptr_nonnull(memmem(pdf, len, "DejaVuSansMono", 14));
	free(pdf);
	receipt_free(r);
	vat_summary_clear(&vs);
	sale_free(s);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("pdf");
	TCase	*tc = tcase_create("pdf");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_pdf_file);
	tcase_add_test(tc, test_pdf_memory);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
