#!/usr/bin/env python3
"""Benchmark the duplicate candidates (sunny.case._find_similar) and the public
form's suggestions (sunny.case._sunny_suggest, what GET /sunny/suggest runs)
beside plain scans, at a given scale. See bench/README.md.

    python3 bench/similar.py --cases 100000 [--db sunny_bench_similar] [--runs 5] [--keep]

Installs sunny_service alone (no demo) into --db, generates N cases with raw SQL
(received over three years, titles from 20 places x 20 things x 20 problems, so the
same problem comes back many times, as in a real office; 5 % of the answered cases
published with a public title), then measures, each the median of --runs warm runs:

* ``_find_similar()`` of a recent registered case as center staff (trigram GIN
  index, ``%`` operator, record rules in the same query) beside the same query with
  ``similarity() >=`` (no index: a scan of the window) and a plain ``ILIKE`` of the
  title's first words with the indexes disabled;
* ``_sunny_suggest(q)`` (FAQ entries and published cases, ``<%`` word similarity
  through the partial index on published titles) beside a plain ``ILIKE`` scan of the
  published titles.

Writes its section into bench/RESULTS.md (replacing the section of the same scale).
"""

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "scripts"))
import odoo_cmd  # noqa: E402

PLACES = [
    "一食堂",
    "二食堂",
    "三食堂",
    "图书馆",
    "东区宿舍",
    "西区宿舍",
    "教学楼",
    "实验楼",
    "体育馆",
    "校医院",
    "研究生公寓",
    "行政楼",
    "北门",
    "南门",
    "校车站",
    "浴室",
    "操场",
    "快递站",
    "超市",
    "机房",
]
THINGS = [
    "饭菜",
    "空调",
    "热水",
    "网络",
    "门禁",
    "座位",
    "照明",
    "电梯",
    "饮水机",
    "打印机",
    "校园卡",
    "洗衣机",
    "路灯",
    "停车",
    "噪音",
    "卫生",
    "收费",
    "开放时间",
    "安全",
    "维修",
]
PROBLEMS = [
    "价格太贵",
    "经常坏",
    "不够用",
    "太吵了",
    "收费不合理",
    "服务态度差",
    "排队太久",
    "没有人管",
    "时间太短",
    "质量差",
    "不卫生",
    "有安全隐患",
    "长期没修",
    "太慢",
    "不方便",
    "要求改进",
    "能否延长",
    "何时解决",
    "如何申请",
    "建议增加",
]


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def ensure_db(db):
    if odoo_cmd.modules_installed(db, ["sunny_service"]):
        return
    odoo_cmd.drop_db(db, quiet=True)
    log(f"installing sunny_service in {db} (a few minutes)")
    subprocess.run(
        odoo_cmd.base_command()
        + ["-d", db, "-i", "sunny_service", "--without-demo=all", "--stop-after-init", "--log-level=warn"],
        check=True,
    )


def start(db):
    import odoo
    from odoo.tools import config

    config.parse_config(
        [
            "-d",
            db,
            "--addons-path=" + ",".join(odoo_cmd.addons_path()),
            "--data-dir=" + odoo_cmd.data_dir(),
            "--log-level=warn",
        ]
        + odoo_cmd.db_options()
    )
    odoo.service.server.load_server_wide_modules()
    return odoo.modules.registry.Registry(db)


def arr(values):
    return "(ARRAY[" + ",".join(f"'{v}'" for v in values) + "])"


def generate(env, n):
    """n cases by raw SQL, unless the database already holds them."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM sunny_case WHERE name LIKE 'BS%%'")
    have = cr.fetchone()[0]
    if have == n:
        log(f"reusing {n} cases")
        return
    if have:
        cr.execute("DELETE FROM sunny_case WHERE name LIKE 'BS%%'")
    log(f"generating {n} cases")
    category = env["sunny.case.category"].search([], limit=1) or env["sunny.case.category"].create({"name": "类别"})
    cr.execute(
        f"""
        INSERT INTO sunny_case (name, case_type, channel, title, content, category_id, received_date,
            submitter_role, is_anonymous, is_confidential, is_important, allow_publish,
            is_published, public_title, state, needs_screening, return_count, reopen_count,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BS' || lpad(g::text, 8, '0'),
               CASE WHEN r %% 9 = 7 THEN 'report' ELSE 'consultation' END, 'web',
               {arr(PLACES)}[1 + a] || {arr(THINGS)}[1 + b] || {arr(PROBLEMS)}[1 + c],
               '来信反映：' || {arr(PLACES)}[1 + a] || '的' || {arr(THINGS)}[1 + b]
                   || {arr(PROBLEMS)}[1 + c] || repeat('，详细情况说明', 6),
               %s, received, 'student', true, r %% 9 = 7, false, true,
               st IN ('replied', 'closed') AND r %% 20 = 0 AND r %% 9 <> 7,
               CASE WHEN st IN ('replied', 'closed') AND r %% 20 = 0 AND r %% 9 <> 7
                    THEN {arr(PLACES)}[1 + a] || {arr(THINGS)}[1 + b] || {arr(PROBLEMS)}[1 + c] END,
               st, false, 0, 0, 1, 1, received, received
        FROM (
            SELECT g, received, r, a, b, c,
                   CASE WHEN received < (now() at time zone 'UTC') - interval '60 days'
                        THEN (CASE WHEN r < 88 THEN 'closed' WHEN r < 94 THEN 'rejected' ELSE 'cancelled' END)
                        ELSE (ARRAY['new','registered','assigned','processing','review','replied','closed',
                                    'closed','rejected','processing'])[1 + r %% 10] END AS st
            FROM (
                SELECT g, (now() at time zone 'UTC') - (random() ^ 1.3) * interval '1095 days' AS received,
                       (hashint4(g * 7) & 2147483647) %% 100 AS r,
                       (hashint4(g * 11) & 2147483647) %% 20 AS a,
                       (hashint4(g * 13) & 2147483647) %% 20 AS b,
                       (hashint4(g * 17) & 2147483647) %% 20 AS c
                FROM generate_series(1, %s) g
            ) raw
        ) rows""",
        [category.id, n],
    )
    faqs = [
        {"name": f"{p}{t}{q}怎么办？", "answer": "请联系相关单位。", "is_published": True}
        for p, t, q in zip(PLACES, THINGS, PROBLEMS, strict=True)
    ]
    env["sunny.faq"].create(faqs)
    cr.execute("ANALYZE sunny_case")
    cr.commit()


def timed(env, fn, runs):
    fn()  # warm-up: ormcaches, plans
    times, queries = [], []
    for _i in range(runs):
        env.invalidate_all()
        q0 = env.cr.sql_log_count
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        queries.append(env.cr.sql_log_count - q0)
    return statistics.median(times) * 1000, int(statistics.median(queries))


def raw_ms(cr, sql, params, runs, no_index=False):
    def run():
        if no_index:
            cr.execute("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off")
        cr.execute(sql, params)
        rows = cr.fetchall()
        if no_index:
            cr.execute("SET LOCAL enable_bitmapscan = on; SET LOCAL enable_indexscan = on")
        return rows

    run()
    times = []
    for _i in range(runs):
        t0 = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, len(rows)


def measure(env, runs):
    from odoo import Command

    cr = env.cr
    Users = env["res.users"].with_context(no_reset_password=True)
    center = Users.search([("login", "=", "bench_similar_center")]) or Users.create(
        {
            "name": "Bench Center",
            "login": "bench_similar_center",
            "groups_id": [Command.link(env.ref("sunny_service.group_center_staff").id)],
        }
    )
    # what the weekly job keeps: the recent cases' trigram index (built here on a
    # database generated before it existed, a no-op otherwise)
    env["sunny.case"]._cron_similar_index()
    cr.execute("ANALYZE sunny_case")
    cr.commit()
    case = env["sunny.case"].search(
        [("state", "=", "registered"), ("name", "like", "BS")], order="create_date desc", limit=1
    )
    rows = []
    found = case.with_user(center)._find_similar()
    ms, queries = timed(env, lambda: case.with_user(center)._find_similar(), runs)
    rows.append(
        (
            "duplicate candidates `_find_similar()` (recent cases' GiST trigram index, `%`, record rules)",
            ms,
            queries,
            f"{len(found)} of 10 found for “{case.title}”",
        )
    )
    # the same search through the title index of every year (how it was found before
    # the recent cases' index): that index dropped in a savepoint, rolled back
    cr.execute("SAVEPOINT all_years")
    cr.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'sunny_case_similar_title_%'")
    for (index,) in cr.fetchall():
        cr.execute(f'DROP INDEX "{index}"')
    ms, queries = timed(env, lambda: case.with_user(center)._find_similar(), runs)
    cr.execute("ROLLBACK TO SAVEPOINT all_years")
    rows.append(("the same through the title index of every year (GIN), before", ms, queries, ""))
    days = 90
    since = datetime.datetime.utcnow() - datetime.timedelta(days=days)
    ms, count = raw_ms(
        cr,
        "SELECT id FROM sunny_case WHERE id != %s AND state NOT IN ('rejected', 'cancelled') AND received_date >= %s"
        " AND NOT coalesce(is_confidential, false) AND similarity(title, %s) >= 0.3"
        " ORDER BY similarity(title, %s) DESC LIMIT 10",
        [case.id, since, case.title, case.title],
        runs,
    )
    rows.append(("the same with `similarity() >=` (no index: the window scanned), raw SQL", ms, 1, f"{count} rows"))
    word = case.title[:3]
    ms, count = raw_ms(
        cr,
        "SELECT id FROM sunny_case WHERE id != %s AND state NOT IN ('rejected', 'cancelled') AND received_date >= %s"
        " AND title ILIKE %s ORDER BY id DESC LIMIT 10",
        [case.id, since, f"%{word}%"],
        runs,
        no_index=True,
    )
    rows.append(
        (f"plain `title ILIKE '%{word}%'` scan of the window (indexes off), raw SQL", ms, 1, f"{count} rows, unranked")
    )
    q = "食堂饭菜价格"
    Case = env["sunny.case"].sudo()
    suggestions = Case._sunny_suggest(q)
    ms, queries = timed(env, lambda: Case._sunny_suggest(q), runs)
    cr.execute("SELECT count(*) FROM sunny_case WHERE is_published")
    published = cr.fetchone()[0]
    rows.append(
        (
            f"public suggestions `_sunny_suggest('{q}')` (`<%`, partial index on published titles)",
            ms,
            queries,
            f"{len(suggestions)} suggestions; {published:,} published cases",
        )
    )
    ms, count = raw_ms(
        cr,
        "SELECT id FROM sunny_case WHERE is_published AND NOT coalesce(is_confidential, false)"
        " AND state IN ('replied', 'closed') AND public_title ILIKE %s ORDER BY id DESC LIMIT 5",
        [f"%{q}%"],
        runs,
        no_index=True,
    )
    rows.append((f"plain `public_title ILIKE '%{q}%'` scan (indexes off), raw SQL", ms, 1, f"{count} rows"))
    cr.rollback()
    return rows


def write_results(n, rows, runs):
    cpus = os.cpu_count()
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024**2
    title = f"## Duplicates and suggestions, {n:,} cases"
    lines = [
        f"{title} — {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC",
        "",
        f"`python3 bench/similar.py --cases {n} --runs {runs}`; {cpus} CPUs, {mem} GiB, "
        f"{platform.python_version()}; server time, median of {runs} warm runs.",
        "",
        "| what | ms | queries | note |",
        "| --- | --- | --- | --- |",
    ] + [f"| {what} | {ms:.1f} | {queries} | {note} |" for what, ms, queries, note in rows]
    path = os.path.join(HERE, "RESULTS.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    section = "\n".join(lines) + "\n"
    pattern = re.compile(rf"^{re.escape(title)} —.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _m: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(section)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--db", default="sunny_bench_similar")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database for the next run")
    args = parser.parse_args()
    if not args.db.startswith("sunny_bench"):
        sys.exit("--db must start with sunny_bench")
    ensure_db(args.db)
    registry = start(args.db)
    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        generate(env, args.cases)
        rows = measure(env, args.runs)
    write_results(args.cases, rows, args.runs)
    if not args.keep:
        registry.delete(args.db)
        odoo.sql_db.close_all()
        odoo_cmd.drop_db(args.db, quiet=True)


if __name__ == "__main__":
    main()
