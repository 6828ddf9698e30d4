#!/usr/bin/env bash
# The curl baseline for the resumable flow (tus 1.0.0, one PATCH for the whole file):
# generate-resumable-upload-url, tus create (POST), PATCH the bytes, finalize (PUT <uploadUrl>/<uploadToken>).
# usage: tus.sh FILE [CONTENT_TYPE]   env: as put.sh
set -euo pipefail
f=$1
type=${2:-application/octet-stream}
name=${f##*/}
size=$(stat -c %s "$f")
resp=$(curl -sS --fail-with-body -X POST "$WIX_API_BASE_URL/site-media/v1/files/generate-resumable-upload-url" \
  -H "Authorization: $WIX_API_KEY" -H "wix-site-id: $WIX_SITE_ID" -H 'Content-Type: application/json' \
  -d "{\"mimeType\":\"$type\",\"fileName\":\"$name\",\"sizeInBytes\":\"$size\",\"uploadProtocol\":\"TUS\"}")
[[ $resp =~ \"uploadUrl\":\"([^\"]+)\" ]] || { echo "tus.sh: no uploadUrl in the generate answer" >&2; exit 1; }
endpoint=${BASH_REMATCH[1]}
[[ $resp =~ \"uploadToken\":\"([^\"]+)\" ]] || { echo "tus.sh: no uploadToken in the generate answer" >&2; exit 1; }
token=${BASH_REMATCH[1]}
b64() { printf %s "$1" | base64 -w0; }
headers=$(curl -sS --fail-with-body -o /dev/null -D - -X POST "$endpoint" -H 'Tus-Resumable: 1.0.0' \
  -H "Upload-Length: $size" -H "Upload-Metadata: filename $(b64 "$name"),contentType $(b64 "$type"),token $(b64 "$token")")
location=$(printf '%s' "$headers" | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')
[[ -n $location ]] || { echo "tus.sh: the tus create answer had no Location" >&2; exit 1; }
curl -sS --fail-with-body -o /dev/null -X PATCH -T "$f" "$location" -H 'Tus-Resumable: 1.0.0' \
  -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream'
curl -sS --fail-with-body -o /dev/null -X PUT "$endpoint/$token?filename=$name" -H 'Content-Type: application/json' -d '{}'
