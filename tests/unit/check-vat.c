/* VAT: per-rate tax on VAT-inclusive prices, and totals that add up. */
#include <stdlib.h>

#include "unit.h"
#include "sale.h"
#include "vat.h"

START_TEST(test_tax_of_gross)
{
	/* Finland. */
	ck_assert_int_eq(vat_tax_of_gross(1255, 2550), 255);
	ck_assert_int_eq(vat_tax_of_gross(1000, 2550), 203);	/* 203.19 */
	ck_assert_int_eq(vat_tax_of_gross(1000, 1350), 119);	/* 118.94 */
	ck_assert_int_eq(vat_tax_of_gross(1135, 1350), 135);
	ck_assert_int_eq(vat_tax_of_gross(1100, 1000), 100);
	ck_assert_int_eq(vat_tax_of_gross(999, 0), 0);
	/* The Netherlands. */
	ck_assert_int_eq(vat_tax_of_gross(121, 2100), 21);
	ck_assert_int_eq(vat_tax_of_gross(1000, 2100), 174);	/* 173.55 */
	ck_assert_int_eq(vat_tax_of_gross(109, 900), 9);
	ck_assert_int_eq(vat_tax_of_gross(1000, 900), 83);	/* 82.57 */
	ck_assert_int_eq(vat_tax_of_gross(2255, 1000), 205);
	/* A refund's tax mirrors the sale's. */
	ck_assert_int_eq(vat_tax_of_gross(-1255, 2550), -255);
}
END_TEST

START_TEST(test_summary_per_rate)
{
	struct vat_summary	vs;

	vat_summary_init(&vs);
	vat_summary_add(&vs, 1350, 500);
	vat_summary_add(&vs, 2550, 1255);
	vat_summary_add(&vs, 1350, 500);
	vat_summary_add(&vs, 0, 230);
	vat_summary_finish(&vs);
	ck_assert_uint_eq(vs.n, 3);
	ck_assert_int_eq(vs.sums[0].rate_bp, 2550);	/* highest first */
	ck_assert_int_eq(vs.sums[0].tax, 255);
	ck_assert_int_eq(vs.sums[0].net, 1000);
	ck_assert_int_eq(vs.sums[1].rate_bp, 1350);
	ck_assert_int_eq(vs.sums[1].gross, 1000);
	ck_assert_int_eq(vs.sums[1].tax, 119);
	ck_assert_int_eq(vs.sums[1].net, 881);
	ck_assert_int_eq(vs.sums[2].rate_bp, 0);
	ck_assert_int_eq(vs.sums[2].net, 230);
	vat_summary_clear(&vs);
}
END_TEST

/*
 * Random baskets over a country's rates, with discounts: for every rate
 * net + tax = gross, the grosses add up to the total, and the tax is within
 * half a cent of the exact figure.
 */
static void
check_country(const int32_t *rates, size_t nrates)
{
	unsigned int	 seed = 12345;
	int		 basket, i;

	for (basket = 0; basket < 2000; basket++) {
		struct sale		*s = sale_create(5);
		struct vat_summary	 vs;
		int64_t			 sum = 0;
		size_t			 k;
		int			 lines = 1 + rand_r(&seed) % 12;

		for (i = 0; i < lines; i++) {
			struct sale_item it = { 0 };

			it.name = "x";
			it.price = 1 + rand_r(&seed) % 20000;
			it.vat_bp = rates[rand_r(&seed) % nrates];
			it.unit = rand_r(&seed) % 3 == 0 ? UNIT_KG : UNIT_PIECE;
			ck_assert_int_ge(sale_add_line(s, &it, it.unit ==
			    UNIT_KG ? 1 + rand_r(&seed) % 3000 :
			    1000 * (1 + rand_r(&seed) % 4), NULL), 0);
			if (rand_r(&seed) % 5 == 0)
				sale_line_discount(s, (size_t)i,
				    DISCOUNT_PERCENT, rand_r(&seed) % 5001,
				    "test", NULL);
		}
		if (rand_r(&seed) % 3 == 0)
			ck_assert_int_eq(sale_basket_discount(s,
			    DISCOUNT_PERCENT, 1 + rand_r(&seed) % 3000, "test",
			    NULL), 0);
		sale_vat(s, &vs);
		for (k = 0; k < vs.n; k++) {
			__int128 exact2 = (__int128)vs.sums[k].gross *
			    vs.sums[k].rate_bp * 2;
			__int128 den = 10000 + vs.sums[k].rate_bp;
			__int128 diff = (__int128)vs.sums[k].tax * 2 * den -
			    exact2;

			ck_assert_int_eq(vs.sums[k].net + vs.sums[k].tax,
			    vs.sums[k].gross);
			if (diff < 0)
				diff = -diff;
			ck_assert(diff <= den);		/* |error| <= 0.5 c */
			sum += vs.sums[k].gross;
		}
		ck_assert_int_eq(sum, s->total);
		vat_summary_clear(&vs);
		sale_free(s);
	}
}

START_TEST(test_finland_adds_up)
{
	static const int32_t fi[] = { 2550, 1350, 1000, 0 };

	check_country(fi, 4);
}
END_TEST

START_TEST(test_netherlands_adds_up)
{
	static const int32_t nl[] = { 2100, 900, 0 };

	check_country(nl, 3);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("vat");
	TCase	*tc = tcase_create("vat");

	tcase_add_test(tc, test_tax_of_gross);
	tcase_add_test(tc, test_summary_per_rate);
	tcase_add_test(tc, test_finland_adds_up);
	tcase_add_test(tc, test_netherlands_adds_up);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
