#!/usr/bin/env sh
# Installs the Debian packages that csp-net's Go client test (GoClientTest) needs, so it runs
# instead of being skipped: Go 1.19, protoc, the Go protobuf plugin and the Go gRPC library.
#   csp-net/install-go-deps.sh
# Idempotent: packages already installed are left alone and nothing is fetched then. Uses sudo
# when not run as root. Nothing else is fetched at test time: the test builds the Go client in
# GOPATH mode against /usr/share/gocode (see docs/net.md, "The wire protocol").
set -eu
packages="golang-1.19 golang-google-grpc-dev golang-goprotobuf-dev protobuf-compiler"
missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  echo "install-go-deps.sh: already installed:$(printf ' %s' $packages)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-go-deps.sh: no apt-get here; install these packages (or their equivalents) by hand:$missing" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
echo "install-go-deps.sh: installing$missing" >&2
# shellcheck disable=SC2086
if ! $sudo apt-get install -y --no-install-recommends $missing; then
  # a fresh machine may have no package lists yet
  $sudo apt-get update
  # shellcheck disable=SC2086
  $sudo apt-get install -y --no-install-recommends $missing
fi
echo "install-go-deps.sh: done; GoClientTest now runs (mvn -B -pl csp-net -am verify)"
