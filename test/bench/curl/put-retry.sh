#!/usr/bin/env bash
# The curl baseline for an interrupted upload: a plain PUT cannot resume, so a failed one is re-sent
# from byte 0 with a fresh upload URL (up to 4 attempts).  usage: put-retry.sh FILE [CONTENT_TYPE]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for attempt in 1 2 3 4; do
  if bash "$here/put.sh" "$@"; then exit 0; fi
  echo "put-retry.sh: attempt $attempt failed; starting over" >&2
done
exit 1
