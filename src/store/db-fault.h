/* Fault injection for the tests: a VFS that fails the k-th write or sync. */
#ifndef KASSA_DB_FAULT_H
#define KASSA_DB_FAULT_H

enum db_fault_op {
	DB_FAULT_WRITE,
	DB_FAULT_SYNC
};

enum db_fault_kind {
	DB_FAULT_EIO,		/* SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC */
	DB_FAULT_ENOSPC		/* SQLITE_FULL */
};

struct db_fault_spec {
	enum db_fault_op	op;
	enum db_fault_kind	kind;
	unsigned		from;
};

int		 db_fault_install(void);
void		 db_fault_arm(enum db_fault_op, enum db_fault_kind, unsigned,
		    unsigned);
void		 db_fault_disarm(void);
unsigned	 db_fault_count(enum db_fault_op);
unsigned	 db_fault_failed(void);
int		 db_fault_parse(const char *, struct db_fault_spec *, char **);

#endif
