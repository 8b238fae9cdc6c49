/* What the benchmark programs share: a clock, samples, JSON out. */
#ifndef KASSA_BENCH_H
#define KASSA_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct samples {
	double	*v;		/* milliseconds */
	size_t	 n;
	size_t	 cap;
};

uint64_t bench_now_ns(void);
void	 samples_add(struct samples *, double);
void	 samples_add_ns(struct samples *, uint64_t, uint64_t);
void	 samples_free(struct samples *);
void	 bench_emit(const char *, const char *, const struct samples *,
	    const char *, ...) __attribute__((format(printf, 4, 5)));

struct scan_item {
	char	*gtin;
	char	*name;
	int64_t	 price;		/* cents */
};

struct scan_item *scans_load(const char *, size_t *);
void	 scans_free(struct scan_item *, size_t);

#endif
