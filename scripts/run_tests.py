#!/usr/bin/env python3
"""Run the project's Odoo tests on a fresh database; end with `N passed, N failed`.

The verdict is Odoo's own:

* its exit code (not 0 when a test failed or a database did not load);
* its result line, e.g.
      odoo.tests.result: 1 failed, 0 error(s) of 42 tests when loading database 'DB'
  and the `FAIL: Class.test_x` / `ERROR: Class.test_x` records, listed at the end;
* its log, read as OCA's checklog-odoo does: an ERROR or CRITICAL record that is
  not part of a test report (a module that did not install, a traceback in a
  job, ...) fails the run.

Two more rules: a run where no test ran fails, and so does a browser test (tour)
that Odoo skipped because it could not start Chromium, unless
ALLOW_BROWSER_SKIP=1: tours must really run in CI.

`N failed` is Odoo's count of failures and errors, plus one when the run broke
otherwise (error logged while no test failed, no result line, exit code,
browser skip). The line is also written to RESULTS_DIR/summary.txt (.ci/run
reads it), Odoo's log to RESULTS_DIR/odoo-test.log.

Environment:
  MODULES           modules to install and test
                    (default sunny_service,sunny_service_reports)
  TEST_TAGS         Odoo's --test-tags (default /<module> for each of MODULES),
                    e.g. TEST_TAGS=/sunny_service:TestWorkflow
  TEST_DB           database name (default sunny_test_<time>_<pid>); must not exist
  KEEP_DB=1         keep the database afterwards
  RESULTS_DIR       where the log and summary go (default <repo>/test-results)
  QUIET=1           do not echo Odoo's log
  ALLOW_BROWSER_SKIP=1
  plus ODOO_DB_* / SUNNY_ADDONS_PATH, see scripts/odoo_cmd.py.
Extra arguments are passed to Odoo.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time

import odoo_cmd  # the helper next to this file

# date time pid LEVEL db logger: message
RECORD = re.compile(r"^\S+ \S+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>\S+): (?P<msg>.*)")
RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
TEST_PROBLEM = re.compile(r"(FAIL|ERROR): (.+)")
# ERROR records that only count the failing tests again
TEST_COUNTS = re.compile(r"Module \S+: \d+ failures|At least one test failed|\S+: at least one error")
SKIP = re.compile(r"skipped (\S+) : (.*)")
BROWSER = re.compile(r"chrom|websocket", re.IGNORECASE)


class Log:
    """What Odoo's log says, read line by line."""

    def __init__(self):
        self.failed = self.errors = self.run = 0
        self.results = 0  # result lines seen
        self.failing = []  # "FAIL: Class.test_x -> AssertionError: ..."
        self.failing_tests = set()  # Class.test_x, once for all its failing subtests
        self.skipped = []
        self.browser_skips = []
        self.error_logs = []  # ERROR/CRITICAL records outside a test report
        self._entry = None  # (list, index) of the entry of the current record

    def feed(self, line):
        record = RECORD.match(line)
        if not record:
            # a traceback's last unindented line says what went wrong
            if self._entry and line[:1].strip() and not line.startswith("Traceback"):
                items, index = self._entry
                first = items[index].split("\n")[0]
                items[index] = f"{first}\n      -> {line.strip()[:300]}"
            return
        self._entry = None
        level, logger, msg = record["level"], record["logger"], record["msg"]
        if (result := RESULT.search(msg)) and logger == "odoo.tests.result":
            self.results += 1
            self.failed, self.errors, self.run = (
                self.failed + int(result[1]),
                self.errors + int(result[2]),
                self.run + int(result[3]),
            )
        elif skip := SKIP.match(msg):
            self.skipped.append(skip[1])
            if BROWSER.search(skip[2]):
                self.browser_skips.append(f"{skip[1]} ({skip[2]})")
        elif level == "ERROR" and (problem := TEST_PROBLEM.match(msg)):
            self._add(self.failing, f"{problem[1]}: {problem[2]}")
            test = problem[2].removeprefix("Subtest ").split(" ")[0]
            # (a setUpClass error is no test that ran)
            if re.fullmatch(r"\w+\.test\w*", test):
                self.failing_tests.add(test)
        elif level in ("ERROR", "CRITICAL") and not TEST_COUNTS.match(msg):
            self._add(self.error_logs, f"{level} {logger}: {msg}")

    def _add(self, items, text):
        items.append(text)
        self._entry = (items, len(items) - 1)


def verdict(log, rc):
    """Print what went wrong; return the number of tests passed and failed."""
    broken = []
    if log.error_logs and not log.failed + log.errors:
        broken.append("errors were logged outside the test reports")
    if not log.results:
        broken.append("Odoo printed no test result line (it stopped early, see the log)")
    if rc and not log.failed + log.errors:
        broken.append(f"Odoo exited with code {rc}")
    if log.browser_skips and os.environ.get("ALLOW_BROWSER_SKIP") != "1":
        broken.append("browser tests were skipped: Chromium could not be used " "(ALLOW_BROWSER_SKIP=1 accepts it)")
    if not log.run:
        broken.append("no test ran: check MODULES, TEST_TAGS and the addons path")
    for title, items in (
        ("Failing tests", log.failing),
        ("Skipped browser tests", log.browser_skips),
        ("Errors logged outside test reports", log.error_logs),
        ("The run broke", broken),
    ):
        if items:
            print(title + ":")
            for item in items[:20]:
                print("  " + item)
            if len(items) > 20:
                print(f"  ... and {len(items) - 20} more, see the log")
    passed = max(log.run - len(log.failing_tests) - len(log.skipped), 0)
    return passed, log.failed + log.errors + bool(broken)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _terminate(signum, frame):
    raise KeyboardInterrupt  # SIGTERM (a CI timeout): stop Odoo, drop the database


def main(argv):
    signal.signal(signal.SIGTERM, _terminate)
    odoo_cmd.import_odoo()  # a clear message when Odoo 18 is missing
    modules = odoo_cmd._split(os.environ.get("MODULES", "sunny_service,sunny_service_reports"))
    test_tags = os.environ.get("TEST_TAGS") or ",".join("/" + module for module in modules)
    results_dir = os.environ.get("RESULTS_DIR") or os.path.join(odoo_cmd.REPO_ROOT, "test-results")
    os.makedirs(results_dir, exist_ok=True)
    log_path = os.path.join(results_dir, "odoo-test.log")
    summary_path = os.path.join(results_dir, "summary.txt")
    if os.path.exists(summary_path):
        os.remove(summary_path)
    db = os.environ.get("TEST_DB") or (f"sunny_test_{time.strftime('%Y%m%d_%H%M%S')}_{os.getpid()}")
    if odoo_cmd.db_exists(db):
        odoo_cmd.fail(f"database {db} exists: unset TEST_DB or `make clean`")
    # Odoo creates the database with demo data; HttpCase needs the HTTP server
    cmd = [
        *odoo_cmd.base_command(),
        f"--database={db}",
        f"--init={','.join(modules)}",
        "--test-enable",
        f"--test-tags={test_tags}",
        "--stop-after-init",
        "--log-level=test",
        "--workers=0",
        "--max-cron-threads=0",
        "--http-interface=127.0.0.1",
        f"--http-port={free_port()}",
        *argv,
    ]
    print("Running: {}\nlog: {}".format(" ".join(cmd), log_path), flush=True)

    started, log, proc = time.time(), Log(), None
    quiet = os.environ.get("QUIET") == "1"
    try:
        with open(log_path, "w", encoding="utf-8") as out:
            # own process group: an interrupt stops Odoo and the Chromium it started
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                start_new_session=True,
            )
            for line in proc.stdout:
                out.write(line)
                log.feed(line.rstrip("\n"))
                if not quiet:
                    sys.stdout.write(line)
            rc = proc.wait()
    except KeyboardInterrupt:
        if proc and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()
        rc = 130
    finally:
        if os.environ.get("KEEP_DB") == "1":
            print(f"KEEP_DB=1: keeping database {db}")
        else:
            odoo_cmd.drop_db(db, quiet=True)

    print("\n" + "=" * 70)
    print(
        f"{log.run} tests run, {log.failed} failures, {log.errors} errors, "
        f"{len(log.skipped)} skipped in {time.time() - started:.0f}s, exit code {rc}"
    )
    passed, failed = verdict(log, rc)
    line = f"{passed} passed, {failed} failed"
    with open(summary_path, "w", encoding="utf-8") as summary:
        summary.write(line + "\n")
    print(line, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
