/* The receipt document and its text: what the customer reads. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "money.h"
#include "receipt.h"
#include "sale.h"

static struct sale *
sample_sale(void)
{
	struct sale		*s = sale_create(5);
	struct sale_item	 it;

	memset(&it, 0, sizeof it);
	it.code = "1";
	it.name = "Ruisleipä 500 g";
	it.price = 219;
	it.vat_bp = 1350;
	sale_add_line(s, &it, 2 * QTY_ONE, NULL);
	it.name = "Banaani";
	it.price = 199;
	it.unit = UNIT_KG;
	sale_add_line(s, &it, 350, NULL);
	it.name = "Hiustenleikkaus, pitkät hiukset ja föönaus viimeistelyllä";
	it.price = 5800;
	it.vat_bp = 2550;
	it.unit = UNIT_PIECE;
	sale_add_line(s, &it, QTY_ONE, NULL);
	sale_line_discount(s, 2, DISCOUNT_PERCENT, 1000, "kanta-asiakas",
	    NULL);
	sale_add_tender(s, TENDER_CASH, 10000, NULL);
	return (s);
}

START_TEST(test_receipt_text)
{
	struct receipt_info	 info;
	struct vat_summary	 vs;
	struct sale		*s = sample_sale();
	struct receipt		*r;
	char			*text, *line, *save, *copy;

	memset(&info, 0, sizeof info);
	info.store_name = "Kauppa Aurinko";
	info.store_address = "Mannerheimintie 12, 00100 Helsinki";
	info.business_id = "1234567-1";
	info.till = "1";
	info.number = 42;
	info.time = "2026-11-23 14:05:09";
	info.footer = "Kiitos!";
	info.currency = "EUR";
	info.locale = money_locale_find("fi_FI");
	sale_vat(s, &vs);
	r = receipt_build(&info, s, &vs);
	text = receipt_text(r, 42);

	ck_assert_ptr_nonnull(strstr(text, "Business ID 1234567-1"));
	ck_assert_ptr_nonnull(strstr(text, "Receipt 42"));
	ck_assert_ptr_nonnull(strstr(text, "23.11.2026 14:05"));
	ck_assert_ptr_nonnull(strstr(text, "  2 x 2,19\n"));
	ck_assert_ptr_nonnull(strstr(text, "  0,350 kg x 1,99/kg\n"));
	ck_assert_ptr_nonnull(strstr(text, "Discount 10 % kanta-asiakas"));
	/* 4,38 + 0,70 + 58,00 - 5,80 = 57,28; cash due 57,30. */
	ck_assert_ptr_nonnull(strstr(text, "TOTAL"));
	ck_assert_ptr_nonnull(strstr(text, "57,28 €\n"));
	ck_assert_ptr_nonnull(strstr(text, "Cash rounding"));
	ck_assert_ptr_nonnull(strstr(text, "0,02\n"));
	ck_assert_ptr_nonnull(strstr(text, "42,70\n"));	/* change */
	/* VAT per rate: 25,5 % of 52,20 and 13,5 % of 5,08. */
	ck_assert_ptr_nonnull(strstr(text, "25,5      41,59    10,61"));
	ck_assert_ptr_nonnull(strstr(text, "13,5       4,48     0,60"));
	ck_assert_ptr_null(strstr(text, "COPY"));

	/* The long name wraps whole, and its amount ends the last line. */
	ck_assert_ptr_nonnull(strstr(text, "Hiustenleikkaus, pitkät hiukset ja "
	    "föönaus\nviimeistelyllä                       58,00\n"));
	/* No line is wider than the paper. */
	copy = text;
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		ck_assert_msg(utf8_width(line) <= 42, "too wide: %s", line);
	free(text);
	receipt_free(r);

	info.copy = 1;
	info.training = 1;
	r = receipt_build(&info, s, &vs);
	text = receipt_text(r, 32);
	ck_assert_ptr_nonnull(strstr(text, "*** COPY ***"));
	ck_assert_ptr_nonnull(strstr(text, "*** TRAINING - NOT A RECEIPT"));
	free(text);
	receipt_free(r);
	vat_summary_clear(&vs);
	sale_free(s);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("receipt");
	TCase	*tc = tcase_create("receipt");

	tcase_add_test(tc, test_receipt_text);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
