#!/usr/bin/env bash
# The checks of .pre-commit-config.yaml, run without pre-commit (which clones its
# hooks from GitHub): ruff, ruff format, pylint-odoo with .pylintrc-mandatory
# (blocking) and .pylintrc (the optional checks, reported), oca-checks-odoo-module
# and oca-checks-po. The tools come from PyPI, at the versions the pre-commit config
# pins, in a virtualenv of their own: .lint-venv (LINT_VENV=... for another).
#
#   scripts/lint.sh          report; change nothing; exit 1 when a blocking check fails
#   scripts/lint.sh --fix    let ruff fix and format the files first, as pre-commit does
#   scripts/lint.sh --stats  the number of findings per tool and rule, nothing else
set -uo pipefail
cd "$(dirname "$0")/.."

mode=${1:-check}
case "$mode" in
    check|--fix|--stats) ;;
    *) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 2 ;;
esac
ADDONS=(sunny_service sunny_service_reports)
PYTHON=${PYTHON:-python3}
VENV=${LINT_VENV:-.lint-venv}

# the version pre-commit would use for a hook repository
rev_of() {
    awk -v repo="$1" '$0 ~ "repo: .*/" repo "$" { getline; sub(/^ *rev: *v?/, ""); print; exit }' \
        .pre-commit-config.yaml
}
want="ruff==$(rev_of ruff-pre-commit) pylint-odoo==$(rev_of pylint-odoo)"
want+=" oca-odoo-pre-commit-hooks==$(rev_of odoo-pre-commit-hooks)"
if [ "$(cat "$VENV/versions.txt" 2>/dev/null)" != "$want" ]; then
    echo "[lint] installing $want into $VENV" >&2
    "$PYTHON" -m venv "$VENV" && "$VENV/bin/pip" install -q $want && echo "$want" > "$VENV/versions.txt" \
        || { echo "[lint] could not install the tools from PyPI" >&2; exit 2; }
fi
bin=$VENV/bin
mapfile -t po_files < <(git ls-files '*.po' '*.pot')
# the checks whose findings fail the run (OCA's mandatory ones)
mandatory=$(sed -n '/^enable=/,/^$/p' .pylintrc-mandatory | tr -d ' ,' | sed 's/^enable=//' | grep -v '^#')

pylint_all() {  # one pylint run with every check, the mandatory ones told apart
    "$bin/pylint" --rcfile=.pylintrc --exit-zero --output-format=parseable "${ADDONS[@]}" 2>&1 \
        | grep -E '^[^ ]+:[0-9]+: \['
}

if [ "$mode" = --stats ]; then
    echo "# findings per rule: tool rule count"
    "$bin/ruff" check --no-fix --statistics --output-format=concise . 2>/dev/null \
        | awk '$1 ~ /^[0-9]+$/ { print "ruff", $2, $1 }'
    echo "ruff-format files-to-reformat $("$bin/ruff" format --check . 2>/dev/null | grep -c '^Would reformat')"
    pylint_all | sed -E 's/.*\[[A-Z0-9]+\(([a-z0-9-]+)\).*/\1/' | sort | uniq -c \
        | while read -r count symbol; do
            kind=optional; grep -qx "$symbol" <<< "$mandatory" && kind=mandatory
            echo "pylint-odoo($kind) $symbol $count"
        done
    "$bin/oca-checks-odoo-module" "${ADDONS[@]}" 2>/dev/null | awk 'NF > 1 { print "oca-checks-odoo-module", $2 }' \
        | sort | uniq -c | awk '{ print $2, $3, $1 }'
    "$bin/oca-checks-po" --disable=po-pretty-format "${po_files[@]}" 2>/dev/null \
        | awk 'NF > 1 { print "oca-checks-po", $2 }' | sort | uniq -c | awk '{ print $2, $3, $1 }'
    exit 0
fi

failed=()
if [ "$mode" = --fix ]; then
    "$bin/ruff" check --fix . ; "$bin/ruff" format .
fi
echo "== ruff"; "$bin/ruff" check --no-fix . || failed+=(ruff)
echo "== ruff format"; "$bin/ruff" format --check . || failed+=(ruff-format)
echo "== pylint-odoo (.pylintrc: mandatory and optional checks)"
findings=$(pylint_all)
[ -n "$findings" ] && echo "$findings"
while read -r symbol; do
    [ -n "$symbol" ] && grep -qx "$symbol" <<< "$mandatory" && { failed+=(pylint-odoo); break; }
done < <(sed -E 's/.*\[[A-Z0-9]+\(([a-z0-9-]+)\).*/\1/' <<< "$findings" | sort -u)
echo "== oca-checks-odoo-module"; "$bin/oca-checks-odoo-module" "${ADDONS[@]}" || failed+=(oca-checks-odoo-module)
echo "== oca-checks-po"
"$bin/oca-checks-po" --disable=po-pretty-format "${po_files[@]}" || failed+=(oca-checks-po)

if [ ${#failed[@]} -gt 0 ]; then
    echo "[lint] failed: ${failed[*]} (scripts/lint.sh --stats counts the findings per rule)"
    exit 1
fi
echo "[lint] all checks passed"
