/*
 * What the benchmark programs share: a monotonic clock, a growing list of
 * samples, one JSON object per series on standard output (bench/run.py
 * reads them and computes the statistics, so every figure is summarised
 * the same way), and the list of items to scan that gen-catalog.py wrote.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "xmalloc.h"

uint64_t
bench_now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec);
}

void
samples_add(struct samples *s, double ms)
{
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 256 : s->cap * 2;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n++] = ms;
}

void
samples_add_ns(struct samples *s, uint64_t t0, uint64_t t1)
{
	samples_add(s, (double)(t1 - t0) / 1e6);
}

void
samples_free(struct samples *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

/*
 * {"figure": F, "series": S, "samples_ms": [...], extra}. extra is more
 * members, already JSON ("\"lost\": 0"), or NULL.
 */
void
bench_emit(const char *figure, const char *series, const struct samples *s,
    const char *fmt, ...)
{
	va_list	 ap;
	size_t	 i;

	printf("{\"figure\": \"%s\", \"series\": \"%s\", \"samples_ms\": [",
	    figure, series);
	for (i = 0; s != NULL && i < s->n; i++)
		printf("%s%.4f", i > 0 ? ", " : "", s->v[i]);
	putchar(']');
	if (fmt != NULL) {
		fputs(", ", stdout);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	puts("}");
	fflush(stdout);
}

/* gen-catalog.py's SCANS.tsv: gtin TAB name TAB cents, one item a line. */
struct scan_item *
scans_load(const char *path, size_t *np)
{
	struct scan_item	*v = NULL;
	FILE			*f;
	char			*line = NULL, *name, *cents;
	size_t			 n = 0, cap = 0;
	ssize_t			 len;

	if ((f = fopen(path, "r")) == NULL)
		fatalx("cannot read %s", path);
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		if ((name = strchr(line, '\t')) == NULL ||
		    (cents = strchr(name + 1, '\t')) == NULL)
			fatalx("%s: a line without two tabs", path);
		*name++ = '\0';
		*cents++ = '\0';
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].gtin = xstrdup(line);
		v[n].name = xstrdup(name);
		v[n].price = strtoll(cents, NULL, 10);
		n++;
	}
	free(line);
	fclose(f);
	if (n == 0)
		fatalx("%s lists no items", path);
	*np = n;
	return (v);
}

void
scans_free(struct scan_item *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].gtin);
		free(v[i].name);
	}
	free(v);
}
