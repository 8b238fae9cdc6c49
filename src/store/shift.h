/* Shifts, cash counts and movements, the X and Z figures, Z reports. */
#ifndef KASSA_SHIFT_H
#define KASSA_SHIFT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "receipt-report.h"

struct db;

struct shift_info {
	int64_t	 id;
	int64_t	 till;
	int64_t	 user_id;
	int64_t	 float_amount;
	char	 opened_at[20];
	char	 business_date[11];
};

struct z_brief {
	int64_t	 z_no;
	int64_t	 shift_id;
	char	 business_date[11];
	char	 created_at[20];
	int64_t	 difference;
};

int	 shift_open(struct db *, int64_t, int64_t, const struct cash_count *,
	    size_t, int64_t, time_t, int64_t *, char **);
int	 shift_current(struct db *, int64_t, struct shift_info *, char **);
int	 cash_move(struct db *, int64_t, int64_t, int64_t, const char *,
	    int64_t, const char *, time_t, char **);
int	 shift_figures(struct db *, int64_t, struct shift_figures *, char **);
char	*shift_report_text(struct db *, const struct shift_figures *);
int	 x_report(struct db *, int64_t, int64_t, time_t,
	    struct shift_figures *, char **);
int	 shift_close(struct db *, int64_t, int64_t, const struct cash_count *,
	    size_t, int, time_t, int64_t *, char **);
int	 z_report_load(struct db *, int64_t, int64_t, char **, char **,
	    char **);
int	 z_report_reprint(struct db *, int64_t, int64_t, char **, char **);
int	 z_report_list(struct db *, int64_t, struct z_brief **, size_t *,
	    char **);

#endif
