#!/usr/bin/env bash
# The curl baseline for a batch: put.sh (generate + PUT) once per file, 8 at a time under xargs -P.
# usage: batch.sh DIR [PARALLEL]   env: as put.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
find "$1" -type f -print0 | xargs -0 -n 1 -P "${2:-8}" bash "$here/put.sh"
