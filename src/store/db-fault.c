/*
 * Fault injection for the tests: an SQLite VFS that wraps the default one
 * (unix) and makes the k-th xWrite or xSync after arming fail as a dying
 * disk (EIO) or a full one (ENOSPC) would, so that the tests can show a
 * sale is committed completely or not at all whichever write fails. Every
 * file SQLite opens through it counts: the database, its WAL and journals.
 * Installed only by the tests, and by the console of a debug build when
 * KASSA_FAULT is set; otherwise SQLite never sees it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-fault.h"
#include "i18n.h"
#include "store.h"
#include "xmalloc.h"

struct fault_file {
	sqlite3_file	 base;
	sqlite3_file	*real;	/* the wrapped VFS's file, right after */
};

static sqlite3_vfs	 fault_vfs;
static sqlite3_vfs	*real_vfs;
static sqlite3_io_methods fault_methods;

static struct {
	enum db_fault_op	op;
	enum db_fault_kind	kind;
	unsigned		from;	/* 0: count only */
	unsigned		times;	/* 0: until disarmed */
	unsigned		count[2];
	unsigned		failed;
} fault;

/* Whether this operation is the one to fail; counts it either way. */
static int
fault_hit(enum db_fault_op op)
{
	unsigned	n = ++fault.count[op];

	if (fault.from == 0 || op != fault.op || n < fault.from)
		return (0);
	if (fault.times != 0 && n >= fault.from + fault.times)
		return (0);
	fault.failed++;
	return (1);
}

static int
fault_code(enum db_fault_op op)
{
	if (fault.kind == DB_FAULT_ENOSPC)
		return (SQLITE_FULL);
	return (op == DB_FAULT_WRITE ? SQLITE_IOERR_WRITE : SQLITE_IOERR_FSYNC);
}

#define REAL(f)	(((struct fault_file *)(f))->real)

static int
fault_close(sqlite3_file *f)
{
	int	rc = REAL(f)->pMethods->xClose(REAL(f));

	f->pMethods = NULL;
	return (rc);
}

static int
fault_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return (REAL(f)->pMethods->xRead(REAL(f), buf, n, off));
}

static int
fault_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (fault_hit(DB_FAULT_WRITE))
		return (fault_code(DB_FAULT_WRITE));
	return (REAL(f)->pMethods->xWrite(REAL(f), buf, n, off));
}

static int
fault_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return (REAL(f)->pMethods->xTruncate(REAL(f), size));
}

static int
fault_sync(sqlite3_file *f, int flags)
{
	if (fault_hit(DB_FAULT_SYNC))
		return (fault_code(DB_FAULT_SYNC));
	return (REAL(f)->pMethods->xSync(REAL(f), flags));
}

static int
fault_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return (REAL(f)->pMethods->xFileSize(REAL(f), size));
}

static int
fault_lock(sqlite3_file *f, int lock)
{
	return (REAL(f)->pMethods->xLock(REAL(f), lock));
}

static int
fault_unlock(sqlite3_file *f, int lock)
{
	return (REAL(f)->pMethods->xUnlock(REAL(f), lock));
}

static int
fault_check_reserved(sqlite3_file *f, int *out)
{
	return (REAL(f)->pMethods->xCheckReservedLock(REAL(f), out));
}

static int
fault_file_control(sqlite3_file *f, int op, void *arg)
{
	return (REAL(f)->pMethods->xFileControl(REAL(f), op, arg));
}

static int
fault_sector_size(sqlite3_file *f)
{
	return (REAL(f)->pMethods->xSectorSize(REAL(f)));
}

static int
fault_device(sqlite3_file *f)
{
	return (REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)));
}

static int
fault_shm_map(sqlite3_file *f, int pg, int size, int extend,
    void volatile **out)
{
	return (REAL(f)->pMethods->xShmMap(REAL(f), pg, size, extend, out));
}

static int
fault_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return (REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags));
}

static void
fault_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int
fault_shm_unmap(sqlite3_file *f, int del)
{
	return (REAL(f)->pMethods->xShmUnmap(REAL(f), del));
}

static int
fault_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
	return (REAL(f)->pMethods->xFetch(REAL(f), off, n, out));
}

static int
fault_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return (REAL(f)->pMethods->xUnfetch(REAL(f), off, p));
}

static int
fault_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
    int *out_flags)
{
	struct fault_file	*ff = (struct fault_file *)f;
	int			 rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	/* SQLite calls xClose whenever pMethods is set, even on failure. */
	f->pMethods = ff->real->pMethods != NULL ? &fault_methods : NULL;
	return (rc);
}

static int
fault_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return (real_vfs->xDelete(real_vfs, name, sync));
}

static int
fault_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return (real_vfs->xAccess(real_vfs, name, flags, out));
}

static int
fault_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return (real_vfs->xFullPathname(real_vfs, name, n, out));
}

/* Make the shim SQLite's default VFS, for every database opened after. */
int
db_fault_install(void)
{
	if (real_vfs != NULL)
		return (0);
	if ((real_vfs = sqlite3_vfs_find(NULL)) == NULL)
		return (-1);
	fault_methods.iVersion = 3;
	fault_methods.xClose = fault_close;
	fault_methods.xRead = fault_read;
	fault_methods.xWrite = fault_write;
	fault_methods.xTruncate = fault_truncate;
	fault_methods.xSync = fault_sync;
	fault_methods.xFileSize = fault_file_size;
	fault_methods.xLock = fault_lock;
	fault_methods.xUnlock = fault_unlock;
	fault_methods.xCheckReservedLock = fault_check_reserved;
	fault_methods.xFileControl = fault_file_control;
	fault_methods.xSectorSize = fault_sector_size;
	fault_methods.xDeviceCharacteristics = fault_device;
	fault_methods.xShmMap = fault_shm_map;
	fault_methods.xShmLock = fault_shm_lock;
	fault_methods.xShmBarrier = fault_shm_barrier;
	fault_methods.xShmUnmap = fault_shm_unmap;
	fault_methods.xFetch = fault_fetch;
	fault_methods.xUnfetch = fault_unfetch;

	/* The rest (time, randomness, dlopen) is the real VFS's own. */
	fault_vfs = *real_vfs;
	fault_vfs.zName = "kassa-fault";
	fault_vfs.pNext = NULL;
	fault_vfs.szOsFile = (int)sizeof(struct fault_file) +
	    real_vfs->szOsFile;
	fault_vfs.xOpen = fault_open;
	fault_vfs.xDelete = fault_delete;
	fault_vfs.xAccess = fault_access;
	fault_vfs.xFullPathname = fault_full_pathname;
	if (sqlite3_vfs_register(&fault_vfs, 1) != SQLITE_OK) {
		real_vfs = NULL;
		return (-1);
	}
	return (0);
}

/*
 * Count writes and syncs from now on, and fail the from-th operation of
 * kind op and the times-1 after it (times 0: every one until disarmed).
 * from 0 only counts.
 */
void
db_fault_arm(enum db_fault_op op, enum db_fault_kind kind, unsigned from,
    unsigned times)
{
	memset(&fault, 0, sizeof fault);
	fault.op = op;
	fault.kind = kind;
	fault.from = from;
	fault.times = times;
}

void
db_fault_disarm(void)
{
	fault.from = 0;
}

unsigned
db_fault_count(enum db_fault_op op)
{
	return (fault.count[op]);
}

/* How many operations failed since arming. */
unsigned
db_fault_failed(void)
{
	return (fault.failed);
}

/* "write:K:eio", "sync:K:enospc" (K counted from 1), as KASSA_FAULT. */
int
db_fault_parse(const char *spec, struct db_fault_spec *out, char **cause)
{
	char	op[8], kind[8];
	int	k, n;

	if (sscanf(spec, "%7[a-z]:%d:%7[a-z]%n", op, &k, kind, &n) != 3 ||
	    spec[n] != '\0' || k < 1 ||
	    (strcmp(op, "write") != 0 && strcmp(op, "sync") != 0) ||
	    (strcmp(kind, "eio") != 0 && strcmp(kind, "enospc") != 0)) {
		set_cause(cause, "KASSA_FAULT is write|sync:K:eio|enospc, "
		    "not %s", spec);
		return (-1);
	}
	out->op = strcmp(op, "write") == 0 ? DB_FAULT_WRITE : DB_FAULT_SYNC;
	out->kind = strcmp(kind, "eio") == 0 ? DB_FAULT_EIO : DB_FAULT_ENOSPC;
	out->from = (unsigned)k;
	return (0);
}
