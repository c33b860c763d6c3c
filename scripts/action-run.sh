#!/usr/bin/env bash
# The lint step of the docklint GitHub Action (action.yml), kept in a file so that it can be run
# and tested outside GitHub (packages/cli/test/integrations-action.test.ts runs it).
#
# Input, from the environment (action.yml maps its inputs to these):
#   DOCKLINT_BIN          the CLI to run (action.yml: <the action's checkout>/packages/cli/bin/docklint.js)
#   DOCKLINT_PATHS        files, directories or globs; one per line, or separated by spaces
#                         when on one line (default: ".")
#   DOCKLINT_CONFIG       a config file (--config); empty: looked up from each file's directory
#   DOCKLINT_FORMAT       the format printed to the log (default: friendly)
#   DOCKLINT_FAIL_ON      error (default: fail when there are errors), warning (also fail on
#                         warnings: --max-warnings 0) or never (report only)
#   DOCKLINT_SARIF_FILE   where the SARIF report is written (default: docklint.sarif); empty:
#                         no SARIF report
#   GITHUB_OUTPUT         file that step outputs are appended to (set by GitHub; optional here)
# Output (to GITHUB_OUTPUT): exit-code (docklint's), sarif-file (absolute path, when written).
# Exit code: 0 passed; 1 failed under DOCKLINT_FAIL_ON; 2 docklint could not run (bad input,
# config or usage: its message is on standard error).
set -uo pipefail

bin=${DOCKLINT_BIN:-}
paths_input=${DOCKLINT_PATHS:-.}
config=${DOCKLINT_CONFIG:-}
format=${DOCKLINT_FORMAT:-friendly}
fail_on=${DOCKLINT_FAIL_ON:-error}
sarif_file=${DOCKLINT_SARIF_FILE-docklint.sarif}
output=${GITHUB_OUTPUT:-/dev/null}

fatal() {
  echo "::error title=docklint::$1"
  echo "docklint action: $1" >&2
  exit 2
}

[ -n "$bin" ] || fatal "DOCKLINT_BIN is not set: it must name the docklint CLI (packages/cli/bin/docklint.js)."
[ -f "$bin" ] || fatal "The docklint CLI \"$bin\" does not exist: the action's install step (pnpm install && pnpm build) must run first."
case "$fail_on" in
  error | warning | never) ;;
  *) fatal "Invalid input fail-on \"$fail_on\": expected error, warning or never." ;;
esac

# One path per line when the input has several lines (paths may contain spaces then), else words.
paths=()
if [[ "$paths_input" == *$'\n'* ]]; then
  while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [ -n "$line" ] && paths+=("$line")
  done <<<"$paths_input"
else
  read -r -a paths <<<"$paths_input"
fi
[ "${#paths[@]}" -gt 0 ] || paths=(.)

args=()
[ -n "$config" ] && args+=(--config "$config")
[ "$fail_on" = warning ] && args+=(--max-warnings 0)
# The SARIF report goes to its file, the chosen format to the log: one run, one lint.
if [ -n "$sarif_file" ] && [ "$format" != sarif ]; then
  args+=(--format sarif --output-file "$sarif_file" --format "$format")
elif [ -n "$sarif_file" ]; then
  args+=(--format sarif --output-file "$sarif_file")
else
  args+=(--format "$format")
fi

# "--" so that a path starting with "-" is not read as an option.
node "$bin" "${args[@]}" -- "${paths[@]}"
code=$?

echo "exit-code=$code" >>"$output"
if [ "$code" -le 1 ] && [ -n "$sarif_file" ] && [ -f "$sarif_file" ]; then
  case "$sarif_file" in
    /*) echo "sarif-file=$sarif_file" >>"$output" ;;
    *) echo "sarif-file=$PWD/$sarif_file" >>"$output" ;;
  esac
fi

case "$code" in
  0) exit 0 ;;
  1)
    if [ "$fail_on" = never ]; then
      echo "docklint found problems; fail-on is \"never\", so the step passes."
      exit 0
    fi
    exit 1
    ;;
  *) exit 2 ;;
esac
