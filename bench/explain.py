#!/usr/bin/env python3
"""Which SQL queries a hot path spends its time in, on a kept benchmark database.

    python3 bench/run.py --cases 100000 --keep        # builds and keeps sunny_bench
    python3 bench/explain.py [--db sunny_bench] [--top 5]
        [--what kanban_officer,kanban_center,search,scan,bulletin,create]

Runs the path once to warm up, then once recording every query with its time, and
prints the slowest ones with EXPLAIN (ANALYZE, BUFFERS).  Everything is rolled back.
"""

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as bench  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sunny_bench")
    parser.add_argument("--what", default="kanban_officer,kanban_center,search,create")
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()
    registry = bench.start_odoo(args)
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Case = env["sunny.case"]
        users = {u.login: u for u in env["res.users"].search([("login", "like", "bench_")])}
        officer, center = users["bench_officer_0"], users["bench_center"]
        units = env["sunny.unit"].search([])
        categories = env["sunny.case.category"].search([])
        paths = {
            "kanban_officer": lambda: bench.kanban_first_page(Case.with_user(officer), "state"),
            "kanban_center": lambda: bench.kanban_first_page(Case.with_user(center), "state"),
            "search": lambda: Case.with_user(center).web_search_read(
                [("title", "ilike", "scholarship")], bench.spec_from_view(Case, "list"), limit=80, count_limit=10001
            ),
            "scan": lambda: Case._cron_deadline_scan(),
            "bulletin": lambda: env["sunny.bulletin"]
            .create({"date_from": "2026-10-01", "date_to": "2026-10-31"})
            .action_compute(),
            "create": lambda: Case.with_context(tracking_disable=True, import_file=True).create(
                [bench.case_vals(i, units, categories) for i in range(200)]
            ),
        }
        for name in args.what.split(","):
            fn = paths[name]
            with bench.Rollback(env):
                fn()
                env.flush_all()
            log = []
            real_execute = type(cr).execute

            def execute(self, query, params=None, log_exceptions=True, real_execute=real_execute, log=log):
                t0 = time.perf_counter()
                try:
                    return real_execute(self, query, params, log_exceptions)
                finally:
                    log.append((time.perf_counter() - t0, query, params))

            type(cr).execute = execute
            try:
                with bench.Rollback(env):
                    t0 = time.perf_counter()
                    fn()
                    env.flush_all()
                    total = time.perf_counter() - t0
            finally:
                type(cr).execute = real_execute
            log = [entry for entry in log if "SAVEPOINT" not in str(entry[1])]
            sql_time = sum(e[0] for e in log)
            print(f"\n=== {name}: {total * 1000:.1f} ms, {len(log)} queries, {sql_time * 1000:.1f} ms in SQL")
            for elapsed, query, params in sorted(log, key=lambda e: -e[0])[: args.top]:
                text = query.code if hasattr(query, "code") else str(query)
                params = query.params if hasattr(query, "params") else params
                print(f"\n--- {elapsed * 1000:.1f} ms\n{cr.mogrify(text, params).decode()[:1500]}")
                if text.lstrip().upper().startswith("SELECT"):
                    cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + text, params)
                    print("\n".join(r[0] for r in cr.fetchall()[:25]))
        cr.rollback()


if __name__ == "__main__":
    main()
