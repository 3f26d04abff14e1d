#!/usr/bin/env python3
"""Build the Odoo command line for this project (one place for every script).

The project does not ship Odoo: it runs the Odoo 18.0 installed in the current
interpreter (`python3 -m odoo`).  This helper works out, from that installation:

* the addons path: Odoo's own addons (``<odoo package>/addons``, the ``addons``
  directory next to the package in a source checkout, e.g. /opt/odoo/addons),
  every other directory of the ``odoo.addons`` namespace (this is where pip puts
  OCA wheels such as ``odoo-addon-report-xlsx``: site-packages/odoo/addons), and
  the project's addons (the repository root);
* the database connection options, from environment variables;
* a data directory (filestore, sessions) private to the project.

Environment variables (all optional):

  ODOO_DB_HOST, ODOO_DB_PORT, ODOO_DB_USER, ODOO_DB_PASSWORD
                      PostgreSQL connection (default: local socket, current user)
  ODOO_DATA_DIR       Odoo data dir (default: <repo>/.odoo-data)
  SUNNY_ADDONS_PATH   comma-separated directories holding the project's addons
                      (default: the repository root; used to test the tooling
                      against throw-away addons)
  EXTRA_ADDONS_PATH   comma-separated directories appended to the addons path

Usage as a command:

  scripts/odoo_cmd.py addons-path          print the addons path
  scripts/odoo_cmd.py run [ODOO ARGS...]   exec `python3 -m odoo` with the
                                           project options + ODOO ARGS
  scripts/odoo_cmd.py cmd [ODOO ARGS...]   print that command instead
  scripts/odoo_cmd.py db-exists NAME       exit 0 if database NAME exists
  scripts/odoo_cmd.py modules-installed NAME MOD[,MOD]
                                           exit 0 if all MODs are installed in NAME
  scripts/odoo_cmd.py drop-db NAME...      drop databases (and their filestore)
  scripts/odoo_cmd.py set-params NAME KEY=VALUE...
                                           set system parameters (ir.config_parameter)
                                           of database NAME, e.g. web.base.url
  scripts/odoo_cmd.py list-dbs PATTERN     list databases matching a SQL LIKE pattern

It is also imported by scripts/run_tests.py.
"""

import os
import shlex
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = sys.executable or "python3"


def fail(msg, code=2):
    print("ERROR: " + msg, file=sys.stderr)
    sys.exit(code)


def import_odoo():
    """Import the installed Odoo, checking that it is a usable 18.0."""
    try:
        import odoo  # noqa: PLC0415

        import odoo.addons  # noqa: PLC0415
    except ImportError as exc:
        fail(
            f"Odoo 18.0 is a prerequisite and `import odoo` fails ({exc}): install it "
            "from source as README.md says, then run scripts/setup.sh."
        )
    if getattr(odoo, "__file__", None) is None:
        # `odoo` resolved to a bare namespace package: an OCA wheel created
        # site-packages/odoo/ and hides an editable (non-compat) Odoo install.
        fail(
            f"`import odoo` finds only a namespace package ({list(odoo.__path__)}): Odoo was installed "
            "with `pip install -e` in the default editable mode, which pip-installed "
            "OCA addons (odoo-addon-*) break. Run scripts/setup.sh, which reinstalls "
            "it with `pip install --no-deps --config-settings editable_mode=compat "
            "-e <odoo source>`."
        )
    version = odoo.release.version_info
    if version[0] != 18:
        fail(f"Odoo 18.0 is a prerequisite, found {odoo.release.version} at {odoo.__file__}.")
    return odoo


def _has_addons(path):
    """True when `path` is a directory containing at least one Odoo addon."""
    try:
        entries = os.listdir(path)
    except OSError:
        return False
    return any(os.path.isfile(os.path.join(path, e, "__manifest__.py")) for e in entries)


def _split(value):
    return [p.strip() for p in (value or "").split(",") if p.strip()]


def addons_path():
    """The list of addons directories, Odoo's own first, the project's last."""
    odoo = import_odoo()
    pkg_dir = os.path.dirname(os.path.abspath(odoo.__file__))
    candidates = [
        os.path.join(pkg_dir, "addons"),  # odoo/addons (base, ...)
        os.path.join(os.path.dirname(pkg_dir), "addons"),  # <source>/addons (mail, ...)
    ]
    # Other portions of the odoo.addons namespace: OCA wheels installed by pip
    # (site-packages/odoo/addons/report_xlsx).  Odoo would find them by itself
    # (odoo.addons.__path__ is kept when it builds its path) but listing them
    # makes the path explicit in logs and robust to other install layouts.
    candidates += list(odoo.addons.__path__)
    candidates += _split(os.environ.get("SUNNY_ADDONS_PATH")) or [REPO_ROOT]
    candidates += _split(os.environ.get("EXTRA_ADDONS_PATH"))
    result = []
    for path in candidates:
        path = os.path.realpath(path)
        if path not in result and _has_addons(path):
            result.append(path)
    return result


def db_options():
    """Odoo command-line options for the PostgreSQL connection."""
    opts = []
    for env, opt in (
        ("ODOO_DB_HOST", "--db_host"),
        ("ODOO_DB_PORT", "--db_port"),
        ("ODOO_DB_USER", "--db_user"),
        ("ODOO_DB_PASSWORD", "--db_password"),
    ):
        if os.environ.get(env):
            opts += [opt, os.environ[env]]
    return opts


def data_dir():
    return os.environ.get("ODOO_DATA_DIR") or os.path.join(REPO_ROOT, ".odoo-data")


def base_command():
    """`python3 -m odoo` + addons path + data dir + database connection."""
    return [PYTHON, "-m", "odoo", "--addons-path=" + ",".join(addons_path()), "--data-dir=" + data_dir()] + db_options()


def pg_env():
    """Environment for psql & co, derived from the ODOO_DB_* variables."""
    env = dict(os.environ)
    for src, dst in (
        ("ODOO_DB_HOST", "PGHOST"),
        ("ODOO_DB_PORT", "PGPORT"),
        ("ODOO_DB_USER", "PGUSER"),
        ("ODOO_DB_PASSWORD", "PGPASSWORD"),
    ):
        if os.environ.get(src):
            env[dst] = os.environ[src]
    return env


def psql(sql, dbname="postgres"):
    """Run one SQL query with psql, return its unaligned output."""
    out = subprocess.run(
        ["psql", "-X", "-q", "-tA", "-d", dbname, "-c", sql], env=pg_env(), capture_output=True, text=True
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return out.stdout.strip()


def _quote(value):
    return "'" + value.replace("'", "''") + "'"


def db_exists(name):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = {_quote(name)}") == "1"


def list_dbs(pattern):
    out = psql(f"SELECT datname FROM pg_database WHERE datname LIKE {_quote(pattern)} ORDER BY 1")
    return [line for line in out.splitlines() if line]


def modules_installed(dbname, modules):
    names = ",".join(_quote(m) for m in modules)
    try:
        count = psql(
            "SELECT count(*) FROM ir_module_module WHERE state = 'installed' " f"AND name IN ({names})",
            dbname=dbname,
        )
    except RuntimeError:
        return False  # not an Odoo database (yet)
    return count == str(len(modules))


def set_params_sql(params):
    """The SQL that sets the system parameters ``params`` (key -> value), created or
    replaced, as ``ir.config_parameter.set_param`` would store them."""
    now = "(now() at time zone 'UTC')"
    rows = ", ".join(f"({_quote(key)}, {_quote(value)}, 1, 1, {now}, {now})" for key, value in params.items())
    return (
        "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date) "
        f"VALUES {rows} ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "
        "write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date"
    )


def set_params(dbname, params):
    psql(set_params_sql(params), dbname=dbname)


def drop_db(name, quiet=False):
    """Drop a database and its filestore with `odoo db drop`; fall back to dropdb."""
    if not db_exists(name):
        return True
    cmd = [PYTHON, "-m", "odoo", "db", "--data-dir", data_dir()]
    for env, opt in (
        ("ODOO_DB_HOST", "--db_host"),
        ("ODOO_DB_PORT", "--db_port"),
        ("ODOO_DB_USER", "--db_user"),
        ("ODOO_DB_PASSWORD", "--db_password"),
    ):
        if os.environ.get(env):
            cmd += [opt, os.environ[env]]
    cmd += ["drop", name]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0 or db_exists(name):
        out = subprocess.run(["dropdb", "--if-exists", name], env=pg_env(), capture_output=True, text=True)
    ok = not db_exists(name)
    if not quiet:
        print(("dropped database %s" if ok else "could NOT drop database %s") % name)
    return ok


def main(argv):
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    action, args = argv[0], argv[1:]
    if action == "addons-path":
        print(",".join(addons_path()))
    elif action == "cmd":
        print(shlex.join(base_command() + args))
    elif action == "run":
        cmd = base_command() + args
        os.execv(cmd[0], cmd)
    elif action == "db-exists":
        return 0 if db_exists(args[0]) else 1
    elif action == "modules-installed":
        return 0 if modules_installed(args[0], _split(args[1])) else 1
    elif action == "list-dbs":
        print("\n".join(list_dbs(args[0])))
    elif action == "set-params":
        params = dict(arg.split("=", 1) for arg in args[1:])
        set_params(args[0], params)
    elif action == "drop-db":
        return 0 if all([drop_db(name) for name in args]) else 1
    else:
        fail(f"unknown action {action!r}, see --help")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
