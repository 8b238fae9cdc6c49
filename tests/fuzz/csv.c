/*
 * Fuzz target: the catalog CSV import (src/store/catalog-csv.c, with the
 * CSV reader of src/core/csv.c) into a real SQLite database. The first
 * byte holds the skip-invalid flags; the rest is one file, or two split at
 * the first NUL byte, imported one after the other so that the second can
 * update what the first added. Then the catalog is exported, and importing
 * that export must go in whole and add nothing, as catalog-csv.c promises.
 */
#include <locale.h>
#include <unistd.h>

#include "catalog.h"
#include "db.h"
#include "fuzz.h"
#include "store.h"

static struct db		*db;
static char			 dir[] = "/tmp/kassa-fuzz-csv.XXXXXX";
static const struct instore_rule rules[] = {
	{ 20, 22, INSTORE_PRICE, 5, 5, 2, 0 },
	{ 23, 24, INSTORE_WEIGHT, 5, 5, 3, 0 },
};
#define NRULES (sizeof rules / sizeof rules[0])

static void
cleanup(void)
{
	char	*path;

	db_close(db);
	xasprintf(&path, "%s/fuzz.db", dir);
	unlink(path);
	free(path);
	xasprintf(&path, "%s/fuzz.db-wal", dir);
	unlink(path);
	free(path);
	xasprintf(&path, "%s/fuzz.db-shm", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const int32_t	 rates[] = { 0, 1000, 1350, 1400, 2400, 2550 };
	char			*path, *cause = NULL;
	size_t			 i;

	setlocale(LC_ALL, "C.UTF-8");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	xasprintf(&path, "%s/fuzz.db", dir);
	if (db_open(path, DB_OPEN_CREATE, &db, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		exit(1);
	}
	free(path);
	for (i = 0; i < sizeof rates / sizeof rates[0]; i++) {
		if (db_add_vat_rate(db, rates[i], &cause) != 0) {
			fprintf(stderr, "%s\n", cause);
			exit(1);
		}
	}
	/* Speed only: no run needs to survive a power cut. */
	if (db_exec(db, "PRAGMA synchronous = OFF", &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		exit(1);
	}
	atexit(cleanup);
	return (0);
}

static int
import(const char *buf, size_t len, int skip_invalid)
{
	struct import_result	 res;
	char			*cause = NULL;
	int			 rc;

	rc = catalog_import(db, buf, len, skip_invalid, rules, NRULES, &res,
	    &cause);
	FUZZ_CHECK(rc == 0 || cause != NULL, "failed without a cause");
	FUZZ_CHECK(res.invalid <= res.rows && res.inserted + res.updated +
	    res.invalid <= res.rows, "%zu rows: %zu+%zu+%zu", res.rows,
	    res.inserted, res.updated, res.invalid);
	FUZZ_CHECK(res.invalid == 0 || res.nerrors > 0, "invalid rows, no "
	    "errors");
	if (rc == 0 && !skip_invalid)
		FUZZ_CHECK(res.invalid == 0, "%zu invalid rows imported",
		    res.invalid);
	if (rc != 0)
		FUZZ_CHECK(res.inserted == 0 && res.updated == 0, "failed "
		    "import says it changed rows");
	import_result_clear(&res);
	free(cause);
	return (rc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_result	 res;
	const char		*buf, *nul;
	char			*out = NULL, *cause = NULL;
	size_t			 len, outlen = 0;
	int64_t			 items;
	FILE			*f;

	if (size < 1)
		return (0);
	/* Every run from an empty catalog (its price changes go with it). */
	if (db_exec(db, "DELETE FROM price_change; DELETE FROM stock_move; "
	    "DELETE FROM item_gtin; DELETE FROM item; DELETE FROM department",
	    &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		abort();
	}
	buf = (const char *)data + 1;
	len = size - 1;
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		import(buf, (size_t)(nul - buf), data[0] & 1);
		len -= (size_t)(nul + 1 - buf);
		buf = nul + 1;
	}
	import(buf, len, data[0] & 2);

	/* What was exported imports again, whole, as updates only. */
	items = db_int(db, "SELECT count(*) FROM item");
	f = open_memstream(&out, &outlen);
	FUZZ_CHECK(catalog_export(db, f, &cause) == 0, "%s", cause);
	fclose(f);
	FUZZ_CHECK(catalog_import(db, out, outlen, 0, rules, NRULES, &res,
	    &cause) == 0, "the export does not import: %s%s%s", cause,
	    res.nerrors > 0 ? "\n" : "", res.nerrors > 0 ? res.errors[0] : "");
	FUZZ_CHECK(res.inserted == 0 && (int64_t)res.updated == items &&
	    db_int(db, "SELECT count(*) FROM item") == items,
	    "%lld items exported, %zu inserted, %zu updated",
	    (long long)items, res.inserted, res.updated);
	import_result_clear(&res);
	free(out);
	return (0);
}
