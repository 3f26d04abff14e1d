#!/usr/bin/env bash
# Bring the translation files up to date with the code: export each addon's terms
# to <addon>/i18n/<addon>.pot from a database where both addons are installed, and
# merge them into <addon>/i18n/zh_CN.po (new terms come in untranslated, gone
# terms are dropped). Then translate what it lists; the tests (test_i18n.py)
# fail while a term has no Chinese.
#
#   scripts/i18n_sync.sh          on a fresh database (I18N_DB, default sunny_i18n), dropped afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
DB=${I18N_DB:-sunny_i18n}
"$PYTHON" scripts/odoo_cmd.py drop-db "$DB" >/dev/null 2>&1 || true
trap '"$PYTHON" scripts/odoo_cmd.py drop-db "$DB" >/dev/null 2>&1 || true' EXIT
"$PYTHON" scripts/odoo_cmd.py run -d "$DB" -i sunny_service,sunny_service_reports \
    --without-demo=all --stop-after-init --log-level=warn
for addon in sunny_service sunny_service_reports; do
    "$PYTHON" scripts/odoo_cmd.py run -d "$DB" --i18n-export="$addon/i18n/$addon.pot" \
        --modules="$addon" --stop-after-init --log-level=warn
    msgmerge --quiet --no-fuzzy-matching -U --backup=none \
        "$addon/i18n/zh_CN.po" "$addon/i18n/$addon.pot" || true
    untranslated=$(msgattrib --untranslated --no-obsolete "$addon/i18n/zh_CN.po" | grep -c '^msgid ' || true)
    echo "$addon: $(( untranslated > 0 ? untranslated - 1 : 0 )) untranslated"
    msgattrib --no-obsolete -o "$addon/i18n/zh_CN.po" "$addon/i18n/zh_CN.po"
done
