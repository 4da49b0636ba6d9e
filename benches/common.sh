# Shared by the benchmark scripts (sourced): a provisioned data dir with API credentials, a
# free port, and an access token. Account "bench", administrator "admin".

# provision DATA_DIR: runs `lambdabox setup` and `credentials create`; sets $id and $secret.
provision() {
  LAMBDABOX_ADMIN_PASSWORD=bench-password-1 "$BIN" setup --data-dir "$1" --account bench --admin admin >/dev/null
  local creds
  creds=$("$BIN" credentials create --data-dir "$1" --user admin)
  id=$(echo "$creds" | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientId"])')
  secret=$(echo "$creds" | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientSecret"])')
}

# free_port: prints a port nothing listens on.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# access_token PORT: prints an access token for $id and $secret from the server on PORT.
access_token() {
  curl -s -d grant_type=client_credentials -d "client_id=$id" -d "client_secret=$secret" "http://127.0.0.1:$1/oauth/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

# deploy_lambda BASE TOKEN NAME CODE: creates the lambda (CODE with its newlines written as \n,
# as in a JSON string) under BASE (…/api/account/ACC) and deploys it; prints its uuid.
deploy_lambda() {
  local uuid
  uuid=$(curl -s -H "Authorization: Bearer $2" -H 'content-type: application/json' \
    -d "{\"name\":\"$3\",\"implementation\":{\"code\":\"$4\"}}" "$1/lambdas" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["uuid"])')
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $2" "$1/deployments/$uuid"
  echo "$uuid"
}

# post_lua FILE TOKEN BODY: writes a wrk script that POSTs BODY as JSON with the bearer TOKEN.
post_lua() {
  cat > "$1" <<LUA
wrk.method = "POST"
wrk.body = '$3'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $2"
LUA
}
