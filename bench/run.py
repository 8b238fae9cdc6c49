#!/usr/bin/env python3
"""Run kassa's benchmarks and print their figures (see bench/README.md).

`make bench` runs this with the programs it has just built. It makes the
data it needs under BUILDDIR/bench-data (kept for the next run), runs each
figure beside its floor, prints a table and writes the same figures to
BUILDDIR/bench-results.json. Benchmarks never pass or fail: a missed target
is a finding, and the exit status says only whether the figures could be
taken.
"""
import argparse
import datetime
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

SALE_DATE = "2026-01-15"
SIZES = (10000, 100000, 1000000)
FIGURES = ("scan", "commit", "start", "search", "report", "import", "burst",
           "receipt")


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def stats(samples):
    v = sorted(samples)
    n = len(v)
    if n == 0:
        return {"n": 0}
    return {
        "n": n,
        "median": statistics.median(v),
        # Nearest rank; below 100 samples it is the largest one.
        "p99": v[max(0, math.ceil(0.99 * n) - 1)],
        "p99_is_max": n < 100,
        "min": v[0],
        "max": v[-1],
    }


class Bench:
    def __init__(self, args):
        self.top = os.path.abspath(args.top_srcdir)
        self.build = os.path.abspath(args.builddir)
        self.data = os.path.join(self.build, "bench-data")
        self.work = os.path.join(self.data, "work")
        self.kassa = os.path.join(self.build, "kassa")
        self.store = os.path.join(self.build, "bench", "bench-store")
        self.pty = os.path.join(self.build, "bench", "bench-pty")
        self.args = args
        self.rows = []          # table rows, in order
        self.results = {}       # figure -> everything measured
        os.makedirs(self.work, exist_ok=True)
        self.conf = os.path.join(self.data, "kassa.conf")
        if not os.path.exists(self.conf):
            # An empty configuration: defaults, nothing from this machine.
            open(self.conf, "w").close()
        self.env = dict(os.environ, KASSA_CONFIG=self.conf, LANG="C.UTF-8")
        self.env.pop("LC_ALL", None)

    # --- data ----------------------------------------------------------

    def path(self, name):
        return os.path.join(self.data, name)

    def catalog(self, n):
        csv = self.path("catalog-%d.csv" % n)
        scans = self.path("scans-%d.tsv" % n)
        if not (os.path.exists(csv) and os.path.exists(scans)):
            log("generating a catalog of %d items" % n)
            subprocess.run([sys.executable,
                            os.path.join(self.top, "bench", "gen-catalog.py"),
                            str(n), csv, scans], check=True)
        return csv, scans

    def kassa_cmd(self, db, *args, **kw):
        return subprocess.run([self.kassa, "--db", db] + list(args),
                              env=self.env, check=True,
                              stdout=subprocess.DEVNULL, **kw)

    def new_db(self, db):
        for sfx in ("", "-wal", "-shm"):
            if os.path.exists(db + sfx):
                os.unlink(db + sfx)
        # The admin (user 1, PIN 1111) logs in to the console benchmarks
        # and opens the shift the sales need.
        self.kassa_cmd(db, "init", "--admin-pin", "1111")
        self.kassa_cmd(db, "shift", "open", "--user", "1", "--float", "0",
                       input=b"1111\n")

    def items_db(self, n, timed=None):
        """A store with the n-item catalog imported, made once."""
        db = self.path("items-%d.db" % n)
        if os.path.exists(db):
            return db
        csv, _ = self.catalog(n)
        tmp = db + ".tmp"
        self.new_db(tmp)
        log("importing %d items (kept for the next run)" % n)
        t0 = time.perf_counter()
        self.kassa_cmd(tmp, "catalog", "import", csv)
        if timed is not None:
            timed.append((time.perf_counter() - t0) * 1000)
        os.replace(tmp, db)
        return db

    def sales_db(self):
        """1 000 000 sale lines on one day, made once."""
        db = self.path("sales-1000000.db")
        if os.path.exists(db):
            return db
        _, scans = self.catalog(10000)
        tmp = db + ".tmp"
        shutil.copyfile(self.items_db(10000), tmp)
        log("committing 100 000 sales of 10 lines (kept for the next run)")
        subprocess.run([self.store, "mksales", tmp, scans, "100000", "10",
                        SALE_DATE], check=True, env=self.env)
        os.replace(tmp, db)
        return db

    def copy(self, db, name):
        dst = os.path.join(self.work, name)
        for sfx in ("-wal", "-shm"):
            if os.path.exists(dst + sfx):
                os.unlink(dst + sfx)
        shutil.copyfile(db, dst)
        return dst

    # --- running -------------------------------------------------------

    def run_json(self, argv):
        log(" ".join(os.path.basename(a) if i == 0 else a
                     for i, a in enumerate(argv)))
        p = subprocess.run(argv, env=self.env, stdout=subprocess.PIPE,
                           text=True, check=True)
        return [json.loads(line) for line in p.stdout.splitlines()
                if line.startswith("{")]

    def add(self, fig, label, series, unit="ms", floor=None, target=None,
            met=None, note=""):
        s = stats(series.get("samples_ms", [])) if isinstance(series, dict) \
            else stats(series)
        row = {"figure": fig, "label": label, "unit": unit, **s,
               "note": note}
        if floor is not None:
            row["floor_median"] = floor["median"]
            row["floor_p99"] = floor["p99"]
            row["ratio"] = s["median"] / floor["median"] \
                if floor["median"] > 0 else None
        if target is not None:
            row["target"] = target
            row["met"] = met
        self.rows.append(row)
        return row

    # --- the figures ---------------------------------------------------

    def fig_scan(self):
        if not os.path.exists(self.pty):
            return self.skip("scan")
        _, scans = self.catalog(1000000)
        db = self.copy(self.items_db(1000000), "scan.db")
        n = str(self.args.scans)
        half = str(max(1, self.args.scans // 2))
        floor = []
        out = self.run_json([self.pty, "echo", half])
        floor += out[0]["samples_ms"]
        kassa = self.run_json([self.pty, "scan", self.kassa, db, scans, n])[0]
        out = self.run_json([self.pty, "echo", half])
        floor += out[0]["samples_ms"]
        fs = stats(floor)
        self.add("1", "floor: echo through a pty", floor)
        ks = stats(kassa["samples_ms"])
        self.add("1", "scan to screen, 1M items", kassa, floor=fs,
                 target="p99 < 3 ms", met=ks["p99"] < 3.0,
                 note="%d B of screen output a scan" %
                 kassa.get("bytes_per_scan", 0))
        # Where the time goes: the look-up alone, through libkassa.
        find = self.run_json([self.store, "find",
                              self.items_db(1000000), scans, "1000"])[0]
        self.add("1", "  of which catalog_find", find)
        # And the durable save of the open basket that follows it.
        bdb = self.copy(self.items_db(1000000), "basket.db")
        basket = self.run_json([self.store, "basket", bdb, scans,
                                "1000"])[0]
        self.add("1", "  of which basket_save (1-20 lines)", basket)
        self.results["scan"] = {"kassa": kassa, "floor": floor, "find": find,
                                "basket": basket}

    def fig_commit(self):
        _, scans = self.catalog(10000)
        db = self.copy(self.items_db(10000), "commit.db")
        out = self.run_json([self.store, "commit", db,
                             os.path.join(self.work, "floor.db"), scans,
                             str(self.args.commits)])
        k = next(o for o in out if o["series"] == "sale_commit")
        f = next(o for o in out if o["series"] == "floor")
        fs = stats(f["samples_ms"])
        self.add("2", "floor: 1-row transaction, WAL, sync=FULL", f)
        ks = stats(k["samples_ms"])
        self.add("2", "sale_commit, 10 lines", k, floor=fs,
                 target="median <= 1.5x floor",
                 met=ks["median"] <= 1.5 * fs["median"])
        self.results["commit"] = out

    def fig_start(self):
        if not os.path.exists(self.pty):
            return self.skip("start")
        db = self.copy(self.items_db(1000000), "start.db")
        out = self.run_json([self.pty, "start", self.kassa, db,
                             str(self.args.starts)])
        by = {o["series"]: o for o in out}
        warm = by["to a complete screen"]
        cold = by["database evicted from the page cache"]
        hwm = by["VmHWM at the first screen (MiB)"]
        cs = stats(cold["samples_ms"])
        ws = stats(warm["samples_ms"])
        self.add("3", "start to sale screen, 1M items", warm,
                 target="< 100 ms", met=ws["p99"] < 100)
        self.add("3", "  the same, database not cached", cold,
                 target="< 100 ms", met=cs["p99"] < 100)
        hs = stats(hwm["samples_ms"])
        self.add("3", "resident memory (VmHWM)", hwm, unit="MiB",
                 target="< 24 MiB", met=hs["max"] < 24)
        self.results["start"] = out

    def fig_search(self):
        db = self.items_db(1000000)
        out = self.run_json([self.store, "search", db,
                             str(self.args.search_rounds)])
        by = {o["series"]: o for o in out}
        allk = by["every keystroke"]
        s = stats(allk["samples_ms"])
        self.add("4", "name search, every keystroke", allk,
                 target="p99 < 10 ms", met=s["p99"] < 10,
                 note="%d keystrokes of %d words" % (
                     allk["queries"] // self.args.search_rounds, 25))
        self.add("4", "  first letter", by["first letter"])
        self.add("4", "  second letter on", by["second letter on"])
        self.results["search"] = out

    def fig_report(self):
        db = self.sales_db()
        out = self.run_json([self.store, "report", db, SALE_DATE,
                             str(self.args.reports)])
        by = {o["series"]: o for o in out}
        fresh = by["open + report_day"]
        s = stats(fresh["samples_ms"])
        self.add("5", "Z report, 1M lines (open + report_day)", fresh,
                 target="< 300 ms", met=s["p99"] < 300,
                 note="%d receipts" % fresh["receipts"])
        self.add("5", "  report_day again, same connection",
                 by["report_day, same connection"])
        self.results["report"] = out

    def import_pair(self, n, runs):
        csv, _ = self.catalog(n)
        kassa, floor = [], []
        fdb = os.path.join(self.work, "import-floor.db")
        kdb = os.path.join(self.work, "import.db")
        for i in range(runs):
            if os.path.exists(fdb):
                os.unlink(fdb)
            log("sqlite3 .import of %d rows (%d/%d)" % (n, i + 1, runs))
            t0 = time.perf_counter()
            subprocess.run(["sqlite3", fdb, ".mode csv",
                            ".import '%s' item" % csv], check=True)
            floor.append((time.perf_counter() - t0) * 1000)
            self.new_db(kdb)
            log("kassa catalog import of %d rows (%d/%d)" % (n, i + 1, runs))
            t0 = time.perf_counter()
            self.kassa_cmd(kdb, "catalog", "import", csv)
            kassa.append((time.perf_counter() - t0) * 1000)
            if n == 1000000 and not os.path.exists(self.path(
                    "items-1000000.db")):
                os.replace(kdb, self.path("items-1000000.db"))
        for f in (fdb, kdb):
            if os.path.exists(f):
                os.unlink(f)
        return kassa, floor

    def fig_import(self):
        if self.sqlite3_missing():
            return self.skip("import", "the sqlite3 command is missing")
        k1, f1 = self.import_pair(1000000, self.args.import_runs)
        fs = stats(f1)
        self.add("6", "floor: sqlite3 .import, 1M rows", f1)
        ks = stats(k1)
        self.add("6", "kassa catalog import, 1M rows", k1, floor=fs,
                 target="median <= 2x floor",
                 met=ks["median"] <= 2 * fs["median"])
        k2, f2 = self.import_pair(100000, 3)
        self.add("6", "  floor, 100k rows", f2)
        self.add("6", "  kassa, 100k rows", k2, floor=stats(f2))
        self.results["import"] = {"1000000": {"kassa": k1, "floor": f1},
                                  "100000": {"kassa": k2, "floor": f2}}

    def fig_burst(self):
        if not os.path.exists(self.pty):
            return self.skip("burst")
        _, scans = self.catalog(1000000)
        db = self.copy(self.items_db(1000000), "burst.db")
        with sqlite3.connect(db) as c:
            before = c.execute("SELECT coalesce(max(id), 0) FROM sale"
                               ).fetchone()[0]
        out = self.run_json([self.pty, "burst", self.kassa, db, scans,
                             str(self.args.burst_scans),
                             str(self.args.per_sale), "5"])
        exp = next(o for o in out if o["series"] == "expected")
        late = next(o for o in out if o["series"] == "key sent late by")
        # What the database holds, sale by sale, against what was sent.
        with sqlite3.connect(db) as c:
            sales = [r[0] for r in c.execute(
                "SELECT id FROM sale WHERE id > ? ORDER BY id", (before,))]
            got = [c.execute("SELECT code, qty, voided FROM sale_line "
                             "WHERE sale_id = ? ORDER BY line_no",
                             (s,)).fetchall() for s in sales]
        lost = misread = 0
        for i, want in enumerate(exp["sales"]):
            have = got[i] if i < len(got) else []
            codes = [r[0] for r in have]
            misread += sum(1 for r in have if r[1] != 1000 or r[2] != 0)
            matched = 0
            j = 0
            for code in want:           # in order, nothing skipped
                if j < len(codes) and codes[j] == code:
                    matched += 1
                    j += 1
                elif code in codes[j:]:
                    k = codes.index(code, j)
                    misread += k - j
                    matched += 1
                    j = k + 1
                else:
                    lost += 1
            misread += len(codes) - j
        misread += sum(len(g) for g in got[len(exp["sales"]):])
        ls = stats(late["samples_ms"])
        bad = lost + misread
        self.add("7", "scanner bursts: lost + misread keys", [bad],
                 unit="count", target="0", met=bad == 0,
                 note="%d scans at %d ms a key in %d sales, %.0f s; "
                 "%d lost, %d misread; keys late by p99 %.2f ms" % (
                     exp["scans"], exp["gap_ms"], len(exp["sales"]),
                     exp["seconds"], lost, misread, ls["p99"]))
        self.results["burst"] = {
            "scans": exp["scans"], "gap_ms": exp["gap_ms"],
            "sales_expected": len(exp["sales"]), "sales_found": len(got),
            "lost": lost, "misread": misread, "seconds": exp["seconds"],
            "key_late_ms": ls}

    def fig_receipt(self):
        _, scans = self.catalog(10000)
        db = self.copy(self.items_db(10000), "receipt.db")
        prof = os.path.join(self.top, "printers", "generic-80mm.profile")
        out = self.run_json([self.store, "receipt", db, scans, prof,
                             str(self.args.receipts)])
        by = {o["series"]: o for o in out}
        b = by["receipt_build + escpos_encode"]
        self.add("8", "receipt, 30 lines: build + ESC/POS", b,
                 note="%d B for %s" % (b["bytes"], b["profile"]))
        self.add("8", "  delivery to a TCP sink on 127.0.0.1",
                 by["delivery to a TCP sink"],
                 note="socket: transport: connect, DLE EOT status, write, "
                 "half-close, wait for the close")
        self.add("8", "  build, encode and deliver",
                 by["build, encode and deliver"])
        self.results["receipt"] = out

    # --- the rest ------------------------------------------------------

    def sqlite3_missing(self):
        return shutil.which("sqlite3") is None

    def skip(self, fig, why=None):
        why = why or "bench-pty was not built: configure found no libvterm " \
            "(apt-get install libvterm-dev, then configure again)"
        log("%s: skipped: %s" % (fig, why))
        self.rows.append({"figure": fig, "label": "skipped", "n": 0,
                          "note": why})

    def machine(self):
        cpu = "?"
        try:
            with open("/proc/cpuinfo") as f:
                for line in f:
                    if line.startswith("model name"):
                        cpu = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
        rev = subprocess.run(["git", "-C", self.top, "describe", "--always",
                              "--dirty"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True).stdout
        return {
            "date": datetime.datetime.now(datetime.timezone.utc).strftime(
                "%Y-%m-%d %H:%M UTC"),
            "nproc": os.cpu_count(),
            "cpu": cpu,
            "kernel": platform.release(),
            "sqlite": sqlite3.sqlite_version,
            "kassa": rev.strip() or "?",
            "loadavg": os.getloadavg(),
        }

    def table(self, m):
        print("kassa benchmarks, %s; %s CPUs (%s), Linux %s, SQLite %s, "
              "kassa %s" % (m["date"], m["nproc"], m["cpu"], m["kernel"],
                            m["sqlite"], m["kassa"]))
        head = ("#", "figure", "n", "median", "p99", "floor", "ratio",
                "target", "met")
        fmt = "%-2s %-42s %5s %10s %10s %10s %6s %-22s %s"
        print(fmt % head)
        for r in self.rows:
            if r.get("n", 0) == 0:
                print(fmt % (r["figure"], r["label"], "", "", "", "", "",
                             "", "") + "  " + r.get("note", ""))
                continue
            u = r["unit"]

            def val(x):
                if u == "ms":
                    return "%.3f ms" % x if x < 10 else "%.0f ms" % x
                if u == "MiB":
                    return "%.1f MiB" % x
                return "%g" % x
            print(fmt % (
                r["figure"], r["label"][:42], r["n"], val(r["median"]),
                val(r["p99"]) + ("*" if r["p99_is_max"] and r["n"] > 1
                                 else ""),
                val(r["floor_median"]) if "floor_median" in r else "",
                "%.2fx" % r["ratio"] if r.get("ratio") else "",
                r.get("target", ""),
                {True: "yes", False: "MISSED", None: ""}[r.get("met")]))
            if r.get("note"):
                print("   %s" % r["note"])
        print("* fewer than 100 samples: p99 is the largest. Times are "
              "medians and p99 over runs; targets on a time are judged "
              "on p99 unless they say median.")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top-srcdir", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), ".."))
    ap.add_argument("--builddir", default=".")
    ap.add_argument("--only", default=",".join(FIGURES),
                    help="figures to run, of: " + ",".join(FIGURES))
    ap.add_argument("--scans", type=int, default=500,
                    help="figure 1: scans (and as many echoes)")
    ap.add_argument("--commits", type=int, default=500)
    ap.add_argument("--starts", type=int, default=100,
                    help="figure 3: starts, half with the database "
                    "evicted from the page cache")
    ap.add_argument("--search-rounds", type=int, default=4,
                    help="figure 4: rounds of 25 words typed letter by "
                    "letter")
    ap.add_argument("--reports", type=int, default=20)
    ap.add_argument("--import-runs", type=int, default=1,
                    help="figure 6: runs of each 1M import (~2 min each)")
    ap.add_argument("--burst-scans", type=int, default=500,
                    help="figure 7: scans (10000 take ~13 minutes)")
    ap.add_argument("--per-sale", type=int, default=100,
                    help="figure 7: scans in one sale before it is paid")
    ap.add_argument("--receipts", type=int, default=1000)
    ap.add_argument("--output", default=None,
                    help="JSON file (default BUILDDIR/bench-results.json)")
    args = ap.parse_args()
    b = Bench(args)
    want = [f.strip() for f in args.only.split(",") if f.strip()]
    for f in want:
        if f not in FIGURES:
            ap.error("unknown figure %s" % f)
    # The import makes the 1M store the others use: run it first.
    order = [f for f in ("import",) + FIGURES if f in want]
    seen = set()
    for f in order:
        if f in seen:
            continue
        seen.add(f)
        getattr(b, "fig_" + f)()
    m = b.machine()
    b.table(m)
    out = args.output or os.path.join(b.build, "bench-results.json")
    with open(out, "w") as f:
        json.dump({"machine": m, "figures": b.rows, "raw": b.results}, f,
                  indent=1)
        f.write("\n")
    log("figures written to %s" % out)


if __name__ == "__main__":
    main()
