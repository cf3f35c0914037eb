#!/usr/bin/env bash
# Checks a running Millwright Keycloak (ops/millwright keycloak start) end to end:
# token claims and signature, the admin REST calls the server makes (documented in README.md),
# the organization scope and the web client's PKCE flow. Leaves nothing behind.
# Needs curl, jq, openssl and a JDK (java runs VerifyRs256.java). Usage: ops/keycloak/verify.sh
set -euo pipefail

HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
MW=$HERE/../millwright
eval "$("$MW" env)"
KC=$MILLWRIGHT_KEYCLOAK_URL
REALM=$MILLWRIGHT_KEYCLOAK_REALM
ADMIN=$KC/admin/realms/$REALM
OIDC=$KC/realms/$REALM/protocol/openid-connect
ADMIN_PASSWORD=${MILLWRIGHT_ADMIN_PASSWORD:-$(cat "$MILLWRIGHT_HOME/secrets/admin-password")}

passed=0
failed=0
check() { # description, command...
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1))
    printf 'ok   %s\n' "$what"
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n' "$what"
  fi
}
claims() { # JWT -> payload JSON
  local p
  p=$(cut -d. -f2 <<<"$1" | tr '_-' '/+')
  while ((${#p} % 4)); do p+='='; done
  base64 -d <<<"$p"
}
header() {
  local p
  p=$(cut -d. -f1 <<<"$1" | tr '_-' '/+')
  while ((${#p} % 4)); do p+='='; done
  base64 -d <<<"$p"
}
jq_true() { jq -e "$2" <<<"$1"; }

# --- discovery and the admin user's CLI token ------------------------------------------------
disco=$(curl -fsS "$KC/realms/$REALM/.well-known/openid-configuration")
check "issuer is $KC/realms/$REALM" jq_true "$disco" ".issuer == \"$KC/realms/$REALM\""

token=$("$MW" token)
c=$(claims "$token")
h=$(header "$token")
check "cli token: alg RS256" jq_true "$h" '.alg == "RS256"'
check "cli token: iss" jq_true "$c" ".iss == \"$KC/realms/$REALM\""
check "cli token: aud contains millwright-api" jq_true "$c" '.aud | if type == "array" then index("millwright-api") != null else . == "millwright-api" end'
check "cli token: realm_access.roles contains platform-admin" jq_true "$c" '.realm_access.roles | index("platform-admin") != null'
check "cli token: azp millwright-cli" jq_true "$c" '.azp == "millwright-cli"'
check "cli token: no organization claim without the scope" jq_true "$c" 'has("organization") | not'
kid=$(jq -r .kid <<<"$h")
jwk=$(curl -fsS "$OIDC/certs" | jq -c --arg kid "$kid" '.keys[] | select(.kid == $kid)')
check "cli token: RS256 signature verifies against the realm JWKS" \
  java "$HERE/VerifyRs256.java" "$token" "$(jq -r .n <<<"$jwk")" "$(jq -r .e <<<"$jwk")"
check "token command fails on a wrong password" bash -c "! '$MW' token --password wrong"

# --- the server's service account --------------------------------------------------------------
st=$(curl -fsS "$OIDC/token" -d grant_type=client_credentials --data-urlencode "client_id=$MILLWRIGHT_KEYCLOAK_CLIENT_ID" \
  --data-urlencode "client_secret=$MILLWRIGHT_KEYCLOAK_CLIENT_SECRET" | jq -r .access_token)
auth=(-H "Authorization: Bearer $st" -H 'Content-Type: application/json')
status() { # expected, method, url, [body]
  local want=$1 method=$2 url=$3 body=${4:-}
  local got
  if [[ -n $body ]]; then
    got=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X "$method" "$url" -d "$body")
  else
    got=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X "$method" "$url")
  fi
  [[ $got == "$want" ]]
}
location_id() { # method url body -> last path segment of Location
  curl -s -D - -o /dev/null "${auth[@]}" -X "$1" "$2" -d "$3" | tr -d '\r' | sed -n 's#^[Ll]ocation: .*/##p'
}

slug=verify-$RANDOM$RANDOM
user=$slug-user
org_id=$(location_id POST "$ADMIN/organizations" \
  "{\"name\":\"Verify $slug\",\"alias\":\"$slug\",\"enabled\":true,\"attributes\":{\"millwright.slug\":[\"$slug\"]}}")
check "create organization (201, id from Location)" test -n "$org_id"
check "duplicate alias is 409" status 409 POST "$ADMIN/organizations" "{\"name\":\"Other $slug\",\"alias\":\"$slug\"}"
found=$(curl -fsS "${auth[@]}" "$ADMIN/organizations?q=millwright.slug:$slug")
check "find organization by attribute q=millwright.slug:<slug>" jq_true "$found" "length == 1 and .[0].alias == \"$slug\""
found=$(curl -fsS "${auth[@]}" "$ADMIN/organizations?search=Verify%20$slug&exact=true")
check "find organization by exact name" jq_true "$found" ".[0].id == \"$org_id\""
check "get organization by id" status 200 GET "$ADMIN/organizations/$org_id"

user_id=$(location_id POST "$ADMIN/users" \
  "{\"username\":\"$user\",\"email\":\"$user@millwright.local\",\"firstName\":\"Verify\",\"lastName\":\"User\",\"enabled\":true,\"requiredActions\":[\"UPDATE_PASSWORD\"],\"credentials\":[{\"type\":\"password\",\"value\":\"Temp-$RANDOM-pass\",\"temporary\":true}]}")
check "create user with temporary password (201)" test -n "$user_id"
u=$(curl -fsS "${auth[@]}" "$ADMIN/users?email=$user@millwright.local&exact=true")
check "find user by exact email, UPDATE_PASSWORD required" jq_true "$u" ".[0].id == \"$user_id\" and (.[0].requiredActions | index(\"UPDATE_PASSWORD\") != null)"
check "add member (201)" status 201 POST "$ADMIN/organizations/$org_id/members" "\"$user_id\""
m=$(curl -fsS "${auth[@]}" "$ADMIN/organizations/$org_id/members?first=0&max=100")
check "list members contains the user" jq_true "$m" "map(.id) | index(\"$user_id\") != null"
check "user's organizations" jq_true "$(curl -fsS "${auth[@]}" "$ADMIN/organizations/members/$user_id/organizations")" ".[0].alias == \"$slug\""
check "password grant refused while the password is temporary" bash -c "! '$MW' token --user '$user' --password x"
pw=Verify-$RANDOM-$RANDOM
check "reset password (permanent) 204" status 204 PUT "$ADMIN/users/$user_id/reset-password" "{\"type\":\"password\",\"value\":\"$pw\",\"temporary\":false}"
t=$("$MW" token --user "$user" --password "$pw" --tenant "$slug" || true)
check "token --tenant <slug>: organization claim is [slug]" jq_true "$(claims "$t")" ".organization == [\"$slug\"]"
check "token --tenant for a non-member fails" bash -c "! '$MW' token --tenant '$slug'"
check "remove member (204)" status 204 DELETE "$ADMIN/organizations/$org_id/members/$user_id"
check "member count is 0" jq_true "$(curl -fsS "${auth[@]}" "$ADMIN/organizations/$org_id/members/count")" '. == 0'
check "delete organization (204)" status 204 DELETE "$ADMIN/organizations/$org_id"
check "organization gone (404)" status 404 GET "$ADMIN/organizations/$org_id"
check "delete user (204)" status 204 DELETE "$ADMIN/users/$user_id"
check "service account cannot list clients (403)" status 403 GET "$ADMIN/clients"

# --- millwright-web: authorization code + PKCE S256, port-independent loopback redirect ---------
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
verifier=$(openssl rand -base64 48 | tr -dc 'A-Za-z0-9' | head -c 64)
challenge=$(printf '%s' "$verifier" | openssl dgst -binary -sha256 | base64 | tr '+/' '-_' | tr -d '=')
redirect=http://127.0.0.1:43210/callback
page=$(curl -fsS -c "$jar" -b "$jar" "$OIDC/auth?client_id=millwright-web&response_type=code&scope=openid&state=s1&redirect_uri=$(jq -rn --arg u "$redirect" '$u|@uri')&code_challenge=$challenge&code_challenge_method=S256" || true)
action=$(grep -o 'action="[^"]*"' <<<"$page" | head -n 1 | sed 's/^action="//; s/"$//; s/&amp;/\&/g')
loc=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$action" \
  --data-urlencode username=admin --data-urlencode "password=$ADMIN_PASSWORD" -d credentialId=)
code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$loc")
check "web login redirects to the loopback callback with a code" test -n "$code"
wt=$(curl -fsS "$OIDC/token" -d grant_type=authorization_code -d client_id=millwright-web --data-urlencode "code=$code" \
  --data-urlencode "redirect_uri=$redirect" --data-urlencode "code_verifier=$verifier" | jq -r .access_token || true)
check "web token: aud contains millwright-api" jq_true "$(claims "$wt")" '.aud | index("millwright-api") != null'
check "web auth request without PKCE is refused" bash -c \
  "curl -s -o /dev/null -w '%{redirect_url}' '$OIDC/auth?client_id=millwright-web&response_type=code&state=s&redirect_uri=http%3A%2F%2Flocalhost%3A9080%2Fcb' | grep -q code_challenge"

echo "verify: $passed passed, $failed failed"
((failed == 0))
