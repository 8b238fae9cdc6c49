/* Allocators that never return NULL, and the fatal path for bugs. */
#ifndef KASSA_XMALLOC_H
#define KASSA_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/* A string that grows: start it as { NULL, 0, 0 }; p is NUL-terminated. */
struct strbuf {
	char	*p;
	size_t	 len, size;
};

void	 strbuf_add(struct strbuf *, const char *, size_t);

/*
 * Called before a fatal exit, so the console can give the terminal back.
 */
void	 fatal_set_hook(void (*)(void));
void	 fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/* Set *cause to a new message; the caller frees it. NULL cause is allowed. */
void	 set_cause(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
