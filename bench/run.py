#!/usr/bin/env python3
"""Benchmark sunny_service against OCA helpdesk_mgmt (+ helpdesk_mgmt_sla) and raw
PostgreSQL, on the same database, at a given scale.  See bench/README.md.

    python3 bench/run.py --cases 10000 [--db sunny_bench] [--runs 3] [--keep] [--only m1,m2]
"""

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "scripts"))
import odoo_cmd  # noqa: E402

MODULES = "sunny_service,sunny_service_reports,helpdesk_mgmt,helpdesk_mgmt_sla"
TEMPLATE = "sunny_bench_tpl"
METRICS = [
    "import",
    "interactive",
    "kanban",
    "search",
    "scan",
    "reports",
    "register",
    "submit",
    "dashboard",
    "anonymise",
    "audience",
]

WORDS = [
    "食堂",
    "宿舍",
    "奖学金",
    "选课",
    "收费",
    "图书馆",
    "网络",
    "教室",
    "考试",
    "实习",
    "空调",
    "校车",
    "招生",
    "学籍",
    "补助",
    "饮水",
    "体育馆",
    "医务室",
    "快递",
    "门禁",
    "canteen",
    "dormitory",
    "scholarship",
    "fees",
    "library",
    "network",
    "exam",
    "heating",
]


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


# ---------------------------------------------------------------------------- database


def ensure_db(args):
    """Create args.db (both products installed) from a template database kept between runs."""
    exists = odoo_cmd.db_exists(args.db)
    if exists and args.keep and _scale_of(args.db) == args.cases:
        log(f"reusing database {args.db} ({args.cases} cases)")
        return False
    if exists:
        odoo_cmd.drop_db(args.db, quiet=True)
    missing = [
        m
        for m in ("helpdesk_mgmt", "helpdesk_mgmt_sla")
        if not any(os.path.isdir(os.path.join(p, m)) for p in odoo_cmd.addons_path())
    ]
    if missing:
        sys.exit(f"{', '.join(missing)} not found: pip install -r bench/requirements.txt (then scripts/setup.sh)")
    if not odoo_cmd.modules_installed(TEMPLATE, MODULES.split(",")):
        odoo_cmd.drop_db(TEMPLATE, quiet=True)
        log(f"installing {MODULES} in {TEMPLATE} (a few minutes, once)")
        out = subprocess.run(
            odoo_cmd.base_command()
            + [
                "-d",
                TEMPLATE,
                "-i",
                MODULES,
                "--without-demo=all",
                "--stop-after-init",
                "--log-level=warn",
            ],
            capture_output=True,
            text=True,
        )
        if out.returncode != 0 or not odoo_cmd.modules_installed(TEMPLATE, MODULES.split(",")):
            sys.exit("install failed:\n" + out.stderr[-3000:])
    log(f"creating {args.db} from {TEMPLATE}")
    subprocess.run(["createdb", "-T", TEMPLATE, args.db], env=odoo_cmd.pg_env(), check=True)
    src = os.path.join(odoo_cmd.data_dir(), "filestore", TEMPLATE)
    dst = os.path.join(odoo_cmd.data_dir(), "filestore", args.db)
    if os.path.isdir(src) and not os.path.exists(dst):
        shutil.copytree(src, dst)
    return True


def _scale_of(db):
    try:
        return int(odoo_cmd.psql("SELECT value FROM ir_config_parameter WHERE key='sunny_bench.cases'", db) or 0)
    except (RuntimeError, ValueError):
        return 0


def start_odoo(args):
    import odoo
    from odoo.tools import config

    opts = [
        "-d",
        args.db,
        "--addons-path=" + ",".join(odoo_cmd.addons_path()),
        "--data-dir=" + odoo_cmd.data_dir(),
        "--log-level=warn",
    ] + odoo_cmd.db_options()
    config.parse_config(opts)
    odoo.service.server.load_server_wide_modules()
    return odoo.modules.registry.Registry(args.db)


# ---------------------------------------------------------------------------- data


def generate(env, n):
    """Units/teams, users, categories, then n cases and n tickets spread over three years."""
    from odoo import Command

    cr = env.cr
    n_units = max(10, min(150, n // 2000))
    log(f"generating {n_units} units/teams, {n} cases, {n} tickets")
    Holiday = env["sunny.holiday"]
    today = datetime.date.today()
    for year in range(today.year - 3, today.year + 1):
        try:
            Holiday.load_year(year)
        except Exception as exc:  # noqa: BLE001 -- a year chinesecalendar lacks
            log(f"holiday year {year}: {exc}")
    grp = lambda x: env.ref(x).id  # noqa: E731
    officer_groups = [grp("sunny_service.group_station_officer"), grp("helpdesk_mgmt.group_helpdesk_user_team")]
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True, tracking_disable=True)
    Users.create(
        {
            "name": "Bench Center",
            "login": "bench_center",
            "email": "center@example.edu",
            "groups_id": [
                Command.link(grp("sunny_service.group_center_staff")),
                Command.link(grp("helpdesk_mgmt.group_helpdesk_user")),
            ],
        }
    )
    officers = Users.create(
        [
            {
                "name": f"Bench Officer {i}",
                "login": f"bench_officer_{i}",
                "email": f"officer{i}@example.edu",
                "groups_id": [Command.link(g) for g in officer_groups],
            }
            for i in range(n_units)
        ]
    )
    units = env["sunny.unit"].create([{"name": f"学院 {i}", "code": f"U{i:03d}"} for i in range(n_units)])
    env["sunny.station"].create(
        [
            {"name": f"服务站 {i}", "unit_id": u.id, "officer_ids": [Command.set(o.ids)]}
            for i, (u, o) in enumerate(zip(units, officers, strict=False))
        ]
    )
    categories = env["sunny.case.category"].create([{"name": f"类别 {i}"} for i in range(12)])
    # helpdesk_mgmt_sla plans on Odoo's resource calendars (it installs `resource`, sunny_service does not)
    calendar = env.ref("resource.resource_calendar_std")
    teams = env["helpdesk.ticket.team"].create(
        [
            {
                "name": f"Team {i}",
                "user_ids": [Command.set(o.ids)],
                "use_sla": True,
                "resource_calendar_id": calendar.id,
            }
            for i, o in enumerate(officers)
        ]
    )
    hcategories = env["helpdesk.ticket.category"].create([{"name": f"Category {i}"} for i in range(12)])
    stages = {
        x: env.ref("helpdesk_mgmt.helpdesk_ticket_stage_" + x).id
        for x in ("new", "in_progress", "awaiting", "done", "cancelled", "rejected")
    }
    env["helpdesk.sla"].create(
        {"name": "Reply in 3 days", "days": 3, "stage_id": stages["done"], "team_ids": [Command.set(teams.ids)]}
    )
    env["ir.config_parameter"].set_param("sunny_bench.cases", str(n))
    for key in ("sunny_service.submit_limit", "sunny_service.query_limit", "sunny_service.post_limit"):
        env["ir.config_parameter"].set_param(key, "1000000")
    env.flush_all()
    words = "(ARRAY[" + ",".join(f"'{w}'" for w in WORDS) + "])"
    unit_ids = "ARRAY[{}]".format(",".join(map(str, units.ids)))
    officer_ids = "ARRAY[{}]".format(",".join(map(str, officers.ids)))
    cat_ids = "ARRAY[{}]".format(",".join(map(str, categories.ids)))
    team_ids = "ARRAY[{}]".format(",".join(map(str, teams.ids)))
    hcat_ids = "ARRAY[{}]".format(",".join(map(str, hcategories.ids)))
    # one row per case: its age decides its state (old cases are closed, recent ones open)
    cr.execute(
        f"""
        CREATE TEMP TABLE bench_rows AS
        SELECT g AS k,
               (now() at time zone 'UTC') - (random() ^ 1.3) * interval '1095 days' AS received,
               1 + (hashint4(g) & 2147483647) %% {n_units} AS u,
               (hashint4(g * 7) & 2147483647) %% 100 AS r,
               (hashint4(g * 13) & 2147483647) %% 12 AS c
        FROM generate_series(1, %s) g""",
        [n],
    )
    cr.execute(
        """
        ALTER TABLE bench_rows ADD COLUMN state text, ADD COLUMN ctype text;
        UPDATE bench_rows SET ctype = (ARRAY['consultation','consultation','consultation','complaint','complaint',
                                             'suggestion','suggestion','report','praise'])[1 + r %% 9],
          state = CASE
            WHEN received < (now() at time zone 'UTC') - interval '60 days' THEN
                 (CASE WHEN r < 88 THEN 'closed' WHEN r < 94 THEN 'rejected' WHEN r < 97 THEN 'cancelled' ELSE 'replied' END)
            ELSE (ARRAY['new','registered','assigned','processing','processing','review','replied','closed',
                        'closed','rejected'])[1 + r %% 10] END
        WHERE %s;
    """,
        [True],
    )
    cr.execute(
        f"""
        INSERT INTO sunny_case (name, case_type, channel, title, content, category_id, received_date,
            submitter_role, is_anonymous, requested_unit_id, unit_id, first_unit_id,
            is_confidential, is_important, allow_publish, is_published, assigned_date, reply_deadline,
            resolve_deadline, deadline, first_reply_date, replied_date, closed_date, deadline_state, state,
            return_count, reopen_count, satisfaction, needs_screening,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BK' || lpad(k::text, 8, '0'), ctype,
               (ARRAY['web','web','web','phone','email','letter','visit','other'])[1 + r %% 8],
               {words}[1 + r %% 28] || '问题 ' || {words}[1 + c %% 28] || ' #' || k,
               '来信内容 ' || {words}[1 + (r + c) %% 28] || repeat(' 详细情况说明', 8),
               ({cat_ids})[1 + c], received,
               (ARRAY['student','staff','parent','public'])[1 + r %% 4],
               r %% 17 = 0, ({unit_ids})[u],
               CASE WHEN state IN ('new','registered') THEN NULL ELSE ({unit_ids})[u] END,
               CASE WHEN state IN ('new','registered') THEN NULL ELSE ({unit_ids})[u] END,
               ctype = 'report', r %% 23 = 0, true, state IN ('replied','closed') AND r %% 5 = 0,
               CASE WHEN state IN ('new','registered') THEN NULL ELSE received + interval '1 day' END,
               CASE WHEN state IN ('new','registered') THEN NULL ELSE received + interval '6 days' END,
               CASE WHEN state IN ('new','registered') THEN NULL ELSE received + interval '12 days' END,
               CASE WHEN state IN ('new','registered') THEN NULL  -- deadline: reply, then resolve
                    WHEN state IN ('review','replied','closed') THEN received + interval '12 days'
                    ELSE received + interval '6 days' END,
               CASE WHEN state IN ('review','replied','closed') THEN received + (2 + r %% 6) * interval '1 day' END,
               CASE WHEN state IN ('replied','closed') THEN received + (3 + r %% 12) * interval '1 day' END,
               CASE WHEN state IN ('closed','rejected','cancelled') THEN received + (5 + r %% 20) * interval '1 day' END,
               CASE WHEN state IN ('replied','closed') THEN (CASE WHEN r %% 7 = 0 THEN 'done_late' ELSE 'done_on_time' END)
                    WHEN state IN ('assigned','processing','review') THEN 'on_time' END,
               state, (r %% 31 = 0)::int, (r %% 37 = 0)::int,
               CASE WHEN state = 'closed' THEN (ARRAY['very_satisfied','satisfied','satisfied','basic','dissatisfied'])[1 + r %% 5] END,
               false, 1, 1, received, received
        FROM bench_rows WHERE %s ORDER BY received""",
        [True],
    )
    # the words of the titles, which Odoo cuts when a case is created (the hot topics)
    env["sunny.case"]._fill_title_words()
    # who sent each case (kept apart from the case, see sunny.case.identity); none for the anonymous ones
    cr.execute("""INSERT INTO sunny_case_identity (case_id, name, phone, create_uid, write_uid, create_date, write_date)
                   SELECT id, '张' || ltrim(substr(name, 3), '0'), '138' || substr(name, 3), 1, 1, create_date, create_date
                   FROM sunny_case WHERE name LIKE 'BK%' AND NOT is_anonymous""")
    # confidential cases are entrusted to the unit's officer
    cr.execute(f"""INSERT INTO sunny_case_entrusted_rel (case_id, user_id)
                   SELECT id, ({officer_ids})[array_position({unit_ids}, unit_id)] FROM sunny_case
                   WHERE is_confidential AND unit_id IS NOT NULL""")
    # the same rows as helpdesk tickets
    cr.execute(
        f"""
        INSERT INTO helpdesk_ticket (number, name, description, user_id, stage_id, partner_name, partner_email,
            last_stage_update, assigned_date, closed_date, unattended, company_id, channel_id, category_id, team_id,
            priority, color, kanban_state, sequence, active, create_uid, write_uid, create_date, write_date)
        SELECT 'HT' || lpad(k::text, 8, '0'),
               {words}[1 + r %% 28] || '问题 ' || {words}[1 + c %% 28] || ' #' || k,
               '<p>来信内容 ' || {words}[1 + (r + c) %% 28] || repeat(' 详细情况说明', 8) || '</p>',
               CASE WHEN state IN ('new','registered') THEN NULL ELSE ({officer_ids})[u] END,
               CASE WHEN state IN ('new','registered') THEN %(new)s WHEN state IN ('assigned','processing') THEN %(prog)s
                    WHEN state IN ('review','replied') THEN %(await)s WHEN state = 'closed' THEN %(done)s
                    WHEN state = 'rejected' THEN %(rej)s ELSE %(canc)s END,
               '张' || k, 'u' || k || '@example.edu', received,
               CASE WHEN state IN ('new','registered') THEN NULL ELSE received + interval '1 day' END,
               CASE WHEN state IN ('closed','rejected','cancelled') THEN received + (5 + r %% 20) * interval '1 day' END,
               state IN ('new','registered'), 1, NULL, ({hcat_ids})[1 + c], ({team_ids})[u],
               ((r %% 4))::text, 0, 'normal', 10, true, 1, 1, received, received
        FROM bench_rows ORDER BY received""",
        {
            "new": stages["new"],
            "prog": stages["in_progress"],
            "await": stages["awaiting"],
            "done": stages["done"],
            "rej": stages["rejected"],
            "canc": stages["cancelled"],
        },
    )
    sla = env["helpdesk.sla"].search([], limit=1)
    cr.execute(
        """INSERT INTO helpdesk_ticket_sla (ticket_id, sla_id, deadline, hours, expected_stage_id,
                      consumed_time, last_state_date, state, create_uid, write_uid, create_date, write_date)
                  SELECT t.id, %s, t.create_date + interval '4 days', 24, %s, 0, t.create_date,
                         CASE WHEN s.closed THEN 'accomplished'
                              WHEN t.create_date + interval '4 days' < now() at time zone 'UTC' THEN 'expired'
                              ELSE 'in_progress' END, 1, 1, t.create_date, t.create_date
                  FROM helpdesk_ticket t JOIN helpdesk_ticket_stage s ON s.id = t.stage_id""",
        [sla.id, stages["done"]],
    )
    cr.execute("DROP TABLE bench_rows")
    cr.commit()
    env.invalidate_all()


# ---------------------------------------------------------------------------- measuring


class Rollback:
    """Run a measure in a savepoint and undo it, so every run sees the same data."""

    def __init__(self, env):
        self.env = env

    def __enter__(self):
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT bench")
        self.env.invalidate_all()

    def __exit__(self, *exc):
        self.env.cr.execute("ROLLBACK TO SAVEPOINT bench")
        self.env.invalidate_all()
        self.env.transaction.clear()
        self.env.cr.clear()  # precommit/postcommit hooks of the undone work
        return False


def timed(env, fn, runs, rollback=True):
    """Median seconds and SQL queries of fn() over runs (each undone when rollback)."""
    times, queries = [], []
    if not rollback:
        fn()  # warm-up: view and ormcache caches, as on a running server
        env.invalidate_all()
    for _ in range(runs):
        ctx = Rollback(env) if rollback else _Nothing()
        with ctx:
            env.invalidate_all()
            q0 = env.cr.sql_log_count
            t0 = time.perf_counter()
            fn()
            env.flush_all()
            times.append(time.perf_counter() - t0)
            queries.append(env.cr.sql_log_count - q0)
    return statistics.median(times), int(statistics.median(queries))


class _Nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakRss:
    """Peak resident memory above the start, sampled every 20 ms."""

    def __enter__(self):
        self.base = self.peak = rss_mb()
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.02)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, rss_mb())
        self.delta = self.peak - self.base
        return False


class Results:
    def __init__(self):
        self.rows = []

    def add(self, metric, sunny=None, helpdesk=None, raw=None, unit="", better="lower", note=""):
        self.rows.append(
            dict(metric=metric, sunny=sunny, helpdesk=helpdesk, raw=raw, unit=unit, better=better, note=note)
        )
        log(f"{metric}: sunny={fmt(sunny)} helpdesk={fmt(helpdesk)} raw={fmt(raw)} {unit} {note}")


def fmt(v):
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.3g}"


def ratio(row):
    s, h = row["sunny"], row["helpdesk"]
    if row["better"] == "none" or not isinstance(s, int | float) or not isinstance(h, int | float) or not s or not h:
        return "—"
    r = s / h if row["better"] == "higher" else h / s
    return f"{r:.2f}x"


def case_vals(i, units, categories):
    w = WORDS[i % len(WORDS)]
    return {
        "title": f"{w}问题 导入 {i}",
        "content": f"导入的来信内容 {w} " + "详细情况说明 " * 8,
        "case_type": ("consultation", "complaint", "suggestion", "praise")[i % 4],
        "channel": "letter",
        "category_id": categories[i % len(categories)].id,
        "requested_unit_id": units[i % len(units)].id,
        "submitter_name": f"李{i}",
        "submitter_role": "student",
    }


def ticket_vals(i, teams, categories):
    w = WORDS[i % len(WORDS)]
    return {
        "name": f"{w}问题 导入 {i}",
        "description": f"<p>导入的来信内容 {w} " + "详细情况说明 " * 8 + "</p>",
        "category_id": categories[i % len(categories)].id,
        "team_id": teams[i % len(teams)].id,
        "partner_name": f"李{i}",
        "partner_email": f"li{i}@example.edu",
    }


def spec_from_view(Model, view_type):
    """The web client's specification for the fields of the default view."""
    views = Model.get_views([(False, view_type)])
    fields_ = views["models"][Model._name]["fields"]
    spec = {}
    for name, desc in fields_.items():
        if desc.get("type") in ("many2one",):
            spec[name] = {"fields": {"display_name": {}}}
        elif desc.get("type") in ("many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}} if view_type == "kanban" else {}
        else:
            spec[name] = {}
    return spec


def kanban_first_page(Model, group_field):
    """What the kanban does on opening: the groups, then the first 40 records of each open column."""
    spec = spec_from_view(Model, "kanban")
    groups = Model.web_read_group([], [group_field], [group_field], lazy=True)
    for group in groups["groups"]:
        if group.get("__fold") or not group.get(f"{group_field}_count"):
            continue  # the client loads neither folded nor empty columns
        # as web/static/src/model/relational_model (_loadUngroupedList): count limited to 10,001
        Model.web_search_read(group["__domain"], spec, limit=40, count_limit=10001)


def measure(env, args, res, only):
    from odoo import Command
    from odoo import fields as ofields

    runs = args.runs
    n = args.cases
    Case = env["sunny.case"]
    Ticket = env["helpdesk.ticket"]
    units = env["sunny.unit"].search([])
    categories = env["sunny.case.category"].search([])
    teams = env["helpdesk.ticket.team"].search([])
    hcategories = env["helpdesk.ticket.category"].search([])
    center = env["res.users"].search([("login", "=", "bench_center")])
    officer = env["res.users"].search([("login", "=", "bench_officer_0")])
    import_ctx = {
        "tracking_disable": True,
        "mail_create_nolog": True,
        "mail_create_nosubscribe": True,
        "import_file": True,
    }

    if "import" in only:
        batch = args.batch
        cv = [case_vals(i, units, categories) for i in range(batch)]
        tv = [ticket_vals(i, teams, hcategories) for i in range(batch)]
        s, _q = timed(env, lambda: Case.with_context(**import_ctx).create([dict(v) for v in cv]), runs)
        h, _q = timed(env, lambda: Ticket.with_context(**import_ctx).create([dict(v) for v in tv]), runs)

        def raw_insert():
            from psycopg2.extras import execute_values

            now = datetime.datetime.utcnow()
            ids = execute_values(
                env.cr._obj,
                """INSERT INTO sunny_case (name, title, content, case_type, channel,
                category_id, requested_unit_id, submitter_role, state, received_date, is_confidential,
                create_uid, write_uid, create_date, write_date) VALUES %s RETURNING id""",
                [
                    (
                        f"RAW{i:08d}",
                        v["title"],
                        v["content"],
                        v["case_type"],
                        v["channel"],
                        v["category_id"],
                        v["requested_unit_id"],
                        v["submitter_role"],
                        "new",
                        now,
                        False,
                        1,
                        1,
                        now,
                        now,
                    )
                    for i, v in enumerate(cv)
                ],
                page_size=1000,
                fetch=True,
            )
            # the submitter's name goes to the case's identity record (sunny.case.identity)
            execute_values(
                env.cr._obj,
                """INSERT INTO sunny_case_identity (case_id, name, create_uid, write_uid, create_date, write_date)
                VALUES %s""",
                [(case_id, v["submitter_name"], 1, 1, now, now) for (case_id,), v in zip(ids, cv, strict=True)],
                page_size=1000,
            )

        r, _q = timed(env, raw_insert, runs)
        res.add(f"bulk import, batch of {batch} (ORM create)", batch / s, batch / h, batch / r, "records/s", "higher")

    if "interactive" in only:
        k = 10

        def sunny_create():
            C = Case.with_user(center)
            for i in range(k):
                case = C.create(case_vals(i, units, categories))
                case.message_post(body="登记备注", subtype_xmlid="mail.mt_note")

        def ticket_create():
            T = Ticket.with_user(center)
            for i in range(k):
                vals = dict(ticket_vals(i, teams, hcategories), user_id=officer.id)
                ticket = T.create(vals)
                ticket.message_post(body="note", subtype_xmlid="mail.mt_note")

        s, sq = timed(env, sunny_create, runs)
        h, hq = timed(env, ticket_create, runs)
        res.add(
            "interactive create with chatter (as a user)",
            k / s,
            k / h,
            None,
            "records/s",
            "higher",
            f"queries per record: sunny {sq // k}, helpdesk {hq // k}",
        )

    if "kanban" in only:
        s, sq = timed(env, lambda: kanban_first_page(Case.with_user(officer), "state"), runs, rollback=False)
        h, hq = timed(env, lambda: kanban_first_page(Ticket.with_user(officer), "stage_id"), runs, rollback=False)
        res.add("kanban first page, unit officer / team member (server)", s * 1000, h * 1000, None, "ms")
        res.add("kanban first page: SQL queries", sq, hq, None, "queries")
        s, sq = timed(env, lambda: kanban_first_page(Case.with_user(center), "state"), runs, rollback=False)
        h, hq = timed(env, lambda: kanban_first_page(Ticket.with_user(center), "stage_id"), runs, rollback=False)
        res.add(
            "kanban first page, center staff / helpdesk user (server)",
            s * 1000,
            h * 1000,
            None,
            "ms",
            note=f"queries: sunny {sq}, helpdesk {hq}",
        )

    if "search" in only:
        word = "scholarship"
        cspec = spec_from_view(Case, "list")
        tspec = spec_from_view(Ticket, "list")
        s, sq = timed(
            env,
            lambda: Case.with_user(center).web_search_read(
                [("title", "ilike", word)], cspec, limit=80, count_limit=10001
            ),
            runs,
            rollback=False,
        )
        h, hq = timed(
            env,
            lambda: Ticket.with_user(center).web_search_read(
                [("name", "ilike", word)], tspec, limit=80, count_limit=10001
            ),
            runs,
            rollback=False,
        )

        def raw_search():
            env.cr.execute(
                "SELECT id, name, title FROM sunny_case WHERE title ILIKE %s "
                "ORDER BY received_date DESC, id DESC LIMIT 80",
                [f"%{word}%"],
            )
            env.cr.fetchall()
            env.cr.execute(
                "SELECT count(*) FROM (SELECT 1 FROM sunny_case WHERE title ILIKE %s LIMIT 10001) x", [f"%{word}%"]
            )

        r, _ = timed(env, raw_search, runs, rollback=False)
        res.add(
            f"list search title ilike '{word}', 80 rows + count (server)",
            s * 1000,
            h * 1000,
            r * 1000,
            "ms",
            note=f"queries: sunny {sq}, helpdesk {hq}",
        )
        rare = "#%d" % (n // 3)  # a few cases only: the index matters most here
        s, sq = timed(
            env,
            lambda: Case.with_user(center).web_search_read(
                [("title", "ilike", rare)], cspec, limit=80, count_limit=10001
            ),
            runs,
            rollback=False,
        )
        h, hq = timed(
            env,
            lambda: Ticket.with_user(center).web_search_read(
                [("name", "ilike", rare)], tspec, limit=80, count_limit=10001
            ),
            runs,
            rollback=False,
        )
        res.add(
            f"list search title ilike '{rare}' (rare), 80 rows + count (server)",
            s * 1000,
            h * 1000,
            None,
            "ms",
            note=f"queries: sunny {sq}, helpdesk {hq}",
        )

    if "scan" in only:
        from odoo.addons.sunny_service.models.sunny_case import UNIT_STATES

        open_count = Case.search_count([("state", "in", UNIT_STATES)])

        processed = []

        def full_scan(max_batches=None):
            total = batches = 0
            while True:
                done = Case._cron_deadline_scan()
                env.flush_all()
                total += done
                batches += 1
                if done < 500 or (max_batches and batches >= max_batches):
                    break
            processed.append(total)
            return total

        s, sq = timed(env, lambda: full_scan(args.scan_batches), runs)
        flagged = processed[-1]
        # steady state: every state is already right, the scan must find nothing (the common nightly case)
        with Rollback(env):
            if args.scan_batches:
                # the first pass was capped: bring every open case to its state with one UPDATE
                env.cr.execute(
                    """
                    UPDATE sunny_case SET last_reminder_date = %(today)s, escalated_date = %(now)s,
                           deadline_state = CASE
                               WHEN COALESCE(deadline, %(now)s) < %(now)s THEN 'overdue'
                               WHEN deadline <= %(soon)s THEN 'due_soon'
                               ELSE 'on_time' END
                     WHERE state IN %(states)s""",
                    {
                        "today": env["sunny.calendar"].today(),
                        "now": ofields.Datetime.now(),
                        "soon": env["sunny.calendar"].due_soon_threshold(),
                        "states": tuple(UNIT_STATES),
                    },
                )
                env.invalidate_all()
            else:
                full_scan()
            s2, sq2 = timed(env, lambda: Case._cron_deadline_scan(), runs, rollback=False)
        # helpdesk_mgmt_sla: the deadlines of the SLA lines of open tickets (calendar plan_hours per line)
        slas = env["helpdesk.ticket.sla"].search([("ticket_id.stage_id.closed", "=", False)])
        slas = slas[:open_count]  # the same number of tickets as open unit cases
        sample = slas[:2000]
        htimes = []
        for _ in range(runs):
            with Rollback(env):
                # the open tickets' SLA lines as helpdesk_mgmt_sla computes them when they (re)start
                env.cr.execute(
                    "UPDATE helpdesk_ticket_sla SET state = 'in_progress' WHERE id IN %s", [tuple(sample.ids) or (0,)]
                )
                env.invalidate_all()
                t0 = time.perf_counter()
                sample._compute_deadline()
                env.flush_all()
                htimes.append(time.perf_counter() - t0)
        h = statistics.median(htimes)
        h_all = h * len(slas) / max(1, len(sample))
        capped = args.scan_batches and flagged >= 500 * args.scan_batches
        res.add(
            f"deadline scan, {open_count} open unit cases, first pass",
            s,
            h_all,
            None,
            "s",
            "none" if capped else "lower",
            note=(
                f"sunny: {flagged} flag/remind/escalate steps in {sq} queries"
                + (f" (capped at {args.scan_batches} batches)" if capped else "")
                + f"; helpdesk: SLA deadline compute of {len(slas)} lines, extrapolated from {len(sample)}"
            ),
        )
        res.add("deadline scan, steady state (nothing to change)", s2 * 1000, None, None, "ms", note=f"queries {sq2}")

    if "reports" in only:
        today = datetime.date.today()
        first = today.replace(day=1)
        month_from = (first - datetime.timedelta(days=1)).replace(day=1)
        month_to = first - datetime.timedelta(days=1)
        Bulletin = env["sunny.bulletin"]

        def bulletin():
            Bulletin.create({"date_from": month_from, "date_to": month_to}).action_compute()

        s, sq = timed(env, bulletin, runs)

        def raw_month():
            env.cr.execute(
                """SELECT unit_id, count(*), count(*) FILTER (WHERE replied_date <= reply_deadline)
                              FROM sunny_case WHERE received_date >= %s AND received_date < %s GROUP BY unit_id""",
                [month_from, first],
            )
            env.cr.fetchall()

        r, _ = timed(env, raw_month, runs, rollback=False)
        month_cases = Case.search_count([("received_date", ">=", month_from), ("received_date", "<", first)])

        def helpdesk_month():
            Ticket._read_group(
                [("create_date", ">=", month_from), ("create_date", "<", first)], ["team_id", "stage_id"], ["__count"]
            )

        h, _ = timed(env, helpdesk_month, runs, rollback=False)
        res.add(
            f"monthly bulletin, {month_from:%Y-%m} ({month_cases} cases)",
            s,
            h,
            r,
            "s",
            "none",
            note=f"sunny queries {sq}; helpdesk has no bulletin: a read_group by team and stage",
        )
        year = today.year - 1
        year_cases = Case.search_count(
            [("received_date", ">=", f"{year}-01-01"), ("received_date", "<", f"{year + 1}-01-01")]
        )

        def assessment():
            env["sunny.assessment"].create({"year": year}).action_compute()

        s, sq = timed(env, assessment, runs)
        res.add(f"annual assessment, {year} ({year_cases} cases)", s, None, None, "s", note=f"queries {sq}")

    if "dashboard" in only:
        Dashboard = env["sunny.dashboard"].with_user(center)  # the leadership's figures are the center's

        def dashboard():
            Dashboard.get_dashboard()

        s, sq = timed(env, dashboard, runs, rollback=False)
        res.add(
            "leadership dashboard, first load (month, year, units, ranking, topics, 12 months)",
            s * 1000,
            None,
            None,
            "ms",
            note=f"queries {sq}; helpdesk has no equivalent",
        )

    if "audience" in only:
        # a former member: an officer taken off the station with the most open cases;
        # the audience of those cases is applied again (followers, to-dos), undone after
        Station = env["sunny.station"]
        groups = env["sunny.case"]._read_group(
            [("state", "in", ("assigned", "processing", "review"))],
            ["unit_id"],
            ["__count"],
            order="__count desc",
            limit=1,
        )
        unit, open_cases = groups[0]
        station = Station.search([("unit_id", "=", unit.id)], limit=1)

        def remove_officer():
            station.write({"officer_ids": [Command.unlink(station.officer_ids[:1].id)]})

        s, sq = timed(env, remove_officer, runs)
        res.add(
            f"audience sync: an officer leaves a unit with {open_cases} open cases",
            s * 1000,
            None,
            None,
            "ms",
            note=f"queries {sq}; followers and to-dos of every open case of the unit checked again",
        )

    if "anonymise" in only:
        # the monthly job after the retention is shortened to one year for every type,
        # so that most of the three years of cases are past it; a few batches timed,
        # undone afterwards. The generated cases have identity records but no chatter:
        # the statements that clear the chatter find nothing to change.
        Case = env["sunny.case"]
        batches = 5
        with Rollback(env):
            params = env["ir.config_parameter"].sudo()
            params.set_param("sunny_service.retention_min_years", "1")
            params.set_param("sunny_service.retention_years", "1")
            env["sunny.retention.rule"].sudo().search([]).write({"years": 1})
            eligible = Case.sudo().search_count(Case._anonymise_domain())
            env.flush_all()
            q0 = env.cr.sql_log_count
            t0 = time.perf_counter()
            done = sum(Case._cron_anonymise() for _batch in range(batches))
            env.flush_all()
            elapsed = time.perf_counter() - t0
            queries = env.cr.sql_log_count - q0
        per_case = elapsed * 1000 / max(done, 1)
        res.add(
            f"anonymisation job, {done} cases in {batches} batches ({eligible:,} past a one-year retention)",
            per_case,
            None,
            None,
            "ms/case",
            note=f"queries {queries} ({queries // batches} per batch of 500); the whole backlog ≈ "
            f"{eligible * per_case / 60000:.0f} min of the job, in batches",
        )

    if "register" in only:
        target = min(n, 100000)
        env.cr.execute(
            "SELECT received_date FROM sunny_case ORDER BY received_date DESC OFFSET %s LIMIT 1", [target - 1]
        )
        row = env.cr.fetchone()
        date_from = row[0].date() if row else datetime.date(2000, 1, 1)
        date_to = datetime.date.today() + datetime.timedelta(days=1)
        report = env.ref("sunny_service_reports.action_report_sunny_register_xlsx")
        results = {}
        for label, dfrom in (("small", date_to - datetime.timedelta(days=30)), ("full", date_from)):
            wizard = env["sunny.register.wizard"].with_user(center).create({"date_from": dfrom, "date_to": date_to})
            count = Case.search_count(wizard._register_domain())
            env.cr.commit()
            with PeakRss() as mem:
                t0 = time.perf_counter()
                content, _fmt = report.with_user(center)._render_xlsx(report.report_name, wizard.ids, {})
                elapsed = time.perf_counter() - t0
            results[label] = (count, elapsed, mem.delta, len(content))
        count, elapsed, delta, size = results["full"]
        tickets = Ticket.search([], limit=count, order="create_date desc")
        export_fields = [
            "number",
            "name",
            "description",
            "stage_id/name",
            "team_id/name",
            "user_id/name",
            "category_id/name",
            "partner_name",
            "partner_email",
            "create_date",
            "closed_date",
        ]
        with PeakRss() as hmem:
            t0 = time.perf_counter()
            data = tickets.export_data(export_fields)["datas"]
            import io

            import xlsxwriter

            # what the web client's export does (web/controllers/export.py, ExportXlsxWriter)
            output = io.BytesIO()
            book = xlsxwriter.Workbook(output, {"in_memory": True})
            sheet = book.add_worksheet()
            for ci, name in enumerate(export_fields):
                sheet.write(0, ci, name)
            for ri, row_ in enumerate(data):
                for ci, cell in enumerate(row_):
                    sheet.write(
                        ri + 1, ci, cell if not isinstance(cell, datetime.datetime | datetime.date) else str(cell)
                    )
            book.close()
            helapsed = time.perf_counter() - t0
        del data
        env.invalidate_all()
        res.add(
            f"register export, {count} cases (XLSX, {size // 1024} KiB)",
            count / elapsed,
            count / helapsed,
            None,
            "records/s",
            "higher",
            note="helpdesk: the web client's XLSX export of as many tickets",
        )
        res.add(
            f"register export, peak memory ({count} cases)",
            delta,
            hmem.delta,
            None,
            "MiB",
            "none",
            note="RSS growth above the start, the XLSX bytes included (%d KiB); sunny at %d cases: %.1f MiB"
            % (size // 1024, results["small"][0], results["small"][2]),
        )
        # every case (a year of a province at 1,000,000) as the background export a large
        # register becomes: the job the cron runs, progress committed batch by batch
        Export = env["sunny.register.export"]
        wizard = (
            env["sunny.register.wizard"]
            .with_user(center)
            .create({"date_from": date_from.replace(year=2000), "date_to": date_to})
        )
        Export.with_user(center)._request(wizard)
        job = Export.search([("user_id", "=", center.id), ("state", "=", "queued")], order="id desc", limit=1)
        env.cr.commit()
        with PeakRss() as jmem:
            t0 = time.perf_counter()
            Export._cron_run()
            jelapsed = time.perf_counter() - t0
        job.invalidate_recordset()
        res.add(
            f"register export in the background, {job.case_count} cases (job {job.state})",
            job.case_count / jelapsed,
            None,
            None,
            "records/s",
            "higher",
            note="every case the center user reads, written by the cron job (sunny.register.export) as the user, "
            "progress committed per batch; XLSX %d KiB attached" % (job.attachment_id.file_size // 1024),
        )
        res.add(
            f"register export in the background, peak memory ({job.case_count} cases)",
            jmem.delta,
            None,
            None,
            "MiB",
            "none",
            note="RSS growth above the start; the finished file is read once to be attached",
        )


# ---------------------------------------------------------------------------- output


def machine():
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        pg = odoo_cmd.psql("SHOW server_version")
    except RuntimeError:
        pg = "?"
    return f"{os.cpu_count()} CPU ({cpu}), {mem:.0f} GiB RAM, PostgreSQL {pg}, Python {platform.python_version()}"


def table(res):
    head = "| metric | sunny_service | helpdesk_mgmt | raw PostgreSQL | unit | ratio (sunny vs helpdesk) | note |"
    lines = [head, "| --- | ---: | ---: | ---: | --- | ---: | --- |"]
    for row in res.rows:
        lines.append(
            f"| {row['metric']} | {fmt(row['sunny'])} | {fmt(row['helpdesk'])} | {fmt(row['raw'])} "
            f"| {row['unit']} | {ratio(row)} | {row['note']} |"
        )
    return "\n".join(lines)


def write_results(args, res, elapsed):
    partial = f" (only {args.only})" if args.only else ""
    text = (
        f"## {args.cases:,} cases{partial} — {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC\n\n"
        f"Machine: {machine()}. Scale: {args.cases:,} cases and {args.cases:,} tickets over three years; "
        f"median of {args.runs} runs; total bench time {elapsed / 60:.1f} min. "
        f"Ratio > 1 means sunny_service is better.\n\n{table(res)}\n"
    )
    path = os.path.join(HERE, "RESULTS.md")
    old = (
        open(path).read()
        if os.path.exists(path)
        else "# Benchmark results\n\nWritten by `make bench` (bench/run.py).\n\n"
    )
    marker = f"## {args.cases:,} cases{partial} — "
    # keep the results of other scales, replace this scale's section
    parts = old.split("\n## ")
    kept = [parts[0]] + ["## " + p for p in parts[1:] if not ("## " + p).startswith(marker)]
    with open(path, "w") as f:
        f.write("\n".join(p.rstrip("\n") + "\n" for p in kept) + "\n" + text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", f"results_{args.cases}.md"), "w") as f:
        f.write(text)
    print("\n" + text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=int(os.environ.get("CASES", 10000)))
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "sunny_bench"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=2000, help="records per bulk import batch")
    parser.add_argument(
        "--scan-batches",
        type=int,
        default=0,
        help="cap the first pass of the deadline scan to this many batches of 500 (0: all)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it at the same scale)")
    parser.add_argument("--only", default="", help="comma-separated metrics among " + ",".join(METRICS))
    args = parser.parse_args()
    if not args.db.startswith("sunny_bench"):
        sys.exit("the benchmark database name must start with sunny_bench")
    only = set(filter(None, args.only.split(","))) or set(METRICS)
    started = time.time()
    fresh = ensure_db(args)
    registry = start_odoo(args)
    from odoo import SUPERUSER_ID, api

    res = Results()
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if fresh:
                t0 = time.time()
                generate(env, args.cases)
                cr.commit()
                log(f"data generated in {time.time() - t0:.0f} s")
                # the words of the titles were filled by an UPDATE of every case: the table
                # compacted again, as a database loaded from a dump would be
                odoo_cmd.psql("VACUUM FULL sunny_case", args.db)
                # what autovacuum does on a live database over time: the visibility map
                # lets index-only scans count without reading the table
                for table in ("sunny_case", "helpdesk_ticket", "helpdesk_ticket_sla"):
                    odoo_cmd.psql(f"VACUUM {table}", args.db)
            # planner statistics, committed (ANALYZE in a transaction is rolled back with it, and
            # autovacuum then believes the tables were analyzed)
            cr.execute("ANALYZE")
            cr.commit()
            measure(env, args, res, only)
            cr.rollback()
        if "submit" in only and os.path.exists(os.path.join(HERE, "bench_http.py")):
            sys.path.insert(0, HERE)
            import bench_http  # noqa: PLC0415

            bench_http.run(args, res)
    finally:
        write_results(args, res, time.time() - started)
        if not args.keep:
            import odoo  # noqa: PLC0415

            odoo.modules.registry.Registry.delete(args.db)
            odoo.sql_db.close_db(args.db)
            odoo_cmd.drop_db(args.db, quiet=True)


if __name__ == "__main__":
    main()
