/* The SAF-T Cash Register audit file (Norwegian schema 1.00). */
#ifndef KASSA_SAFT_H
#define KASSA_SAFT_H

#include <stdio.h>

struct db;

int	 saft_write(struct db *, FILE *, const char *, const char *, char **);

#endif
