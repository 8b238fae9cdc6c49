/* The sale: lines, quantities, voids, discounts, tenders, change. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "money.h"
#include "sale.h"

static struct sale_item
item(const char *name, int64_t price, int32_t vat, enum unit unit)
{
	struct sale_item	it;

	memset(&it, 0, sizeof it);
	it.id = 1;
	it.code = "1";
	it.name = name;
	it.department = "Test";
	it.price = price;
	it.vat_bp = vat;
	it.unit = unit;
	return (it);
}

START_TEST(test_lines_and_totals)
{
	struct sale		*s = sale_create(5);
	struct sale_item	 milk = item("Milk", 125, 1350, UNIT_PIECE);
	struct sale_item	 bread = item("Bread", 219, 1350, UNIT_PIECE);
	struct sale_item	 banana = item("Banana", 199, 1350, UNIT_KG);
	char			*cause = NULL;

	ck_assert_int_eq(sale_add_line(s, &milk, QTY_ONE, NULL), 0);
	ck_assert_int_eq(sale_add_line(s, &bread, 2 * QTY_ONE, NULL), 1);
	ck_assert_int_eq(sale_add_line(s, &banana, 350, NULL), 2);
	ck_assert_int_eq(s->total, 125 + 438 + 70);
	ck_assert_int_eq(s->items, 4);
	/* Pieces are whole; nothing is added on a refusal. */
	ck_assert_int_eq(sale_add_line(s, &bread, 1500, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "whole number"));
	free(cause);
	ck_assert_int_eq(sale_add_line(s, &bread, 0, NULL), -1);
	ck_assert_int_eq(sale_add_line(s, &bread, -1000, NULL), -1);
	ck_assert_uint_eq(s->nlines, 3);
	ck_assert_int_eq(s->total, 633);
	sale_free(s);
}
END_TEST

START_TEST(test_void)
{
	struct sale		*s = sale_create(0);
	struct sale_item	 a = item("A", 1000, 2550, UNIT_PIECE);

	sale_add_line(s, &a, QTY_ONE, NULL);
	sale_add_line(s, &a, 2 * QTY_ONE, NULL);
	ck_assert_int_eq(sale_void_line(s, 0, NULL), 0);
	ck_assert_int_eq(s->total, 2000);
	ck_assert_int_eq(s->items, 2);
	ck_assert_int_eq(s->lines[0].gross, 1000);	/* kept for reports */
	ck_assert_int_eq(s->lines[0].total, 0);
	ck_assert_int_eq(sale_void_line(s, 0, NULL), -1);	/* twice */
	ck_assert_int_eq(sale_void_line(s, 5, NULL), -1);
	ck_assert_uint_eq(sale_active_lines(s), 1);
	sale_free(s);
}
END_TEST

START_TEST(test_discounts)
{
	struct sale		*s = sale_create(0);
	struct sale_item	 a = item("A", 1000, 2550, UNIT_PIECE);
	struct sale_item	 b = item("B", 333, 1350, UNIT_PIECE);
	char			*cause = NULL;
	int64_t			 spread = 0;
	size_t			 i;

	sale_add_line(s, &a, QTY_ONE, NULL);
	sale_add_line(s, &b, 3 * QTY_ONE, NULL);
	ck_assert_int_eq(sale_line_discount(s, 0, DISCOUNT_PERCENT, 1000,
	    "", &cause), -1);			/* a reason is required */
	ck_assert_ptr_nonnull(strstr(cause, "reason"));
	free(cause);
	ck_assert_int_eq(sale_line_discount(s, 0, DISCOUNT_PERCENT, 1000,
	    "damaged", NULL), 0);
	ck_assert_int_eq(s->lines[0].total, 900);
	ck_assert_int_eq(sale_line_discount(s, 1, DISCOUNT_AMOUNT, 99,
	    "loyal", NULL), 0);
	ck_assert_int_eq(s->lines[1].total, 900);
	ck_assert_int_eq(sale_line_discount(s, 1, DISCOUNT_AMOUNT, 2000,
	    "too much", NULL), -1);
	ck_assert_int_eq(sale_line_discount(s, 1, DISCOUNT_PERCENT, 10001,
	    "too much", NULL), -1);
	ck_assert_int_eq(s->subtotal, 1800);
	/* 1 cent over two equal lines: every cent lands on one line. */
	ck_assert_int_eq(sale_basket_discount(s, DISCOUNT_AMOUNT, 1, "x",
	    NULL), 0);
	ck_assert_int_eq(s->total, 1799);
	ck_assert_int_eq(s->lines[0].basket_discount +
	    s->lines[1].basket_discount, 1);
	ck_assert_int_eq(sale_basket_discount(s, DISCOUNT_PERCENT, 3333,
	    "staff", NULL), 0);
	for (i = 0; i < s->nlines; i++)
		spread += s->lines[i].basket_discount;
	ck_assert_int_eq(spread, money_percent(1800, 3333));
	ck_assert_int_eq(s->total, 1800 - spread);
	ck_assert_int_eq(s->discount_total, 100 + 99 + spread);
	ck_assert_int_eq(sale_basket_discount(s, DISCOUNT_AMOUNT, 1801, "x",
	    NULL), -1);
	sale_free(s);
}
END_TEST

/* A fixed sale discount larger than what a void leaves is removed. */
START_TEST(test_discount_after_void)
{
	struct sale		*s = sale_create(0);
	struct sale_item	 a = item("A", 125, 1350, UNIT_PIECE);
	struct sale_item	 b = item("B", 219, 1350, UNIT_PIECE);

	sale_add_line(s, &a, QTY_ONE, NULL);
	sale_add_line(s, &b, QTY_ONE, NULL);
	ck_assert_int_eq(sale_basket_discount(s, DISCOUNT_AMOUNT, 300,
	    "promo", NULL), 0);
	ck_assert_int_eq(s->total, 44);
	ck_assert_int_eq(sale_void_line(s, 1, NULL), 0);
	ck_assert_int_eq(s->discount_dropped, 1);
	ck_assert_int_eq(s->discount.kind, DISCOUNT_NONE);
	ck_assert_int_eq(s->total, 125);
	sale_free(s);
}
END_TEST

START_TEST(test_cash_with_rounding_and_change)
{
	struct sale		*s = sale_create(5);
	struct sale_item	 a = item("A", 633, 1350, UNIT_PIECE);

	sale_add_line(s, &a, QTY_ONE, NULL);
	ck_assert_int_eq(sale_cash_due(s), 635);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 1000, NULL), 1);
	ck_assert_int_eq(s->rounding, 2);
	ck_assert_int_eq(s->change, 365);
	ck_assert_int_eq(s->paid, 635);
	ck_assert(sale_is_paid(s));
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 100, NULL), -1);
	sale_free(s);
}
END_TEST

START_TEST(test_exact_cash_rounds_down)
{
	struct sale		*s = sale_create(5);
	struct sale_item	 a = item("A", 632, 1350, UNIT_PIECE);

	sale_add_line(s, &a, QTY_ONE, NULL);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, sale_cash_due(s),
	    NULL), 1);
	ck_assert_int_eq(s->rounding, -2);
	ck_assert_int_eq(s->paid, 630);
	ck_assert_int_eq(s->change, 0);
	sale_free(s);
}
END_TEST

START_TEST(test_card_never_rounds)
{
	struct sale		*s = sale_create(5);
	struct sale_item	 a = item("A", 633, 1350, UNIT_PIECE);
	char			*cause = NULL;

	sale_add_line(s, &a, QTY_ONE, NULL);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CARD, 700, &cause), -1);
	free(cause);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CARD, 633, NULL), 1);
	ck_assert_int_eq(s->rounding, 0);
	ck_assert_int_eq(s->change, 0);
	sale_free(s);
}
END_TEST

START_TEST(test_split_payment)
{
	struct sale		*s = sale_create(5);
	struct sale_item	 a = item("A", 633, 1350, UNIT_PIECE);
	char			*cause = NULL;

	sale_add_line(s, &a, QTY_ONE, NULL);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CARD, 300, NULL), 0);
	ck_assert_int_eq(sale_remaining(s), 333);
	ck_assert_int_eq(sale_cash_due(s), 335);
	/* Lines are frozen once payment has started. */
	ck_assert_int_eq(sale_add_line(s, &a, QTY_ONE, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "payment has started"));
	free(cause);
	ck_assert_int_eq(sale_void_line(s, 0, NULL), -1);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 200, NULL), 0);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 200, NULL), 1);
	ck_assert_int_eq(s->rounding, 2);
	ck_assert_int_eq(s->change, 65);
	ck_assert_int_eq(s->paid, s->total + s->rounding);
	sale_free(s);
}
END_TEST

START_TEST(test_empty_sale_cannot_be_paid)
{
	struct sale	*s = sale_create(5);

	ck_assert_int_eq(sale_add_tender(s, TENDER_CASH, 100, NULL), -1);
	sale_free(s);
}
END_TEST

START_TEST(test_serialize_roundtrip)
{
	struct sale		*s = sale_create(5), *back;
	struct sale_item	 a = item("Tab\there, new\nline \\ back",
				    1999, 2550, UNIT_PIECE);
	struct sale_item	 b = item("Juusto ä ö å", 2490, 1350, UNIT_KG);
	char			*text, *again, *cause = NULL;

	sale_add_line(s, &a, 3 * QTY_ONE, NULL);
	sale_add_line(s, &b, 1234, NULL);
	sale_add_line(s, &a, QTY_ONE, NULL);
	sale_void_line(s, 2, NULL);
	sale_line_discount(s, 1, DISCOUNT_PERCENT, 1500, "old", NULL);
	sale_basket_discount(s, DISCOUNT_AMOUNT, 100, "coupon", NULL);
	sale_add_tender(s, TENDER_CARD, 1000, NULL);
	text = sale_serialize(s);
	back = sale_deserialize(text, &cause);
	ck_assert_msg(back != NULL, "%s", cause);
	again = sale_serialize(back);
	ck_assert_str_eq(text, again);
	ck_assert_str_eq(back->lines[0].name, a.name);
	ck_assert_int_eq(back->total, s->total);
	ck_assert_int_eq(back->paid, 1000);
	ck_assert_int_eq(back->lines[2].voided, 1);
	ck_assert_int_eq(back->cash_unit, 5);
	free(text);
	free(again);
	/* Who sells, who approved, training: kept too. */
	back->user_id = 3;
	back->approver_id = 2;
	back->training = 1;
	back->lines[1].approver_id = 2;
	text = sale_serialize(back);
	sale_free(back);
	back = sale_deserialize(text, &cause);
	ck_assert_msg(back != NULL, "%s", cause);
	again = sale_serialize(back);
	ck_assert_str_eq(text, again);
	ck_assert_int_eq(back->user_id, 3);
	ck_assert_int_eq(back->approver_id, 2);
	ck_assert_int_eq(back->training, 1);
	ck_assert_int_eq(back->lines[1].approver_id, 2);
	ck_assert_int_eq(back->lines[0].approver_id, 0);
	free(text);
	free(again);
	sale_free(back);
	sale_free(s);
}
END_TEST

/* A basket saved by kassa 0.1 (format 2) still opens after the upgrade. */
START_TEST(test_deserialize_v2)
{
	const char	*v2 = "kassa-basket 2\n"
	    "sale\tb1\t5\t0\t0\t\t0\t0\n"
	    "line\t7\t6449818992727\tMaito\tMeijeri\t125\t2000\t0\t1350"
	    "\t0\t0\t0\t0\t\t0\n";
	struct sale	*s;
	char		*cause = NULL;

	s = sale_deserialize(v2, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	ck_assert_uint_eq(s->nlines, 1);
	ck_assert_int_eq(s->total, 250);
	ck_assert_int_eq(s->user_id, 0);
	ck_assert_int_eq(s->lines[0].approver_id, 0);
	sale_free(s);
}
END_TEST

/* After payment started a void needs an approver and must fit the paid. */
START_TEST(test_void_after_payment)
{
	struct sale	*s = sale_create(0);
	struct sale_item a = item("A", 1000, 2550, UNIT_PIECE);
	char		*cause = NULL;

	sale_add_line(s, &a, QTY_ONE, NULL);
	sale_add_line(s, &a, 2 * QTY_ONE, NULL);
	ck_assert_int_eq(sale_add_tender(s, TENDER_CARD, 500, NULL), 0);
	ck_assert_int_eq(sale_void_line(s, 0, &cause), -1);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(sale_void_paid_line(s, 0, 0, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "manager"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(sale_void_paid_line(s, 0, 2, NULL), 0);
	ck_assert_int_eq(s->total, 2000);
	ck_assert_int_eq(s->lines[0].voided_paid, 1);
	ck_assert_int_eq(s->lines[0].approver_id, 2);
	/* 1500 paid: voiding the 2000 line would leave less than was paid. */
	ck_assert_int_eq(sale_add_tender(s, TENDER_CARD, 1000, NULL), 0);
	ck_assert_int_eq(sale_void_paid_line(s, 1, 2, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "take the payment back"));
	free(cause);
	sale_free(s);
}
END_TEST

START_TEST(test_deserialize_damaged)
{
	const char *bad[] = { "", "hello", "kassa-basket 1\n",
	    "kassa-basket 4\n", "kassa-basket 3\nsale\tid\t5\t0\t0\t\t0\t0\n", "kassa-basket 2\nline\t1\n",
	    "kassa-basket 2\nsale\tid\tx\t0\t0\t\t0\t0\n",
	    "kassa-basket 2\ntender\t9\tcash\t\t1\t1\n", NULL };
	char	*cause = NULL;
	size_t	 i;

	for (i = 0; bad[i] != NULL; i++) {
		ck_assert_ptr_null(sale_deserialize(bad[i], &cause));
		ck_assert_str_eq(cause, "the saved basket is damaged");
		free(cause);
		cause = NULL;
	}
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sale");
	TCase	*tc = tcase_create("sale");

	tcase_add_test(tc, test_lines_and_totals);
	tcase_add_test(tc, test_void);
	tcase_add_test(tc, test_discounts);
	tcase_add_test(tc, test_discount_after_void);
	tcase_add_test(tc, test_cash_with_rounding_and_change);
	tcase_add_test(tc, test_exact_cash_rounds_down);
	tcase_add_test(tc, test_card_never_rounds);
	tcase_add_test(tc, test_split_payment);
	tcase_add_test(tc, test_empty_sale_cannot_be_paid);
	tcase_add_test(tc, test_serialize_roundtrip);
	tcase_add_test(tc, test_deserialize_damaged);
	tcase_add_test(tc, test_deserialize_v2);
	tcase_add_test(tc, test_void_after_payment);
	suite_add_tcase(s, tc);
	return (run_suite(s));
}
