/*
 * Fuzz target: kassa.conf (src/conf.c with inih). The input is written to
 * a file and read as the configuration; what loads must be a configuration
 * kassa can run with, and config_free must leave nothing behind either way.
 */
#include <locale.h>
#include <unistd.h>

#include "conf.h"
#include "fuzz.h"

static char	dir[] = "/tmp/kassa-fuzz-conf.XXXXXX";
static char	*path;

static void
cleanup(void)
{
	unlink(path);
	free(path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	xasprintf(&path, "%s/kassa.conf", dir);
	/* The default database and receipt folder are made from these. */
	setenv("HOME", dir, 1);
	unsetenv("XDG_DATA_HOME");
	atexit(cleanup);
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 c;
	char		*cause = NULL;
	FILE		*f;
	size_t		 i;

	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		abort();
	}
	if (size > 0 && fwrite(data, 1, size, f) != size) {
		perror(path);
		abort();
	}
	fclose(f);
	if (config_load(&c, path, &cause) == 0) {
		FUZZ_CHECK(cause == NULL, "%s", cause);
		FUZZ_CHECK(c.till_id >= 1 && c.till_id <= 9999, "till %lld",
		    (long long)c.till_id);
		FUZZ_CHECK(c.till_name != NULL, "no till name");
		FUZZ_CHECK(c.scan_gap_ms >= 1 && c.scan_gap_ms <= 1000, "gap %d",
		    c.scan_gap_ms);
		FUZZ_CHECK(c.ninstore >= 1 && c.ninstore <= CONFIG_MAX_INSTORE,
		    "%zu in-store rules", c.ninstore);
		for (i = 0; i < c.ninstore; i++)
			FUZZ_CHECK(instore_rule_check(&c.instore[i], NULL) == 0,
			    "in-store rule %zu does not check", i);
		FUZZ_CHECK(c.ntenders >= 1 && c.ntenders <= CONFIG_MAX_TENDERS,
		    "%zu tenders", c.ntenders);
		FUZZ_CHECK(c.nchain >= 1 && c.nchain <= CONFIG_MAX_CHAIN,
		    "%zu receipt targets", c.nchain);
	} else
		FUZZ_CHECK(cause != NULL, "failed without a cause");
	free(cause);
	config_free(&c);
	return (0);
}
