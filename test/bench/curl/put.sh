#!/usr/bin/env bash
# The curl baseline for one file, as a person would script it: generate-upload-url (POST), then PUT the
# bytes to the upload URL it returns.  usage: put.sh FILE [CONTENT_TYPE]
# env: WIX_API_BASE_URL, WIX_API_KEY, WIX_SITE_ID (the same three the CLI reads).
set -euo pipefail
f=$1
type=${2:-application/octet-stream}
name=${f##*/}
# sizeInBytes is optional; it is left out so the script needs no extra process per file.
resp=$(curl -sS --fail-with-body -X POST "$WIX_API_BASE_URL/site-media/v1/files/generate-upload-url" \
  -H "Authorization: $WIX_API_KEY" -H "wix-site-id: $WIX_SITE_ID" -H 'Content-Type: application/json' \
  -d "{\"mimeType\":\"$type\",\"fileName\":\"$name\"}")
[[ $resp =~ \"uploadUrl\":\"([^\"]+)\" ]] || { echo "put.sh: no uploadUrl in the generate answer" >&2; exit 1; }
curl -sS --fail-with-body -o /dev/null -T "$f" -H "Content-Type: $type" "${BASH_REMATCH[1]}?filename=$name"
