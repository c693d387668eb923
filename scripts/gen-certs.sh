#!/usr/bin/env bash
# Makes the certificates for mutual TLS between cart (client) and customers' gRPC (server):
# a local CA, a server certificate for customers whose subjectAltName covers the names it is
# reached by (docker compose: `customers`; Kubernetes: the headless Service
# `customers-grpc.<namespace>.svc.cluster.local`), and a client certificate for cart.
#
#   scripts/gen-certs.sh [--out DIR] [--days N] [--namespace NS] [--san DNS-NAME]... [--force]
#                        [--readable-keys]
#
# Writes into certs/ by default (git-ignored; never commit these files, never bake them into
# an image). Private keys are created with mode 0600; --readable-keys makes them 0644, which a
# Linux docker compose needs when your user id is not the containers' (1000) - local use only.
set -euo pipefail

out="certs"
days=365
namespace="cartwright"
force=false
readable_keys=false
extra_sans=()

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --days) days="${2:?--days needs a number}"; shift 2 ;;
    --namespace) namespace="${2:?--namespace needs a name}"; shift 2 ;;
    --san) extra_sans+=("${2:?--san needs a DNS name}"); shift 2 ;;
    --force) force=true; shift ;;
    --readable-keys) readable_keys=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

if ! [[ "$days" =~ ^[1-9][0-9]*$ ]]; then
  echo "--days must be a positive whole number, got '$days'" >&2
  exit 2
fi
if ! [[ "$namespace" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]]; then
  echo "--namespace must be a Kubernetes namespace name, got '$namespace'" >&2
  exit 2
fi
command -v openssl >/dev/null || { echo "openssl is required" >&2; exit 1; }

mkdir -p "$out"
if [ -e "$out/ca.key" ] && [ "$force" != true ]; then
  echo "$out/ca.key exists: pass --force to replace the whole set (clients must then get the new CA)" >&2
  exit 1
fi

# Keys are never readable by others, even between two commands.
umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

server_sans=(
  "DNS:customers"
  "DNS:localhost"
  "DNS:customers-grpc"
  "DNS:customers-grpc.${namespace}"
  "DNS:customers-grpc.${namespace}.svc"
  "DNS:customers-grpc.${namespace}.svc.cluster.local"
  "IP:127.0.0.1"
  "IP:::1"
)
for san in "${extra_sans[@]+"${extra_sans[@]}"}"; do
  server_sans+=("DNS:${san}")
done
san_line="$(IFS=,; echo "${server_sans[*]}")"

newkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# Certificate authority: signs the two leaf certificates, nothing else.
newkey "$work/ca.key"
openssl req -x509 -new -key "$work/ca.key" -sha256 -days "$days" \
  -subj "/O=Cartwright local/CN=Cartwright local CA $(date -u +%Y%m%dT%H%M%SZ)" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out "$work/ca.crt"

sign() {
  local name="$1" subject="$2" extensions="$3"
  newkey "$work/$name.key"
  openssl req -new -key "$work/$name.key" -subj "$subject" -out "$work/$name.csr"
  printf '%b' "$extensions" > "$work/$name.ext"
  openssl x509 -req -in "$work/$name.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" \
    -CAcreateserial -sha256 -days "$days" -extfile "$work/$name.ext" -out "$work/$name.crt" 2>/dev/null
}

sign customers "/O=Cartwright/CN=customers" \
  "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san_line}\n"
sign cart "/O=Cartwright/CN=cart" \
  "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\nsubjectAltName=DNS:cart\n"

for name in ca customers cart; do
  openssl verify -CAfile "$work/ca.crt" "$work/$name.crt" >/dev/null
  install -m 0644 "$work/$name.crt" "$out/$name.crt"
  install -m 0600 "$work/$name.key" "$out/$name.key"
  if [ "$readable_keys" = true ]; then chmod 0644 "$out/$name.key"; fi
done
# The CA key is only needed to sign again: readable keys never include it.
chmod 0600 "$out/ca.key"

echo "wrote $out/{ca,customers,cart}.{crt,key}, valid for $days days"
echo "customers subjectAltName: $san_line"
