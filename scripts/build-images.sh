#!/usr/bin/env bash
# Builds both service images and the storefront's from the repository root (the Dockerfiles'
# build context).
#
#   scripts/build-images.sh [--tag TAG] [--prefix PREFIX] [--push] [-- extra docker build args]
#
# Tags PREFIX/customers:TAG, PREFIX/cart:TAG and PREFIX/storefront:TAG (default
# cartwright/…:local, the names docker-compose.yml and deploy/k8s/overlays/local use). --push
# pushes them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

tag="${IMAGE_TAG:-local}"
prefix="${IMAGE_PREFIX:-cartwright}"
push=false
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="${2:?--tag needs a value}"; shift 2 ;;
    --prefix) prefix="${2:?--prefix needs a value}"; shift 2 ;;
    --push) push=true; shift ;;
    --) shift; extra=("$@"); break ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

command -v docker >/dev/null || { echo "docker is required" >&2; exit 1; }

for dockerfile in services/customers/Dockerfile services/cart/Dockerfile apps/storefront/Dockerfile; do
  image="${prefix}/$(basename "$(dirname "${dockerfile}")"):${tag}"
  echo "==> ${image}"
  docker build --file "${dockerfile}" --tag "${image}" \
    --label "org.opencontainers.image.revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
    "${extra[@]+"${extra[@]}"}" .
  if [ "$push" = true ]; then docker push "${image}"; fi
done
