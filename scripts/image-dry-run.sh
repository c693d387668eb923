#!/usr/bin/env bash
# Runs a service Dockerfile's build-stage commands without Docker, to check on a machine with
# no container engine that the image would build: the build context is copied as .dockerignore
# filters it, then the stage's RUN lines after `WORKDIR /repo` run there (apt-get and the global
# pnpm install are skipped: the toolchain and pnpm must already be on this machine), with /out
# replaced by a temporary folder. What it leaves in that folder is what the runtime stage gets.
#
#   scripts/image-dry-run.sh customers|cart [--keep]
#
# It does not check the base image, the runtime stage's USER/HEALTHCHECK (tests/deploy does),
# nor that the result starts: run `node dist/main.js` in the printed folder for that.
set -euo pipefail
cd "$(dirname "$0")/.."

service="${1:-}"
keep="${2:-}"
case "$service" in customers | cart) ;; *) sed -n '8p' "$0" | sed 's/^# //' >&2; exit 2 ;; esac
command -v rsync >/dev/null || { echo "rsync is required" >&2; exit 1; }

work="$(mktemp -d)"
if [ "$keep" != "--keep" ]; then trap 'rm -rf "$work"' EXIT; fi
context="$work/repo"
out="$work/out"

# .dockerignore patterns are anchored at the context root unless they start with **/.
filters="$work/rsync-filters"
while IFS= read -r line; do
  case "$line" in
    '' | '#'* | '!'*) ;;
    '**/'*) echo "- ${line#'**/'}" ;;
    *) echo "- /${line}" ;;
  esac
done < .dockerignore > "$filters"
mkdir -p "$context"
rsync -a --filter="merge $filters" ./ "$context/"

# The build stage: from the first FROM to the second, continuation lines joined.
mapfile -t runs < <(
  awk '/^FROM /{stage++} stage==1' "services/$service/Dockerfile" |
    sed -e ':a' -e '/\\$/N; s/\\\n//; ta' |
    awk '/^WORKDIR \/repo/{go=1; next} go && /^RUN /{sub(/^RUN /, ""); print}'
)
[ "${#runs[@]}" -gt 0 ] || { echo "no RUN lines found after WORKDIR /repo" >&2; exit 1; }

cd "$context"
for run in "${runs[@]}"; do
  run="${run//\/out/$out}"
  echo "==> ${run}"
  bash -euo pipefail -c "$run"
done
echo
echo "build stage of services/$service/Dockerfile passed; runtime contents in $out"
if [ "$keep" != "--keep" ]; then echo "(deleted on exit; pass --keep to inspect it)"; fi
