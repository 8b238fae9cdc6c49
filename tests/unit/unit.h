/* Shared by the Check suites: run one suite, exit non-zero on failure. */
#ifndef KASSA_TEST_UNIT_H
#define KASSA_TEST_UNIT_H

#include <check.h>

static inline int
run_suite(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? 0 : 1);
}

#endif
