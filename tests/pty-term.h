/* The console in a pseudo-terminal, read through libvterm (pty-term.c). */
#ifndef KASSA_PTY_TERM_H
#define KASSA_PTY_TERM_H

#include <sys/resource.h>
#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include <vterm.h>

#define ROWS		30
#define COLS		100
#define ROW_TOTAL	(ROWS - 7)	/* the rule above the total */
#define ROW_INPUT	(ROWS - 2)
#define KEY_F9		"\033[20~"

struct term {
	int		 fd;
	pid_t		 pid;
	VTerm		*vt;
	VTermScreen	*scr;
	size_t		 bytes;		/* read from the program */
};

typedef int (*screen_fn)(struct term *, void *);

uint64_t	 term_now_ns(void);
void		 term_start(struct term *, char **);
ssize_t		 term_read(struct term *, int, uint64_t *);
void		 term_write(struct term *, const char *, size_t);
const char	*term_row(struct term *, int);
int		 term_has(struct term *, int, int, const char *);
int		 term_input_empty(struct term *, const char *);
void		 term_dump(struct term *);
uint64_t	 term_wait(struct term *, screen_fn, void *, int);
void		 term_drain(struct term *, int);
int		 term_stop(struct term *, struct rusage *);
char		**kassa_argv(const char *, const char *);
int		 start_screen_done(struct term *, void *);
int		 text_done(struct term *, void *);
int		 login_screen_done(struct term *, void *);
uint64_t	 term_login(struct term *, const char *, const char *, int);

#endif
