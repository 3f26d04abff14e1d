#!/usr/bin/env bash
# Prepare this machine to run and test the project.  Idempotent and fast when
# everything is already there (a few seconds): every step checks first and only
# acts when something is missing.
#
#   1. Odoo 18.0 must be importable by `python3` (a prerequisite, not installed here);
#   2. Debian packages: chromium (browser/tour tests), wkhtmltopdf (PDF reports),
#      fonts-noto-cjk (Chinese in PDFs and screenshots), poppler-utils (pdftotext,
#      to read PDFs back in tests), gettext (msgfmt, to check the .po files);
#   3. the Python packages of requirements.txt;
#   4. PostgreSQL answers;
#   5. the npm packages of package.json (axe-core, for the accessibility tests).
#
# Environment: PYTHON (default python3), ODOO_DB_HOST / ODOO_DB_PORT /
# ODOO_DB_USER (see scripts/odoo_cmd.py), SKIP_APT=1 to skip step 2.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
export PIP_ROOT_USER_ACTION=ignore  # no "running pip as root" warning
APT_PACKAGES=(chromium wkhtmltopdf fonts-noto-cjk poppler-utils gettext)

say() { echo "[setup] $*"; }
die() { echo "[setup] ERROR: $*" >&2; exit 1; }

as_root() {  # run a command as root (directly, or through sudo)
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to run: $*"; fi
}

# --- 1. Odoo 18.0 ------------------------------------------------------------
# Prints "<version> <package dir>", or exits 1 (not importable), 2 (only a namespace
# package: see repair_odoo_import), 3 (not 18.x).
odoo_status() {
    "$PYTHON" - <<'EOF' 2>/dev/null
import sys
try:
    import odoo
except Exception:
    sys.exit(1)
if getattr(odoo, "__file__", None) is None:
    sys.exit(2)
print(odoo.release.version, odoo.__path__[0])
sys.exit(0 if odoo.release.version_info[0] == 18 else 3)
EOF
}

# Installing an OCA wheel (odoo-addon-report-xlsx) creates site-packages/odoo/addons/.
# If Odoo was installed with `pip install -e <source>` in setuptools' default
# editable mode, that directory then hides Odoo: `import odoo` yields an empty
# namespace package.  The fix used by OCA is the "compat" editable mode, which
# puts the source directory on sys.path: reinstall Odoo that way (no deps, quick).
repair_odoo_import() {
    local src
    src=$("$PYTHON" - <<'EOF'
import json, importlib.metadata as md, urllib.parse
try:
    info = json.loads(md.distribution("odoo").read_text("direct_url.json") or "{}")
except Exception:
    info = {}
if info.get("dir_info", {}).get("editable"):
    print(urllib.parse.unquote(urllib.parse.urlparse(info["url"]).path))
EOF
)
    [ -n "$src" ] && [ -f "$src/setup.py" ] || return 1
    say "'import odoo' is hidden by site-packages/odoo (pip-installed OCA addon):"
    say "reinstalling Odoo from $src in compat editable mode"
    if ! "$PYTHON" -m pip install --quiet --no-deps --config-settings editable_mode=compat -e "$src"; then
        # Offline fallback, same effect as the compat mode: the source directory on sys.path.
        local purelib
        purelib=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
        say "pip failed; adding $src to sys.path with $purelib/odoo-source-compat.pth"
        echo "$src" > "$purelib/odoo-source-compat.pth" || return 1
    fi
}

check_odoo() {
    local version rc=0
    version=$(odoo_status) || rc=$?
    if [ "$rc" -eq 2 ]; then
        repair_odoo_import || true
        rc=0; version=$(odoo_status) || rc=$?
    fi
    case $rc in
        0) say "Odoo ${version% *} OK (${version#* })" ;;
        3) die "Odoo 18.0 is a prerequisite, but $PYTHON has Odoo ${version% *}: install Odoo 18.0 from source as README.md says." ;;
        *) die "Odoo 18.0 is a prerequisite and '$PYTHON -c \"import odoo\"' fails: install it from source as README.md says
       (git clone -b 18.0 --depth 1 https://github.com/odoo/odoo; $PYTHON -m pip install -r odoo/requirements.txt;
        $PYTHON -m pip install --config-settings editable_mode=compat -e ./odoo)." ;;
    esac
}

check_odoo

# --- 2. Debian packages ------------------------------------------------------
if [ "${SKIP_APT:-}" != 1 ]; then
    missing=()
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing Debian packages: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
        say "Debian packages OK (${APT_PACKAGES[*]})"
    fi
fi

# --- 3. Python packages ------------------------------------------------------
# Fast check: is every requirement of requirements.txt installed, in a matching
# version?  Only then is pip (slow) called.
requirements_ok() {
    "$PYTHON" - requirements.txt <<'EOF'
import sys, importlib.metadata as md
try:
    from packaging.requirements import Requirement
except ImportError:
    from pip._vendor.packaging.requirements import Requirement
missing = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    req = Requirement(line)
    try:
        version = md.version(req.name)
    except md.PackageNotFoundError:
        missing.append(line); continue
    if req.specifier and not req.specifier.contains(version, prereleases=True):
        missing.append("%s (have %s)" % (line, version))
if missing:
    print("missing: " + ", ".join(missing))
    sys.exit(1)
EOF
}
if out=$(requirements_ok); then
    say "Python requirements OK"
else
    say "$out"
    say "pip install -r requirements.txt"
    "$PYTHON" -m pip install --quiet -r requirements.txt
    requirements_ok >/dev/null || die "requirements.txt is still not satisfied after pip install"
    check_odoo  # the OCA wheel may have hidden Odoo (see repair_odoo_import)
fi

# --- 4. PostgreSQL ----------------------------------------------------------
pg_args=()
[ -n "${ODOO_DB_HOST:-}" ] && pg_args+=(-h "$ODOO_DB_HOST")
[ -n "${ODOO_DB_PORT:-}" ] && pg_args+=(-p "$ODOO_DB_PORT")
if ! pg_isready -q "${pg_args[@]}"; then
    case "${ODOO_DB_HOST:-}" in
        ""|localhost|127.0.0.1|/*)
            say "PostgreSQL does not answer: starting the local cluster"
            version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
            [ -n "$version" ] || die "no local PostgreSQL cluster in /etc/postgresql (apt-get install postgresql)"
            as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
            for _ in $(seq 30); do pg_isready -q "${pg_args[@]}" && break; sleep 1; done ;;
    esac
    pg_isready -q "${pg_args[@]}" || die "PostgreSQL does not answer (pg_isready ${pg_args[*]})"
fi
[ -n "${ODOO_DB_USER:-}" ] && pg_args+=(-U "$ODOO_DB_USER")
if ! PGPASSWORD=${ODOO_DB_PASSWORD:-} psql -X -q -tA "${pg_args[@]}" -d postgres \
        -c "SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolcreatedb OR rolsuper)" \
        2>/dev/null | grep -q 1; then
    die "PostgreSQL answers but role '${ODOO_DB_USER:-$(id -un)}' cannot log in or create databases
       (e.g. sudo -u postgres createuser --createdb $(id -un))"
fi
say "PostgreSQL OK"

# --- 5. npm packages (browser tests) ------------------------------------------
# axe-core checks the public pages' accessibility in the browser tests
# (sunny_service/tests/test_accessibility.py), at the version package-lock.json pins.
npm_ok() {
    node -e '
const lock = require("./package-lock.json").packages;
for (const [path, info] of Object.entries(lock)) {
    if (!path) continue;
    const have = require("./" + path + "/package.json").version;
    if (have !== info.version) throw new Error(path + " " + have + " != " + info.version);
}' 2>/dev/null
}
if npm_ok; then
    say "npm packages OK (package.json)"
else
    if ! command -v npm >/dev/null; then
        [ "${SKIP_APT:-}" = 1 ] && die "npm is missing (apt-get install npm), needed for package.json"
        say "installing Debian packages: nodejs npm"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
    fi
    say "npm ci (package.json: axe-core for the accessibility tests)"
    npm ci --no-audit --no-fund --loglevel=error
    npm_ok || die "package.json is still not satisfied after npm ci"
fi
