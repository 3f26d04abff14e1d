"""The public submit route under concurrent load, on a real Odoo server with workers.

Starts ``python3 -m odoo --workers=W`` on 127.0.0.1 (a port in 18100-18199) against the
benchmark database, then CLIENTS threads each act as visitors: GET /sunny/submit (CSRF
token and form nonce of their session), POST the form (timed), until REQUESTS posts
are done.  The rate limit parameters were raised in the bench database (run.py).
"""

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
import odoo_cmd  # noqa: E402

WORKERS = 2
CLIENTS = 8


class Visitor:
    """One visitor's browser, as light as can be: a kept-alive connection and the
    session cookie, read with http.client (a requests.Session cost 4.7 ms of CPU per
    GET and POST, on the two cores the server measured has)."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = None

    def request(self, method, path, data=None):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        resp = self.conn.getresponse()
        page = resp.read().decode()
        for cookie in resp.headers.get_all("Set-Cookie") or ():
            if cookie.startswith("session_id="):
                self.cookie = cookie.split(";", 1)[0]
        return resp.status, resp.getheader("Location") or "", page


def free_port():
    for port in range(18100, 18200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port in 18100-18199")


def wait_up(url, proc, timeout=120):
    import requests

    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"odoo exited with {proc.returncode}")
        try:
            if requests.get(url + "/web/login", timeout=5).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError("odoo did not start")


def server_command():
    """`python3 -m odoo` as odoo_server.py (see there why)."""
    cmd = odoo_cmd.base_command()
    if cmd[1:3] == ["-m", "odoo"]:
        cmd[1:3] = [os.path.join(HERE, "odoo_server.py")]
    return cmd


def run(args, res, requests_total=None):
    import requests

    requests_total = requests_total or max(40, 100 * args.runs)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = server_command() + [
        "-d",
        args.db,
        "--db-filter",
        f"^{re.escape(args.db)}$",
        "--http-interface",
        "127.0.0.1",
        "--http-port",
        str(port),
        "--workers",
        str(WORKERS),
        "--max-cron-threads",
        "0",
        "--gevent-port",
        str(port + 1 if port < 18199 else port - 1),
        "--log-level",
        "warn",
        "--limit-time-real",
        "600",
        "--limit-memory-soft",
        str(2**31),
    ]
    log_path = os.path.join(HERE, "output", "odoo_http.log")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    with open(log_path, "w") as logf:
        proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT)
    try:
        wait_up(url, proc)
        cat_id = unit_id = None
        out = odoo_cmd.psql("SELECT min(id) FROM sunny_case_category WHERE is_public AND active", args.db)
        cat_id = out or ""
        unit_id = odoo_cmd.psql("SELECT min(id) FROM sunny_unit WHERE active", args.db) or ""
        latencies, errors, lock = [], [], threading.Lock()
        counter = iter(range(requests_total))

        def visitor(n):
            visit = Visitor(port)
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                try:
                    _status, _location, page = visit.request("GET", "/sunny/submit")
                    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
                    nonce = re.search(r'name="form_nonce" value="([^"]*)"', page).group(1)
                    data = {
                        "csrf_token": csrf,
                        "form_nonce": nonce,
                        "case_type": "consultation",
                        "category_id": cat_id,
                        "requested_unit_id": unit_id,
                        "submitter_role": "student",
                        "title": f"食堂排队问题 压测 {n}-{i}",
                        "content": "午餐时间排队太久，希望增加窗口。" * 3,
                        "submitter_name": f"王{n}",
                        "submitter_phone": "13800000000",
                    }
                    t0 = time.perf_counter()
                    status, location, _page = visit.request("POST", "/sunny/submit", data)
                    elapsed = time.perf_counter() - t0
                    ok = status in (302, 303) and "/sunny/submit/done" in location
                    with lock:
                        (latencies if ok else errors).append(elapsed if ok else status)
                except Exception as exc:  # noqa: BLE001
                    with lock:
                        errors.append(repr(exc)[:80])

        # warm the workers
        requests.get(url + "/sunny/submit", timeout=60)
        threads = [threading.Thread(target=visitor, args=(n,)) for n in range(CLIENTS)]
        t0 = time.perf_counter()
        cpu0 = time.process_time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        client_cpu = time.process_time() - cpu0
        if not latencies:
            res.add("public submit under load", "failed", None, None, "", note=f"errors: {errors[:3]}")
            return
        lat = sorted(latencies)
        p95 = lat[min(len(lat) - 1, int(round(0.95 * len(lat))) - 1)]
        note = (
            f"{CLIENTS} concurrent visitors, {WORKERS} Odoo workers, {len(lat)} posts"
            f"{', %d errors %s' % (len(errors), errors[:3]) if errors else ''}; "
            f"the visitors' own CPU on the same cores: {client_cpu / len(lat) * 1000:.1f} ms per submission; "
            "helpdesk_mgmt has no public (anonymous) ticket form"
        )
        res.add(
            "public submit: throughput (GET form + POST)",
            len(lat) / wall,
            None,
            None,
            "submissions/s",
            "higher",
            note=note,
        )
        res.add("public submit: POST latency median", statistics.median(lat) * 1000, None, None, "ms")
        res.add("public submit: POST latency p95", p95 * 1000, None, None, "ms")
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
