/* Reading and writing CSV as spreadsheets and webshops make it. */
#ifndef KASSA_CSV_H
#define KASSA_CSV_H

#include <stddef.h>

struct csv {
	const char	*p;
	const char	*end;
	char		 sep;
	size_t		 line;		/* where the next record starts */
};

struct csv_record {
	char	**fields;
	size_t	  n;
	size_t	  line;			/* the line it started on */
};

void	 csv_init(struct csv *, const char *, size_t);
int	 csv_next(struct csv *, struct csv_record *, char **);
void	 csv_record_clear(struct csv_record *);
char	*csv_quote(const char *, char);

#endif
