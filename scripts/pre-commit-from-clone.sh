#!/usr/bin/env bash
# Installs the `docklint` pre-commit hook the way a user's `.pre-commit-config.yaml` does — from a
# git clone of this repository, with the published definition (`language: node`) — and runs it on
# a scratch project. pre-commit's node installer runs `npm install` in the clone (from the npm
# registry: this needs the network, so it is a CI step, not a test), `npm pack` (the root's
# prepack builds the self-contained CLI bundle) and `npm install -g` of that tarball.
# Usage: scripts/pre-commit-from-clone.sh [repository, default: this checkout's HEAD]
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone -q "$repo" "$work/hook-repo"
rev=$(git -C "$work/hook-repo" rev-parse HEAD)

project="$work/project"
mkdir -p "$project/deploy"
cd "$project"
git init -q -b main
printf 'FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl\nCMD ["bash"]\n' > Dockerfile
printf 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n' > deploy/compose.yaml
printf 'FROM alpine\n' > notes.txt
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $work/hook-repo
    rev: $rev
    hooks:
      - id: docklint
        args: [--format, compact]
YAML
git add -A

export PRE_COMMIT_HOME="$work/pre-commit-home" NO_COLOR=1
set +e
output=$(pre-commit run --all-files 2>&1)
status=$?
set -e
printf '%s\n' "$output"
fail() { echo "pre-commit-from-clone: $*" >&2; exit 1; }
[ "$status" -eq 1 ] || fail "expected exit 1 (lint errors in Dockerfile), got $status"
grep -q "require-non-root-user" <<<"$output" || fail "expected require-non-root-user in the hook's output"
grep -q "deploy/compose.yaml" <<<"$output" || fail "expected the Compose file to be linted"
if grep -q "notes.txt" <<<"$output"; then fail "notes.txt is not a Dockerfile and must not be passed"; fi
# npm installed yaml unpatched in the clone: the bundle build must have applied docklint's change
# (scripts/yaml-patch.mjs) to the copy it carries.
bundle=$(find "$PRE_COMMIT_HOME" -path '*/dist/bundle/cli.cjs' -print -quit)
[ -n "$bundle" ] || fail "cannot find the installed hook's dist/bundle/cli.cjs under $PRE_COMMIT_HOME"
grep -q '\blexTo\b' "$bundle" || fail "the installed bundle carries yaml without docklint's change (no lexTo, which only the changed lexer has): $bundle"
echo "pre-commit-from-clone: the hook installed from $repo@${rev:0:7} with language: node and reported the expected findings"
