/*
 * Shared by the libFuzzer targets in tests/fuzz: the input as a C string,
 * and a check that stops the run (libFuzzer keeps the input that failed).
 */
#ifndef KASSA_FUZZ_H
#define KASSA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_CHECK(cond, ...) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "fuzz check failed: %s: ", #cond);	\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		abort();						\
	}								\
} while (0)

/* The bytes as a string; a NUL among them ends it early, as in a C API. */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char	*s = xmalloc(size + 1);

	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return (s);
}

#endif
