#!/bin/sh
# harbor.sh: the host shim. It finds (or pulls, or builds) the runner image and runs Harbor inside it.
# POSIX sh (dash, busybox ash, bash 3.2); needs only Docker. All of Harbor's logic runs in the runner.
#
#   ./harbor.sh <command> [args]        run a Harbor command in the runner (./harbor.sh --help)
#   ./harbor.sh runner build            (re)build the runner image from Dockerfile.runner
#   ./harbor.sh runner load FILE        load the runner image from a `harbor runner save` archive
#   ./harbor.sh runner image            print the runner image name this home uses
#
# Environment: HARBOR_HOME (default: this script's directory), HARBOR_RUNNER_IMAGE (default:
# harbor-runner:<version>), HARBOR_NODE_IMAGE / HARBOR_DOCKER_CLI_IMAGE / HARBOR_BUNDLE_FROM (build
# arguments), DOCKER_HOST (unix:// socket or tcp://). See docs/runner.md.
set -u

HARBOR_SHIM_VERSION=2.0.0-alpha.1

say() { printf 'harbor: %s\n' "$*" >&2; }
die() {
  code=$1
  shift
  printf 'harbor: error: %s\n' "$*" >&2
  exit "$code"
}

# The script's own directory, following symlinks one hop at a time (no readlink -f on old macOS).
# ${src%/*} stands in for dirname: one process fewer on every call (this runs each time).
script_home() {
  src=$0
  case $src in */*) ;; *) src=./$src ;; esac
  while [ -h "$src" ]; do
    dir=$(cd -P "${src%/*}" && pwd) || return 1
    link=$(readlink "$src") || return 1
    case $link in
      /*) src=$link ;;
      *) src=$dir/$link ;;
    esac
  done
  cd -P "${src%/*}" && pwd
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum | cut -d' ' -f1
  else
    shasum -a 256 | cut -d' ' -f1
  fi
}

# What the runner image is built from (relative to the home): these files and everything in runner/src.
RUNNER_FILES='Dockerfile.runner package.json package-lock.json runner/build.mjs runner/boot.cjs'

# Those files, one per line, in C-locale order.
runner_sources() {
  (
    cd "$HARBOR_HOME" || exit 1
    {
      # shellcheck disable=SC2086 # word splitting is wanted: RUNNER_FILES is a list
      printf '%s\n' $RUNNER_FILES
      find runner/src -type f
    } | LC_ALL=C sort
  )
}

# A hash of those files (names and contents); stamped on the image as a label. One hashing process.
source_hash() {
  (
    cd "$HARBOR_HOME" || exit 1
    # shellcheck disable=SC2046 # word splitting is wanted: runner source paths have no spaces
    if command -v sha256sum >/dev/null 2>&1; then sha256sum $(runner_sources); else shasum -a 256 $(runner_sources); fi
  ) | sha256 | cut -c1-16
}

is_source_checkout() {
  [ -f "$HARBOR_HOME/Dockerfile.runner" ] && [ -d "$HARBOR_HOME/runner/src" ]
}

# Docker's rule: the first path component names a registry when it has a dot or a colon, or is localhost.
names_registry() {
  case $1 in
    */*) first=${1%%/*} ;;
    *) return 1 ;;
  esac
  case $first in
    *.* | *:* | localhost) return 0 ;;
    *) return 1 ;;
  esac
}

build_image() {
  is_source_checkout || die 1 "cannot build $IMAGE: $HARBOR_HOME has no Dockerfile.runner and runner/src (load a saved image with ./harbor.sh runner load FILE, or set HARBOR_RUNNER_IMAGE)"
  from=${HARBOR_BUNDLE_FROM:-source}
  case $from in
    source) ;;
    host) [ -f "$HARBOR_HOME/runner/dist/harbor.cjs" ] || die 1 "HARBOR_BUNDLE_FROM=host but runner/dist/harbor.cjs is missing (run npm run build)" ;;
    *) die 2 "HARBOR_BUNDLE_FROM must be source or host, not '$from'" ;;
  esac
  hash=$(source_hash)
  say "building the runner image $IMAGE from Dockerfile.runner (bundle from $from)…"
  set -- --build-arg "HARBOR_VERSION=$HARBOR_SHIM_VERSION" --build-arg "HARBOR_SOURCE_HASH=$hash" --build-arg "BUNDLE_FROM=$from"
  [ -n "${HARBOR_NODE_IMAGE:-}" ] && set -- "$@" --build-arg "NODE_IMAGE=$HARBOR_NODE_IMAGE"
  [ -n "${HARBOR_DOCKER_CLI_IMAGE:-}" ] && set -- "$@" --build-arg "DOCKER_CLI_IMAGE=$HARBOR_DOCKER_CLI_IMAGE"
  # Set but empty is meaningful: no extra packages (for builders whose containers have no network).
  [ -n "${HARBOR_RUNNER_PACKAGES+x}" ] && set -- "$@" --build-arg "RUNNER_PACKAGES=$HARBOR_RUNNER_PACKAGES"
  # BuildKit builds only the stages the target needs: the host-bundle path never runs npm.
  DOCKER_BUILDKIT=1 docker build -q -f "$HARBOR_HOME/Dockerfile.runner" -t "$IMAGE" "$@" "$HARBOR_HOME" >&2 ||
    die 1 "building $IMAGE failed (see the output above)"
}

# Prints a runner source (file or folder) changed since the stamp was written, if any.
changed_source() {
  # shellcheck disable=SC2086 # word splitting is wanted: RUNNER_FILES is a list
  (cd "$HARBOR_HOME" && find $RUNNER_FILES runner/src -newer "$1" 2>/dev/null | sed -n 1p)
}

# True when the image ("ID HASH": its id and source-hash label) was built from this checkout's sources.
# Hashing every source costs ~10 ms per command, so a stamp holding the id of the image last found
# to match skips it while no source is newer than the stamp. The stamp gets its time before the hash
# is computed, so a file saved during the check counts as newer. (busybox find compares whole seconds:
# there, a save in the same second as the check is missed; ./harbor.sh runner build rebuilds by hand.)
sources_match() {
  stamp=$HARBOR_HOME/var/run/runner-image.checked
  if [ -f "$stamp" ] && read -r checked <"$stamp" && [ "$checked" = "${1%% *}" ] && [ -z "$(changed_source "$stamp")" ]; then
    return 0
  fi
  # Best effort: a home the user cannot write only loses the shortcut.
  mkdir -p "${stamp%/*}" 2>/dev/null && printf '%s\n' "${1%% *}" 2>/dev/null >"$stamp.new" || stamp=
  if [ "${1#* }" = "$(source_hash)" ]; then
    [ -z "$stamp" ] || mv -f "$stamp.new" "$stamp"
    return 0
  fi
  [ -z "$stamp" ] || rm -f "$stamp.new" "$stamp"
  return 1
}

# Makes sure $IMAGE exists locally: pull it when it names a registry, else build it; rebuild a
# locally built image whose source hash no longer matches this checkout.
ensure_image() {
  info=$(docker image inspect --format '{{ .Id }} {{ index .Config.Labels "io.harbor.source-hash" }}' "$IMAGE" 2>/dev/null) || info=missing
  if [ "$info" = missing ]; then
    if names_registry "$IMAGE"; then
      say "pulling the runner image $IMAGE…"
      docker pull -q "$IMAGE" >&2 || die 1 "cannot pull $IMAGE (on a host with no registry access: ./harbor.sh runner load FILE)"
    else
      build_image
    fi
  elif [ -z "${HARBOR_RUNNER_IMAGE:-}" ] && is_source_checkout && ! sources_match "$info"; then
    say "the runner sources changed since $IMAGE was built"
    build_image
  fi
}

# The Docker socket to mount, from DOCKER_HOST or the current docker context.
docker_socket() {
  endpoint=${DOCKER_HOST:-}
  if [ -z "$endpoint" ] && [ ! -S /var/run/docker.sock ]; then
    endpoint=$(docker context inspect --format '{{ .Endpoints.docker.Host }}' 2>/dev/null) || endpoint=
  fi
  printf '%s\n' "${endpoint:-unix:///var/run/docker.sock}"
}

# Facts about the host that a container cannot see; the runner decides what they mean.
host_facts() {
  # shellcheck disable=SC2046 # splitting `uname -sm` into its two words is the point
  set -- $(uname -sm)
  facts="os=$1 arch=$2"
  command -v nvidia-smi >/dev/null 2>&1 && facts="$facts nvidia_smi=1"
  if command -v nvidia-ctk >/dev/null 2>&1 || command -v nvidia-container-toolkit >/dev/null 2>&1; then
    facts="$facts nvidia_ctk=1"
  fi
  cdi=
  for spec in /etc/cdi/nvidia.yaml /var/run/cdi/nvidia.yaml /var/run/cdi/nvidia-container-toolkit.json; do
    [ -e "$spec" ] && cdi=${cdi:+$cdi,}$spec
  done
  [ -n "$cdi" ] && facts="$facts cdi=$cdi"
  [ -e /dev/kfd ] && facts="$facts kfd=1"
  for render in /dev/dri/renderD*; do
    [ -e "$render" ] && facts="$facts dri_render=1" && break
  done
  [ -d /sys/module/amdgpu ] && facts="$facts amdgpu=1"
  printf '%s\n' "$facts"
}

# Host hooks (docs/Harbor-Hooks.md, "Host hooks"): a hook with `host: true` must run on this machine, which
# the runner (a container) cannot reach. With --allow-host-hooks, this shim serves a private folder of FIFOs
# while the runner runs: the runner leaves a request (a folder holding run.sh, label, timeout and the FIFOs
# env, out, rc) and writes its id to `requests`; the shim checks it, says what it runs, and runs run.sh with
# this host's /bin/sh in the home, in a session of its own (setsid) so that a timeout kills the whole tree.
# The hook's variables come through the `env` FIFO as export lines: secret values never touch the disk or argv.
serve_host_hooks() {
  channel=$1
  while id=$(cat "$channel/requests"); do
    case $id in h[0-9a-f]*) ;; *) continue ;; esac
    case $id in *[!0-9a-fh]*) continue ;; esac
    req=$channel/$id
    if ! [ -d "$req" ] || ! [ -p "$req/env" ] || ! [ -p "$req/out" ] || ! [ -p "$req/rc" ] || ! [ -f "$req/run.sh" ]; then continue; fi
    limit=$(cat "$req/timeout" 2>/dev/null)
    case $limit in '' | *[!0-9]*) limit=300 ;; esac
    say "running host hook $(cat "$req/label") on this host as $(id -un 2>/dev/null || id -u): /bin/sh $req/run.sh"
    # shellcheck disable=SC2016 # expanded by the hook's shell, not here
    set -- sh -c '. "$1/env" && cd "$HARBOR_HOME" && exec /bin/sh "$1/run.sh"' host-hook "$req"
    command -v setsid >/dev/null 2>&1 && set -- setsid "$@"
    "$@" </dev/null >"$req/out" 2>&1 &
    pid=$!
    # The watchdog ends within a second of the hook; on timeout it kills the hook's process group.
    (
      n=0
      while [ "$n" -lt "$limit" ] && kill -0 "$pid" 2>/dev/null; do sleep 1; n=$((n + 1)); done
      if kill -0 "$pid" 2>/dev/null; then
        : >"$req/timedout"
        kill -TERM -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
        sleep 2
        kill -KILL -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
      fi
    ) &
    watchdog=$!
    wait "$pid"
    rc=$?
    wait "$watchdog"
    [ -e "$req/timedout" ] && rc=timeout
    printf '%s\n' "$rc" >"$req/rc"
  done
}

# Runs the runner container (the last words of the script) while serving host-hook requests, then cleans up.
run_with_host_hooks() {
  serve_host_hooks "$HARBOR_HOST_HOOKS_DIR" &
  server=$!
  # Ctrl-C reaches docker too (same process group): wait for it to stop the runner, then clean up.
  trap : INT TERM
  docker run "$@"
  code=$?
  kill "$server" 2>/dev/null
  # Opening the FIFO read-write never blocks (Linux), and releases a `cat` still waiting for a request.
  : <>"$HARBOR_HOST_HOOKS_DIR/requests"
  wait "$server" 2>/dev/null
  rm -rf "$HARBOR_HOST_HOOKS_DIR"
  exit "$code"
}

# --- main -------------------------------------------------------------------------------------
command -v docker >/dev/null 2>&1 || die 127 "docker is not installed or not on PATH (Harbor needs only Docker: https://docs.docker.com/engine/install/)"

if [ -n "${HARBOR_HOME:-}" ]; then
  given=$HARBOR_HOME
  HARBOR_HOME=$(cd -P "$given" 2>/dev/null && pwd) || die 2 "HARBOR_HOME=$given is not a directory"
else
  HARBOR_HOME=$(script_home) || die 1 "cannot find the directory of $0"
fi
IMAGE=${HARBOR_RUNNER_IMAGE:-harbor-runner:$HARBOR_SHIM_VERSION}

if [ "${1:-}" = runner ]; then
  case ${2:-} in
    build)
      build_image
      exit 0
      ;;
    load)
      [ -n "${3:-}" ] || die 2 "usage: ./harbor.sh runner load FILE"
      [ -f "$3" ] || die 2 "runner load: $3: no such file"
      docker load -i "$3" >&2 || die 1 "runner load: docker could not load $3"
      exit 0
      ;;
    image)
      printf '%s\n' "$IMAGE"
      exit 0
      ;;
  esac
fi

ensure_image

# Docker options are prepended one by one, so the list ends as: IMAGE <the user's arguments>.
set -- "$IMAGE" "$@"
set -- --rm --init -i --label io.harbor.runner=1 -v "$HARBOR_HOME:$HARBOR_HOME" "$@"
# -t only when both ends are terminals: a pipe must get clean bytes.
if [ -t 0 ] && [ -t 1 ]; then set -- -t "$@"; fi

socket=$(docker_socket)
case $socket in
  unix://*)
    path=${socket#unix://}
    [ -S "$path" ] || die 1 "no Docker socket at $path (is the Docker engine running? set DOCKER_HOST=unix:///path/to/docker.sock)"
    DOCKER_HOST=unix://$path
    set -- -v "$path:$path" "$@"
    gid=$(stat -c %g "$path" 2>/dev/null || stat -f %g "$path" 2>/dev/null) && set -- --group-add "$gid" "$@"
    ;;
  tcp://*)
    DOCKER_HOST=$socket
    # The host's network, so that tcp://127.0.0.1:2375 means the same inside and out.
    set -- --network host "$@"
    for name in DOCKER_TLS_VERIFY DOCKER_CERT_PATH; do
      eval "[ -n \"\${$name:-}\" ]" && set -- -e "$name" "$@"
    done
    [ -n "${DOCKER_CERT_PATH:-}" ] && set -- -v "$DOCKER_CERT_PATH:$DOCKER_CERT_PATH:ro" "$@"
    ;;
  *) die 2 "DOCKER_HOST=$socket is not supported by the runner (use unix:// or tcp://)" ;;
esac
export DOCKER_HOST
set -- -e DOCKER_HOST "$@"

# The age key: mounted read-only at the same path, its path (not its content) passed by name.
key=${SOPS_AGE_KEY_FILE:-${XDG_CONFIG_HOME:-${HOME:-/nonexistent}/.config}/sops/age/keys.txt}
if [ -f "$key" ]; then
  SOPS_AGE_KEY_FILE=$key
  export SOPS_AGE_KEY_FILE
  set -- -v "$key:$key:ro" "$@"
fi

# Only this shim opens the host-hook channel, and only when this run asks for it.
unset HARBOR_HOST_HOOKS_DIR
for arg in "$@"; do
  [ "$arg" = -- ] && break
  if [ "$arg" = --allow-host-hooks ]; then
    mkdir -p "$HARBOR_HOME/var/run/.harbor" || die 1 "cannot create $HARBOR_HOME/var/run/.harbor"
    HARBOR_HOST_HOOKS_DIR=$HARBOR_HOME/var/run/.harbor/host-hooks.$$
    rm -rf "$HARBOR_HOST_HOOKS_DIR"
    (umask 077 && mkdir "$HARBOR_HOST_HOOKS_DIR" && mkfifo "$HARBOR_HOST_HOOKS_DIR/requests") || die 1 "cannot create the host-hook channel in $HARBOR_HOST_HOOKS_DIR"
    export HARBOR_HOST_HOOKS_DIR
    break
  fi
done

HARBOR_HOST_FACTS=${HARBOR_HOST_FACTS:-$(host_facts)}
HARBOR_RUNNER_IMAGE=$IMAGE
export HARBOR_HOME HARBOR_HOST_FACTS HARBOR_RUNNER_IMAGE HARBOR_SHIM_VERSION

# Environment is passed by name only (-e NAME), so values never appear on docker's argv.
for name in $(env | sed -n 's/^\(HARBOR_[A-Za-z0-9_]*\)=.*/\1/p; s/^\(SOPS_AGE_[A-Za-z0-9_]*\)=.*/\1/p; s/^\(AGE_[A-Za-z0-9_]*\)=.*/\1/p'); do
  set -- -e "$name" "$@"
done
# Editors (for `harbor secrets edit`) and the sops config path, by name too.
for name in NO_COLOR TERM EDITOR VISUAL SOPS_EDITOR SOPS_CONFIG; do
  eval "[ -n \"\${$name+x}\" ]" && set -- -e "$name" "$@"
done

# Keep the working directory when it is inside the home (commands take paths relative to it).
here=$(pwd -P)
case $here in
  "$HARBOR_HOME" | "$HARBOR_HOME"/*) workdir=$here ;;
  *) workdir=$HARBOR_HOME ;;
esac

[ -n "${HARBOR_HOST_HOOKS_DIR:-}" ] && run_with_host_hooks --user "$(id -u):$(id -g)" -w "$workdir" "$@"
exec docker run --user "$(id -u):$(id -g)" -w "$workdir" "$@"
