#!/usr/bin/env bash
# Everyday tasks for the Docker Compose stack and the Kubernetes manifests.
#
#   scripts/stack.sh up [--tls]       build images and start databases + services (waits until healthy)
#   scripts/stack.sh down [--volumes] stop everything (--volumes also deletes the databases)
#   scripts/stack.sh logs [SERVICE]   follow the logs
#   scripts/stack.sh ps               containers and their health
#   scripts/stack.sh migrate [ARGS]   run both services' migrations (default: up; also status, down --to N)
#   scripts/stack.sh seed             load the demo accounts and products (not with NODE_ENV=production)
#   scripts/stack.sh create-admin EMAIL   bootstrap an administrator (password on stdin)
#   scripts/stack.sh smoke            check /healthz and /readyz of both published REST ports
#   scripts/stack.sh test             the deployment checks (tests/deploy) and then every test suite
#   scripts/stack.sh k8s-render       print the local overlay (kubectl kustomize)
#   scripts/stack.sh k8s-secrets      create/update the Kubernetes Secrets from certs/ and your env
#
# --tls (or TLS=1) adds docker-compose.tls.yml: run scripts/gen-certs.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."

files=(-f docker-compose.yml)
tls="${TLS:-0}"
args=()
for arg in "$@"; do
  if [ "$arg" = "--tls" ]; then tls=1; else args+=("$arg"); fi
done
set -- "${args[@]+"${args[@]}"}"
if [ "$tls" = 1 ]; then
  [ -f certs/customers.crt ] || { echo "certs/ is empty: run scripts/gen-certs.sh first" >&2; exit 1; }
  files+=(-f docker-compose.tls.yml)
fi
compose() { docker compose "${files[@]}" "$@"; }

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  up)
    compose up --detach --build --wait "$@"
    compose ps
    ;;
  down) compose down "$@" ;;
  logs) compose logs --follow "$@" ;;
  ps) compose ps "$@" ;;
  migrate)
    # One-shot containers with the services' own images and settings; the runner's advisory
    # lock makes this safe while the services are running.
    [ $# -gt 0 ] || set -- up
    for service in customers cart; do
      compose run --rm --no-deps "$service" node dist/cli/migrate.js "$@"
    done
    ;;
  seed)
    # Demo data is loaded at start-up when DEMO_DATA=true (idempotent); recreate both services
    # with it, then back without it.
    DEMO_DATA=true compose up --detach --wait --force-recreate --no-deps customers cart
    compose up --detach --wait --force-recreate --no-deps customers cart
    ;;
  create-admin)
    compose exec -T customers node dist/cli/create-admin.js "$@"
    ;;
  smoke)
    for port in "${CUSTOMERS_HTTP_PORT:-8081}" "${CART_HTTP_PORT:-8082}"; do
      for path in healthz readyz; do
        curl --fail --silent --show-error --max-time 5 "http://127.0.0.1:${port}/${path}"
        echo "  <- :${port}/${path}"
      done
    done
    ;;
  test)
    NODE_OPTIONS=--experimental-vm-modules npx jest --selectProjects deploy
    pnpm test
    ;;
  k8s-render) kubectl kustomize deploy/k8s/overlays/local ;;
  k8s-secrets)
    namespace="${NAMESPACE:-cartwright}"
    : "${CUSTOMERS_DATABASE_URL:?set CUSTOMERS_DATABASE_URL (postgres://… of the customers database)}"
    : "${CART_DATABASE_URL:?set CART_DATABASE_URL (postgres://… of the cart database)}"
    for file in ca.crt customers.crt customers.key cart.crt cart.key; do
      [ -f "certs/$file" ] || { echo "certs/$file missing: run scripts/gen-certs.sh --namespace $namespace" >&2; exit 1; }
    done
    jwt_key="${JWT_PRIVATE_KEY_FILE:-certs/jwt-private-key.pem}"
    if [ ! -f "$jwt_key" ]; then
      (umask 077 && openssl genpkey -algorithm ed25519 -out "$jwt_key")
      echo "generated the JWT signing key $jwt_key (keep it: every token is signed with it)"
    fi
    apply() { kubectl create --dry-run=client -o yaml "$@" | kubectl apply -f -; }
    kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"
    apply secret generic customers-db -n "$namespace" --from-literal=DATABASE_URL="$CUSTOMERS_DATABASE_URL"
    apply secret generic cart-db -n "$namespace" --from-literal=DATABASE_URL="$CART_DATABASE_URL"
    apply secret generic customers-jwt -n "$namespace" --from-file=private-key.pem="$jwt_key"
    apply secret generic customers-grpc-tls -n "$namespace" \
      --from-file=tls.crt=certs/customers.crt --from-file=tls.key=certs/customers.key --from-file=ca.crt=certs/ca.crt
    apply secret generic cart-grpc-tls -n "$namespace" \
      --from-file=tls.crt=certs/cart.crt --from-file=tls.key=certs/cart.key --from-file=ca.crt=certs/ca.crt
    ;;
  "" | -h | --help) usage ;;
  *) echo "unknown command: $command" >&2; usage >&2; exit 2 ;;
esac
