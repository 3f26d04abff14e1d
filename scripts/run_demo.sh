#!/usr/bin/env bash
# Start a local demo server of the project.
#
# 1. database $DB (default sunny_demo): created with Odoo's demo data and the
#    languages zh_CN (the default: users and partners get it) and en_US (kept
#    active so that the language switcher works) when it does not exist (or when RESET=1: dropped
#    and created again); the project's modules are installed if they are not yet;
# 2. sets web.base.url to the address it serves (http://127.0.0.1:$PORT) and freezes
#    it, so that mails and PDFs link to it; prints the URL and the demo logins
#    (sunny_service/demo/LOGINS.txt);
# 3. runs the server in the foreground on 127.0.0.1:$PORT (Ctrl-C stops it).
#
# Environment:
#   DB=sunny_demo        database name
#   PORT=8069            HTTP port
#   HTTP_INTERFACE=127.0.0.1   address to listen on (0.0.0.0 in a container)
#   RESET=1              drop and recreate the database
#   UPDATE=1             upgrade the modules (-u) of an existing database, e.g.
#                        after changing models or views
#   MODULES=sunny_service,sunny_service_reports
#   plus ODOO_DB_* / SUNNY_ADDONS_PATH (see scripts/odoo_cmd.py).
# Extra arguments are passed to the Odoo server, e.g. `--dev=xml,reload`.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
DB=${DB:-sunny_demo}
PORT=${PORT:-8069}
HTTP_INTERFACE=${HTTP_INTERFACE:-127.0.0.1}
MODULES=${MODULES:-sunny_service,sunny_service_reports}
odoo_cmd() { "$PYTHON" scripts/odoo_cmd.py "$@"; }

if [ "${RESET:-}" = 1 ] && odoo_cmd db-exists "$DB"; then
    echo "[demo] RESET=1: dropping database $DB"
    odoo_cmd drop-db "$DB"
fi

# Install (a new database gets demo data: Odoo 18 loads it unless --without-demo).
if ! odoo_cmd db-exists "$DB" || ! odoo_cmd modules-installed "$DB" "$MODULES"; then
    echo "[demo] installing $MODULES into database $DB (demo data, zh_CN + en_US); this takes a minute or two"
    # The first language of --load-language becomes the default of a new database.
    odoo_cmd run -d "$DB" -i "$MODULES" --load-language=zh_CN,en_US \
        --stop-after-init --no-http --max-cron-threads=0 --log-level=warn
elif [ "${UPDATE:-}" = 1 ]; then
    echo "[demo] UPDATE=1: upgrading $MODULES in database $DB"
    odoo_cmd run -d "$DB" -u "$MODULES" --stop-after-init --no-http --max-cron-threads=0 --log-level=warn
else
    echo "[demo] reusing database $DB (RESET=1 to recreate it, UPDATE=1 to upgrade the modules)"
fi

# Where the demo logins are documented (written by the addon's author).
logins=""
IFS=',' read -r -a addon_dirs <<< "${SUNNY_ADDONS_PATH:-$PWD}"
for dir in "${addon_dirs[@]}"; do
    if [ -f "$dir/sunny_service/demo/LOGINS.txt" ]; then logins="$dir/sunny_service/demo/LOGINS.txt"; break; fi
done

host=$HTTP_INTERFACE; [ "$host" = 0.0.0.0 ] && host=127.0.0.1
# Mails and PDFs link to web.base.url: the address served now, on every start (another
# PORT included), frozen so that a login from another address does not change it.
odoo_cmd set-params "$DB" "web.base.url=http://$host:$PORT" "web.base.url.freeze=True"
cat <<EOF

==============================================================================
 Sunny Service demo: http://$host:$PORT/
   back office: http://$host:$PORT/odoo     login page: http://$host:$PORT/web/login
   database: $DB
 Demo logins:
EOF
if [ -n "$logins" ]; then sed 's/^/   /' "$logins"; else echo "   admin / admin"; fi
echo "=============================================================================="
echo

exec "$PYTHON" scripts/odoo_cmd.py run -d "$DB" --db-filter="^${DB}\$" \
    --http-interface="$HTTP_INTERFACE" --http-port="$PORT" "$@"
