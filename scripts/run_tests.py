#!/usr/bin/env python3
"""Run the project's Odoo tests on a fresh database and summarise the result.

What it does:

1. creates a fresh database with a unique name (sunny_test_<timestamp>_<pid>):
   Odoo creates it, with demo data (Odoo 18 loads demo data unless told not to);
2. runs, on a free HTTP port (HttpCase / tour tests need the HTTP server),
       python3 -m odoo -d DB --addons-path=... -i MODULES --test-enable
           --test-tags=TAGS --stop-after-init --log-level=test --http-port=PORT
   showing the log and copying it to test-results/odoo-test.log;
3. reads Odoo's log: the summary line
       odoo.tests.result: 0 failed, 0 error(s) of 42 tests when loading database 'DB'
   the per-test `FAIL: Class.test_x` / `ERROR: Class.test_x` records, skipped
   tests, and anything that means the modules did not install or load
   (CRITICAL records, ERROR records outside a test report, a missing summary,
   unknown modules, a non-zero exit code of Odoo);
4. drops the database (unless KEEP_DB=1), prints the failing tests and ends with
   the line `N passed, N failed`.  It also writes that line to
   test-results/summary.txt.

`failed` = test failures + test errors, plus 1 when the install/loading broke or
something logged an error while no test failed; a run where no test ran counts
as 1 failure too.  Exit code: 0 only when no test failed and at least one ran.

Browser tests (HttpCase.browser_js / start_tour) need Chromium: Odoo looks for
`google-chrome`, `chromium`, `chromium-browser` on PATH and starts it headless
with --no-sandbox; when it cannot, Odoo *skips* the test.  Such a skip counts as
a failure here (tours must really run in CI); set ALLOW_BROWSER_SKIP=1 to accept it.

Environment variables:
  MODULES          modules to install and test (default sunny_service,sunny_service_reports)
  TEST_TAGS        Odoo --test-tags spec (default: /<module> for each of MODULES,
                   i.e. the standard tests of our modules, not those of
                   their dependencies); e.g. TEST_TAGS=/sunny_service:TestWorkflow
  KEEP_DB=1        keep the test database afterwards (its name is printed)
  TEST_DB          database name to use (default sunny_test_<timestamp>_<pid>);
                   it must not exist
  RESULTS_DIR      where to write the log (default <repo>/test-results)
  QUIET=1          do not echo Odoo's log to the terminal (it is still written)
  ALLOW_BROWSER_SKIP=1   see above
  plus the ODOO_DB_* / SUNNY_ADDONS_PATH variables of scripts/odoo_cmd.py.
Extra command-line arguments are passed to Odoo as they are, except
`--parse LOGFILE`, which only re-reads an existing log and prints the verdict.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import odoo_cmd  # noqa: E402  (the helper next to this file)

DEFAULT_MODULES = "sunny_service,sunny_service_reports"

# One Odoo log record starts with: date time pid LEVEL dbname logger: message
RECORD_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[^\s:]+): (?P<msg>.*)$")
SUMMARY_RE = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database")
TEST_PROBLEM_RE = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<name>.+?)\s*$")
SKIP_RE = re.compile(r"^skipped (?P<name>\S+) : (?P<reason>.*)$")
BROWSER_SKIP_RE = re.compile(r"chrome|chromium|websocket", re.IGNORECASE)
# ERROR records that only repeat what the test counts already say.
EXPECTED_ERROR_RE = re.compile(
    r"^(Module \S+: \d+ failures, \d+ errors of \d+ tests"
    r"|\S+: at least one error occurred in a test"
    r"|At least one test failed when loading the modules"
    r"|.*\d+ failed, \d+ error\(s\) of \d+ tests when loading database)")


def free_port():
    """A TCP port nobody listens on right now (the kernel picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LogAnalysis:
    """Reads Odoo's log line by line and keeps what matters for the verdict."""

    def __init__(self):
        self.summaries = []          # (failed, errors, run) per summary line
        self.test_problems = []      # "FAIL odoo.addons.x.tests.y: Class.test"
        self.skipped = []            # (name, reason)
        self.browser_skips = []
        self.breakage = []           # reasons why install/loading is broken
        self.error_logs = []         # unexpected ERROR records
        self.orphan_traceback = False
        self._level = None           # level of the record being read
        self._target = None          # (list, index) of the entry of that record
        self._last_line = None       # exception line of its traceback, if any
        self._in_traceback = False

    def _close_record(self):
        """Append the exception line (e.g. `AssertionError: 1 != 2`) of the
        record just read to its entry, so the summary says what went wrong."""
        if self._target and self._last_line:
            items, index = self._target
            items[index] = "%s\n      -> %s" % (items[index], self._last_line[:300])
        self._target = self._last_line = None
        self._in_traceback = False

    def _add(self, items, text):
        items.append(text)
        self._target = (items, len(items) - 1)

    def finish(self):
        self._close_record()

    def feed(self, line):
        line = line.rstrip("\n")
        match = RECORD_RE.match(line)
        if not match:
            # Continuation of the previous record (traceback, multi-line message)
            # or text written outside Odoo's logging.
            if line.startswith("Traceback (most recent call last)") and self._level is None:
                self.orphan_traceback = True
            # Keep the exception line: the first unindented line after a
            # traceback header (the last one wins for chained exceptions).
            if line.startswith("Traceback (most recent call last)"):
                self._in_traceback = True
            elif self._in_traceback and line.strip() and not line.startswith((" ", "\t")):
                self._last_line = line.strip()
                self._in_traceback = False
            return
        self._close_record()
        level, logger, msg = match["level"], match["logger"], match["msg"].rstrip()
        self._level = level
        summary = SUMMARY_RE.search(msg)
        if logger == "odoo.tests.result" and summary:
            self.summaries.append((int(summary["failed"]), int(summary["errors"]),
                                   int(summary["run"])))
            return
        problem = TEST_PROBLEM_RE.match(msg)
        if level == "ERROR" and problem:
            self._add(self.test_problems, "%s %s: %s" % (problem["kind"], logger, problem["name"]))
            return
        skip = SKIP_RE.match(msg)
        if skip:
            self.skipped.append((skip["name"], skip["reason"]))
            if BROWSER_SKIP_RE.search(skip["reason"]):
                self.browser_skips.append("%s: %s (%s)" % (logger, skip["name"], skip["reason"]))
            return
        if level == "CRITICAL":
            self._add(self.breakage, "CRITICAL %s: %s" % (logger, msg))
        elif level == "ERROR":
            if EXPECTED_ERROR_RE.match(msg):
                return
            if logger.startswith(("odoo.modules", "odoo.tools.convert", "odoo.service")):
                self._add(self.breakage, "ERROR %s: %s" % (logger, msg))
            else:
                self._add(self.error_logs, "ERROR %s: %s" % (logger, msg))
        elif level == "WARNING" and logger == "odoo.modules.loading" and \
                msg.startswith("invalid module names, ignored"):
            self.breakage.append("%s (not found on the addons path?)" % msg)
        elif level == "WARNING" and logger == "odoo.modules.graph" and "not installable" in msg:
            self.breakage.append(msg)


def report(analysis, rc, log_path, test_tags, elapsed, summary_path=None):
    """Print the verdict of an analysed run, end with `N passed, N failed`,
    return the exit code."""
    failures = sum(s[0] for s in analysis.summaries)
    errors = sum(s[1] for s in analysis.summaries)
    run = sum(s[2] for s in analysis.summaries)
    if not analysis.summaries:
        # No summary line: Odoo stopped before the end (crash while loading).
        failures = sum(p.startswith("FAIL ") for p in analysis.test_problems)
        errors = len(analysis.test_problems) - failures
        analysis.breakage.append("Odoo did not print its test summary "
                                 "(it stopped before the end, see the log)")
    if analysis.orphan_traceback:
        analysis.breakage.append("a Python traceback was printed outside Odoo's log")
    if rc != 0 and failures + errors == 0:
        analysis.breakage.append("Odoo exited with code %d" % rc)
    if analysis.browser_skips and os.environ.get("ALLOW_BROWSER_SKIP") != "1":
        analysis.breakage.append("browser tests were skipped because Chromium could not be "
                                 "used (set ALLOW_BROWSER_SKIP=1 to accept)")
    if analysis.error_logs and failures + errors == 0:
        analysis.breakage.append("errors were logged although no test failed")

    skipped = len(analysis.skipped)
    # Tests that started and did not pass: several failing subtests are one test,
    # and a failing setUpClass is an error but no test run.
    failing = {re.sub(r"^Subtest (\S+).*$", r"\1", p.split(": ", 1)[1].split("\n")[0])
               for p in analysis.test_problems}
    failing = {name for name in failing if re.fullmatch(r"[\w.]+\.test\w*", name)}
    not_passed = len(failing) if analysis.test_problems else failures + errors
    passed = max(run - min(not_passed, run) - skipped, 0)
    failed = failures + errors + (1 if analysis.breakage else 0)
    no_tests = run == 0

    print("\n" + "=" * 70)
    print("Odoo test summary (%s, %.0fs): %d tests run, %d failures, %d errors, %d skipped"
          % (os.path.relpath(log_path), elapsed, run, failures, errors, skipped))
    if analysis.test_problems:
        print("Failing tests:")
        for item in analysis.test_problems:
            print("  " + item)
    for title, items in (("Skipped browser tests", analysis.browser_skips),
                         ("Errors logged outside test reports", analysis.error_logs),
                         ("Install/loading problems", analysis.breakage)):
        if items:
            print(title + ":")
            for item in items[:20]:
                print("  " + item)
            if len(items) > 20:
                print("  ... and %d more (see the log)" % (len(items) - 20))
    if no_tests and not analysis.breakage:
        print("No test ran: check that the modules are on the addons path (%s), that their "
              "tests/__init__.py imports the test files, and TEST_TAGS (%s)."
              % (",".join(odoo_cmd.addons_path()), test_tags))
    if no_tests and failed == 0:
        failed = 1
    line = "%d passed, %d failed" % (passed, failed)
    if summary_path:
        with open(summary_path, "w", encoding="utf-8") as fh:
            fh.write(line + "\n")
    print(line, flush=True)
    return 1 if failed or no_tests else 0


def _terminate(signum, frame):
    raise KeyboardInterrupt  # SIGTERM (e.g. a CI timeout): stop Odoo, drop the database


def main(argv):
    started = time.time()
    signal.signal(signal.SIGTERM, _terminate)
    if argv[:1] == ["--parse"]:
        # Re-read an existing log (e.g. test-results/odoo-test.log) without running Odoo.
        analysis = LogAnalysis()
        with open(argv[1], encoding="utf-8", errors="replace") as log:
            for line in log:
                analysis.feed(line)
        analysis.finish()
        return report(analysis, 0, argv[1], os.environ.get("TEST_TAGS", "?"), 0)
    odoo_cmd.import_odoo()  # clear message if Odoo 18 is missing
    modules = [m for m in odoo_cmd._split(os.environ.get("MODULES", DEFAULT_MODULES))]
    test_tags = os.environ.get("TEST_TAGS") or ",".join("/" + m for m in modules)
    results_dir = os.environ.get("RESULTS_DIR") or os.path.join(odoo_cmd.REPO_ROOT, "test-results")
    os.makedirs(results_dir, exist_ok=True)
    log_path = os.path.join(results_dir, "odoo-test.log")
    summary_path = os.path.join(results_dir, "summary.txt")
    if os.path.exists(summary_path):
        os.remove(summary_path)
    quiet = os.environ.get("QUIET") == "1"

    db = os.environ.get("TEST_DB") or "sunny_test_%s_%d" % (time.strftime("%Y%m%d_%H%M%S"), os.getpid())
    if odoo_cmd.db_exists(db):
        odoo_cmd.fail("database %s already exists; the tests need a fresh one "
                      "(unset TEST_DB or drop it: make clean)" % db)
    port = free_port()
    cmd = odoo_cmd.base_command() + [
        "-d", db,
        "-i", ",".join(modules),
        "--test-enable", "--test-tags=" + test_tags,
        "--stop-after-init",
        "--log-level=test",
        "--http-interface=127.0.0.1", "--http-port=%d" % port,
        "--workers=0", "--max-cron-threads=0",
    ] + argv
    print("Running: %s" % " ".join(cmd), flush=True)
    print("Test database %s, HTTP port %d, log %s" % (db, port, os.path.relpath(log_path)), flush=True)

    analysis = LogAnalysis()
    proc = None
    try:
        with open(log_path, "w", encoding="utf-8") as log:
            log.write("$ %s\n" % " ".join(cmd))
            # No stdin (CI), Odoo's stderr merged into the log; own process group
            # so that an interrupt stops Odoo and the Chromium it started.
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, errors="replace",
                                    bufsize=1, start_new_session=True)
            for line in proc.stdout:
                log.write(line)
                analysis.feed(line)
                if not quiet:
                    sys.stdout.write(line)
                    sys.stdout.flush()
            rc = proc.wait()
    except KeyboardInterrupt:
        if proc and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        print("\ninterrupted", file=sys.stderr)
        rc = 130
    finally:
        if os.environ.get("KEEP_DB") == "1":
            print("KEEP_DB=1: keeping database %s" % db)
        else:
            odoo_cmd.drop_db(db, quiet=True)

    analysis.finish()
    return report(analysis, rc, log_path, test_tags, time.time() - started, summary_path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
