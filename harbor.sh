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
#
# Exit codes of its own (the runner's pass through): 68 DOCKER_HOST or the docker context does not
# answer, 69 the Docker daemon is not running, 77 permission denied on the socket, 127 no docker CLI.
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
RUNNER_FILES='Dockerfile.runner package.json package-lock.json tsconfig.json runner/bundle.sh runner/build.mjs runner/boot.cjs'

# Those files, one per line, in C-locale order.
runner_sources() {
  (
    cd "$HARBOR_HOME" || exit 1
    {
      # Only those present: a missing one (a v1 checkout's package-lock.json) is reported by build_image.
      for file in $RUNNER_FILES; do [ -f "$file" ] && printf '%s\n' "$file"; done
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
    source)
      # A v1 checkout has its own package.json and no package-lock.json: the image needs v2's (drop-in path).
      [ -f "$HARBOR_HOME/package-lock.json" ] || die 1 "cannot build $IMAGE: $HARBOR_HOME/package-lock.json is missing (copy Harbor v2's package.json and package-lock.json beside Dockerfile.runner: docs/migration.md, \"Drop-in\")"
      ;;
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
  # BuildKit builds only the stages the target needs: the host-bundle path never runs npm. The bundle
  # comes first, exported on its own, so the image can be labelled with its hash (io.harbor.bundle-sha256);
  # the image build below reuses it from BuildKit's cache, and fails if it is not the bundle hashed here.
  out=$(mktemp -d "${TMPDIR:-/tmp}/harbor-bundle.XXXXXX") || die 1 "cannot make a temporary directory to build the runner bundle in"
  DOCKER_BUILDKIT=1 docker build -q -f "$HARBOR_HOME/Dockerfile.runner" --target bundle --output "type=local,dest=$out" "$@" "$HARBOR_HOME" >/dev/null ||
    { rm -rf "$out"; die 1 "building the runner bundle for $IMAGE failed (see the output above)"; }
  bundle_sha=
  [ -f "$out/harbor.cjs" ] && bundle_sha=$(sha256 <"$out/harbor.cjs")
  rm -rf "$out"
  [ -n "$bundle_sha" ] || die 1 "building the runner bundle for $IMAGE produced no harbor.cjs"
  DOCKER_BUILDKIT=1 docker build -q -f "$HARBOR_HOME/Dockerfile.runner" -t "$IMAGE" --build-arg "HARBOR_BUNDLE_SHA256=$bundle_sha" "$@" "$HARBOR_HOME" >&2 ||
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
  info=${RUNNER_IMAGE_INFO:-}
  [ -n "$info" ] || info=$(docker image inspect --format '{{ .Id }} {{ index .Config.Labels "io.harbor.source-hash" }}' "$IMAGE" 2>/dev/null) || info=missing
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

# --- The engine check (docs/runner.md, "Troubleshooting") ---------------------------------------
# Before it looks for, pulls or builds the runner image, the shim makes sure the engine answers, at no
# cost on the normal path: the image lookup it needs anyway is the probe, and only when that lookup
# fails does it ask the engine why. An engine that does not answer is named, with its fix, and exits:
EXIT_ENGINE_ELSEWHERE=68 # DOCKER_HOST or the docker context names an endpoint that does not answer
EXIT_ENGINE_DOWN=69      # the Docker daemon is not running (sysexits' EX_UNAVAILABLE)
EXIT_ENGINE_DENIED=77    # the socket is there, but this user may not open it (sysexits' EX_NOPERM)
DEFAULT_SOCKET=/var/run/docker.sock

# Looks the runner image up (ensure_image reuses the answer: "ID HASH", or "missing"). When that fails
# and the engine does not answer either, stops with the reason and its fix; `doctor` prints the shim's
# own checks instead (the runner cannot start to make its own). `runner image` needs no engine.
check_engine() {
  [ "${1:-} ${2:-}" = "runner image" ] && return 0
  RUNNER_IMAGE_INFO=$(docker image inspect --format '{{ .Id }} {{ index .Config.Labels "io.harbor.source-hash" }}' "$IMAGE" 2>/dev/null) && return 0
  RUNNER_IMAGE_INFO=missing
  if diagnose_engine; then
    if is_doctor "$@"; then doctor_needs_image "$@"; fi
    return 0
  fi
  RUNNER_PROBLEM="the runner cannot start until the engine answers; then it checks compose, the home mount, var/run, the engine's disk and the age key"
  RUNNER_FIX='fix the engine (above), then run ./harbor.sh doctor again'
  if is_doctor "$@"; then shim_doctor "$@"; fi
  printf 'harbor: error: %s\nharbor: fix: %s\n' "$ENGINE_PROBLEM" "$ENGINE_FIX" >&2
  exit "$ENGINE_EXIT"
}

# `doctor` with the engine up but no runner image: the image is built or pulled as usual; when that
# fails (say, a host with no registry access), the shim's checks still say so, after the build's error.
doctor_needs_image() {
  if (ensure_image); then
    RUNNER_IMAGE_INFO=''
    return 0
  fi
  ENGINE_UP=$(docker version --format 'Docker Engine {{ .Server.Version }} (API {{ .Server.APIVersion }})' 2>/dev/null)
  engine_endpoint
  SOCKET_STATE=none SOCKET_FACTS=''
  case $ENGINE_ENDPOINT in unix://*) SOCKET_STATE=ok && socket_facts "${ENGINE_ENDPOINT#unix://}" ;; esac
  RUNNER_PROBLEM="the runner cannot start: its image $IMAGE is missing, and getting it failed (the error above)"
  RUNNER_FIX='on a host with no registry access: ./harbor.sh runner load FILE (an archive made by ./harbor.sh runner save); or set HARBOR_RUNNER_IMAGE to an image your registry has'
  shim_doctor "$@"
}

# True when the arguments run `harbor doctor` (global flags before the command are skipped).
is_doctor() {
  for arg in "$@"; do
    case $arg in
      -*) ;;
      doctor) return 0 ;;
      *) return 1 ;;
    esac
  done
  return 1
}

# Sets ENGINE_ENDPOINT as the docker CLI picks it (DOCKER_HOST, else the docker context), ENGINE_VIA
# (what chose it, as the user would name it; empty for the default), ENGINE_UNDO (how to go back to the
# default) and, for a context docker cannot read, ENGINE_CONTEXT_ERROR.
engine_endpoint() {
  ENGINE_VIA='' ENGINE_UNDO='' ENGINE_CONTEXT_ERROR=''
  if [ -n "${DOCKER_HOST:-}" ]; then
    ENGINE_ENDPOINT=$DOCKER_HOST ENGINE_VIA="DOCKER_HOST=$DOCKER_HOST" ENGINE_UNDO="unset DOCKER_HOST to use the default socket"
    return 0
  fi
  if context=$(docker context inspect --format '{{ .Name }} {{ .Endpoints.docker.Host }}' 2>&1); then
    ENGINE_ENDPOINT=${context#* }
    context=${context%% *}
  else
    ENGINE_ENDPOINT='' ENGINE_CONTEXT_ERROR=$(printf '%s\n' "$context" | sed -n '/./{p;q;}')
    context=${DOCKER_CONTEXT:-}
  fi
  if [ -n "${DOCKER_CONTEXT:-}" ]; then
    ENGINE_VIA="DOCKER_CONTEXT=$DOCKER_CONTEXT" ENGINE_UNDO="unset DOCKER_CONTEXT (and docker context use default) to use the default socket"
  elif [ "$context" != default ]; then
    ENGINE_VIA="the docker context ${context:-in use}" ENGINE_UNDO="docker context use default to go back to the default socket"
  fi
  [ -z "$ENGINE_ENDPOINT" ] || [ -z "$ENGINE_VIA" ] || [ -n "${DOCKER_HOST:-}" ] || ENGINE_VIA="$ENGINE_VIA ($ENGINE_ENDPOINT)"
}

# How to start the daemon on this platform.
start_fix() {
  if [ "$(uname -s)" = Darwin ]; then
    fix="start Docker Desktop (open -a Docker), or the VM your engine runs in (e.g. colima start)"
  elif grep -qi microsoft /proc/sys/kernel/osrelease 2>/dev/null; then
    fix="start Docker Desktop on Windows, with WSL integration on for this distribution (or: sudo service docker start)"
  elif command -v systemctl >/dev/null 2>&1; then
    fix="start it: sudo systemctl start docker (at every boot too: sudo systemctl enable docker)"
  else
    fix="start it: sudo service docker start (or run dockerd as root)"
  fi
  rootless=${XDG_RUNTIME_DIR:-/run/user/$(id -u)}/docker.sock
  [ -S "$rootless" ] && fix="rootless Docker's socket is at $rootless: export DOCKER_HOST=unix://$rootless; or $fix"
  printf '%s\n' "$fix"
}

# Returns 0 when the engine answers. Otherwise sets ENGINE_EXIT, ENGINE_PROBLEM and ENGINE_FIX, and
# SOCKET_STATE (none, missing, not-socket, denied, ok) with SOCKET_FACTS (its mode and owner).
diagnose_engine() {
  ENGINE_ERROR=$(docker version --format '{{ .Server.Version }}' 2>&1 >/dev/null) && return 0
  # shellcheck disable=SC2016 # a sed script: its last non-empty line
  ENGINE_ERROR=$(printf '%s\n' "$ENGINE_ERROR" | sed -n '/./h; ${x;p;}')
  engine_endpoint
  SOCKET_STATE=none SOCKET_FACTS=
  ENGINE_EXIT=$EXIT_ENGINE_ELSEWHERE
  if [ -z "$ENGINE_ENDPOINT" ]; then
    case $ENGINE_CONTEXT_ERROR in
      *'context not found'*)
        if [ -n "${DOCKER_CONTEXT:-}" ]; then ENGINE_PROBLEM="$ENGINE_VIA names no docker context"; else ENGINE_PROBLEM="the current docker context (chosen with docker context use) does not exist"; fi
        ;;
      *) ENGINE_PROBLEM="$ENGINE_VIA cannot be read: $ENGINE_CONTEXT_ERROR" ;;
    esac
    ENGINE_FIX="docker context ls lists the contexts; $ENGINE_UNDO"
    return 1
  fi
  case $ENGINE_ENDPOINT in
    unix://*) diagnose_socket "${ENGINE_ENDPOINT#unix://}" ;;
    *)
      case $ENGINE_ERROR in
        *'Cannot connect to the Docker daemon'*) ENGINE_PROBLEM="$ENGINE_VIA does not answer" ;;
        *) ENGINE_PROBLEM="$ENGINE_VIA does not answer: $ENGINE_ERROR" ;;
      esac
      ENGINE_FIX="check that the engine there runs and listens on that address (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH for TLS); or $ENGINE_UNDO$(default_socket_note)"
      ;;
  esac
  return 1
}

# The cases of a unix socket: missing, not a socket, not permitted, or nobody listening.
diagnose_socket() {
  path=$1
  if [ ! -e "$path" ]; then
    SOCKET_STATE=missing why="no socket at $path"
  elif [ ! -S "$path" ]; then
    SOCKET_STATE=not-socket why="$path is not a socket"
  else
    socket_facts "$path"
    case $ENGINE_ERROR in *'ermission denied'*) denied=1 ;; *) denied= ;; esac
    if [ -n "$denied" ] || [ ! -r "$path" ] || [ ! -w "$path" ]; then
      SOCKET_STATE=denied
      diagnose_permission "$path" "$group"
      return 0
    fi
    SOCKET_STATE=ok why="$path exists, but nothing answers there"
  fi
  if [ -n "$ENGINE_VIA" ]; then
    ENGINE_PROBLEM="$ENGINE_VIA does not answer: $why"
    ENGINE_FIX="$(start_engine_at "$path"); or $ENGINE_UNDO$(default_socket_note)"
  else
    ENGINE_EXIT=$EXIT_ENGINE_DOWN
    ENGINE_PROBLEM="the Docker daemon is not running ($why)"
    ENGINE_FIX=$(start_fix)
  fi
}

# How to start the engine that listens at PATH, named by where its kind puts its socket.
start_engine_at() {
  case $1 in
    */.docker/run/docker.sock | */.docker/desktop/docker.sock) printf 'start Docker Desktop (on macOS: open -a Docker)\n' ;;
    */.colima/*) printf 'start colima: colima start\n' ;;
    */.rd/docker.sock) printf 'start Rancher Desktop\n' ;;
    */.orbstack/*) printf 'start OrbStack: orb start\n' ;;
    /run/user/*/docker.sock | "${XDG_RUNTIME_DIR:-/nonexistent}/docker.sock") printf 'start rootless Docker: systemctl --user start docker\n' ;;
    *) printf 'start the engine meant to listen at %s\n' "$1" ;;
  esac
}

# Where the default socket is, and whether it is there: a hint at what unsetting DOCKER_HOST would give.
default_socket_note() {
  if [ -S "$DEFAULT_SOCKET" ]; then printf ' (%s, which exists)' "$DEFAULT_SOCKET"; else printf ' (%s, not there either)' "$DEFAULT_SOCKET"; fi
}

# Sets SOCKET_FACTS ("srw-rw---- root:docker") and group (the socket's) for the socket at PATH.
socket_facts() {
  # shellcheck disable=SC2046 # the words of `ls -l` are the point: mode, links, owner, group
  set -- $(ls -lLd "$1" 2>/dev/null)
  SOCKET_FACTS="${1:-?} ${3:-?}:${4:-?}" group=${4:-}
}

# Permission denied on the socket: not in its group, in it only since this login, or another cause.
diagnose_permission() {
  ENGINE_EXIT=$EXIT_ENGINE_DENIED
  me=$(id -un 2>/dev/null || id -u)
  rootless="or use rootless Docker (https://docs.docker.com/engine/security/rootless/) and its socket: export DOCKER_HOST=unix://\$XDG_RUNTIME_DIR/docker.sock"
  in_session=$(id -Gn 2>/dev/null | tr ' ' '\n' | grep -cx "$2")
  in_database=$(id -Gn "$me" 2>/dev/null | tr ' ' '\n' | grep -cx "$2")
  if [ "$in_session" = 0 ] && [ "$in_database" != 0 ]; then
    ENGINE_PROBLEM="permission denied on $1 ($SOCKET_FACTS): $me joined the $2 group after this session started"
    ENGINE_FIX="run newgrp $2 in this shell (or log out and back in), then try again"
  elif [ "$in_session" = 0 ] && [ -n "$2" ] && [ "$2" != root ]; then
    ENGINE_PROBLEM="permission denied on $1 ($SOCKET_FACTS): $me is not in the $2 group"
    ENGINE_FIX="sudo usermod -aG $2 $me, then newgrp $2 (or log out and back in); $rootless"
  else
    ENGINE_PROBLEM="permission denied on $1 ($SOCKET_FACTS) for $me"
    ENGINE_FIX="give the socket a group you are in (dockerd --group docker), then sudo usermod -aG docker $me; $rootless"
  fi
}

# `harbor doctor` when the runner cannot start: the shim's own checks, printed as the runner prints its
# checks (text, or --json), ending with why the runner's own are missing (RUNNER_PROBLEM, RUNNER_FIX).
# Exits 1, as doctor does with an error.
shim_doctor() {
  CHECKS=
  me=$(id -un 2>/dev/null || id -u)
  version=$(docker --version 2>/dev/null | sed -n 's/^Docker version \([^,]*\).*/\1/p')
  add_check ok 'docker CLI' "Docker CLI ${version:-(version unknown)} at $(command -v docker)"
  if [ -z "$ENGINE_ENDPOINT" ]; then
    add_check error context "$ENGINE_PROBLEM" "$ENGINE_FIX"
  else
    add_check ok context "${ENGINE_VIA:-the default context ($ENGINE_ENDPOINT)}"
  fi
  path=${ENGINE_ENDPOINT#unix://}
  case $SOCKET_STATE in
    none) add_check ok socket "none to check: the engine is reached at ${ENGINE_ENDPOINT:-an unknown endpoint}" ;;
    missing) add_check error socket "no socket at $path" ;;
    not-socket) add_check error socket "$path is not a socket" ;;
    denied) add_check error socket "$path ($SOCKET_FACTS) cannot be opened by $me (groups: $(id -Gn 2>/dev/null))" ;;
    ok) add_check ok socket "$path ($SOCKET_FACTS) can be opened by $me" ;;
  esac
  if [ -n "${ENGINE_UP:-}" ]; then
    add_check ok engine "$ENGINE_UP"
  elif [ -n "$ENGINE_ENDPOINT" ]; then
    add_check error engine "$ENGINE_PROBLEM" "$ENGINE_FIX"
  fi
  free=$(df -Pk "$HARBOR_HOME" 2>/dev/null | awk 'NR == 2 { printf "%.1f %d", $4 / 1048576, $4 < 10485760 }')
  # shellcheck disable=SC2016 # the backquotes are text
  case $free in
    '') add_check warn 'disk (home)' "free space on $HARBOR_HOME unknown" ;;
    *' 1') add_check warn 'disk (home)' "${free% *} GB free on $HARBOR_HOME" 'images and volumes need room: free some (e.g. `docker system prune`)' ;;
    *) add_check ok 'disk (home)' "${free% *} GB free on $HARBOR_HOME" ;;
  esac
  add_check error runner "$RUNNER_PROBLEM" "$RUNNER_FIX"
  json=
  for arg in "$@"; do [ "$arg" = --json ] && json=1; done
  if [ -n "$json" ]; then print_checks_json; else print_checks; fi
  exit 1
}

# One check per line: status, name, message, hint, separated by the unit separator (never in the text).
US=$(printf '\037')
add_check() {
  CHECKS="$CHECKS$1$US$2$US$3$US${4:-}
"
}

# The runner's text form: a mark, the name padded to the longest, the message; an arrow before the hint.
print_checks() {
  width=0
  while IFS=$US read -r status name message hint; do
    [ "${#name}" -gt "$width" ] && width=${#name}
  done <<CHECKS
$CHECKS
CHECKS
  while IFS=$US read -r status name message hint; do
    [ -n "$name" ] || continue
    case $status in ok) mark='✔' ;; warn) mark='⚠' ;; *) mark='✖' ;; esac
    # shellcheck disable=SC2059 # the width is a number we computed
    printf "%s %-${width}s  %s\n" "$mark" "$name" "$message"
    # shellcheck disable=SC2059
    [ -z "$hint" ] || printf "  %-${width}s  → %s\n" '' "$hint"
  done <<CHECKS
$CHECKS
CHECKS
}

# The runner's --json form, {"ok": false, "checks": [{name, status, message, hint?}]}, indented as it is.
print_checks_json() {
  printf '{\n  "ok": false,\n  "checks": ['
  sep=
  while IFS=$US read -r status name message hint; do
    [ -n "$name" ] || continue
    printf '%s\n    {\n      "name": "%s",\n      "status": "%s",\n      "message": "%s"' "$sep" "$(json_text "$name")" "$status" "$(json_text "$message")"
    [ -z "$hint" ] || printf ',\n      "hint": "%s"' "$(json_text "$hint")"
    printf '\n    }'
    sep=,
  done <<CHECKS
$CHECKS
CHECKS
  printf '\n  ]\n}\n'
}

# TEXT as the inside of a JSON string (one line: backslashes and quotes escaped).
json_text() {
  printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'
}
# --- end of the engine check --------------------------------------------------------------------

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
  # Only when asked (`url --lan`, `qr --lan`): it costs a process or two.
  if [ -n "${lan_flag:-}" ]; then
    lan=$(lan_address)
    [ -n "$lan" ] && facts="$facts lan=$lan"
  fi
  printf '%s\n' "$facts"
}

# The host's LAN address: the source address of the route out (ip), else the first of `hostname -I` (Linux), else
# en0's (macOS). Prints nothing when none is found; the runner then says "no LAN address found".
lan_address() {
  addr=
  if command -v ip >/dev/null 2>&1; then
    addr=$(ip route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' | sed -n 1p)
  fi
  if [ -z "$addr" ] && [ "$(uname -s)" = Linux ]; then
    # shellcheck disable=SC2046 # the first word is the address
    set -- $(hostname -I 2>/dev/null)
    addr=${1:-}
  fi
  if [ -z "$addr" ] && command -v ipconfig >/dev/null 2>&1; then
    addr=$(ipconfig getifaddr en0 2>/dev/null)
  fi
  case $addr in
    *[!0-9a-fA-F.:]* | '') ;;
    *) printf '%s\n' "$addr" ;;
  esac
}

# --- The host boundary (docs/runner.md, "What the runner sees") ---------------------------------
# Beyond the home and the Docker socket, the runner sees the current directory (read-only unless the
# command writes files the user names), the age key file (read-only) and, for `secrets keygen` only,
# the folder the new key goes to (writable). Nothing else of the host.

# Folders of the runner image itself: a current directory that is one of them, or holds one, is not
# mounted (it would hide node, docker or the runner's HOME=/tmp); / and /proc, /sys, /dev neither.
RUNNER_OWN_PATHS='/bin /etc /lib /lib64 /opt/harbor /run /sbin /tmp /usr/bin /usr/lib /usr/local/bin /usr/local/lib /usr/local/libexec /usr/sbin /var/run'

# PATH made absolute against the current directory ($here), as the user's shell means it.
host_path() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "${here%/}" "$1" ;;
  esac
}

# The host's age key file, as sops finds it: SOPS_AGE_KEY_FILE (relative to the current directory),
# else $XDG_CONFIG_HOME (when absolute) or ~/.config, + /sops/age/keys.txt. Empty without a HOME.
age_key_file() {
  if [ -n "${SOPS_AGE_KEY_FILE:-}" ]; then
    host_path "$SOPS_AGE_KEY_FILE"
    return 0
  fi
  case ${XDG_CONFIG_HOME:-} in
    /*) printf '%s/sops/age/keys.txt\n' "$XDG_CONFIG_HOME" ;;
    *) [ -z "${HOME:-}" ] || printf '%s/.config/sops/age/keys.txt\n' "$HOME" ;;
  esac
}

# Reads what decides the mounts from the user's arguments: words (the command's first two words,
# global flags skipped), writes (non-empty when the command writes files the user names) and output
# (the value of -o/--output). The runner re-checks every path it writes (runner/src/shared/host-path.ts).
read_command() {
  words='' writes='' output='' has_output='' in_place='' value_next='' open_flag='' lan_flag=''
  for arg do
    if [ -n "$value_next" ]; then
      output=$arg value_next=''
      continue
    fi
    case $arg in
      --) break ;;
      --output=*) output=${arg#--output=} has_output=1 ;;
      -o | --output) value_next=1 has_output=1 ;;
      -i | --in-place) in_place=1 ;;
      --open) open_flag=1 ;;
      --lan) lan_flag=1 ;;
      -*) ;;
      *) case $words in *' '*) ;; '') words=$arg ;; *) words="$words $arg" ;; esac ;;
    esac
  done
  case $words in
    'secrets edit' | 'secrets set' | 'secrets unset' | 'secrets updatekeys' | 'secrets rotate' | 'runner save' | 'task run') writes=1 ;;
    'secrets encrypt') writes=$has_output$in_place ;;
    'secrets decrypt' | 'descriptor schema' | 'task schema') writes=$has_output ;;
  esac
}

# How the current directory ($here) is shown to the runner: home (inside the home, already mounted),
# ro or rw (mounted at the same path), none (a system folder: the runner starts in the home instead).
plan_cwd() {
  case $here in
    "$HARBOR_HOME" | "$HARBOR_HOME"/*) cwd_mode=home && return 0 ;;
    / | /proc | /proc/* | /sys | /sys/* | /dev | /dev/*) cwd_mode=none && return 0 ;;
  esac
  for own in $RUNNER_OWN_PATHS; do
    case $own/ in "$here"/*) cwd_mode=none && return 0 ;; esac
  done
  cwd_mode=ro
  [ -z "$writes" ] || cwd_mode=rw
}

# `secrets keygen`: resolves the host path of the new key (--output, else age_key_file) and creates its
# folder (0700) when missing. The runner creates the file itself, 0600 and never over an existing one.
# Sets keygen_dir (empty when no path is known: the runner then explains) and exports HARBOR_KEYGEN_FILE.
prepare_keygen() {
  keygen_dir='' HARBOR_KEYGEN_FILE=''
  file=${output:-$(age_key_file)}
  [ -n "$file" ] || return 0
  file=$(host_path "$file")
  dir=${file%/*}
  [ -d "${dir:-/}" ] || (umask 077 && mkdir -p "$dir") || die 1 "secrets keygen: cannot create the folder $dir for the key"
  # Logical (cd -L) so that ".." and a symlinked ~/.config mean what they mean to the runner's path.resolve.
  keygen_dir=$(cd "${dir:-/}" && pwd) || die 1 "secrets keygen: cannot enter $dir"
  HARBOR_KEYGEN_FILE=${keygen_dir%/}/${file##*/}
  export HARBOR_KEYGEN_FILE
}

# The .sops.yaml sops would use from here: SOPS_CONFIG, else the nearest one in the current directory or
# above it (sops walks up the same way). Empty when there is none.
sops_config_file() {
  if [ -n "${SOPS_CONFIG:-}" ]; then
    host_path "$SOPS_CONFIG"
    return 0
  fi
  dir=$here
  while :; do
    dir=${dir%/}
    if [ -f "$dir/.sops.yaml" ]; then
      printf '%s/.sops.yaml\n' "$dir"
      return 0
    fi
    [ -n "$dir" ] || return 0
    dir=${dir%/*}
  done
}

# Sets mount to a --mount value showing host PATH at the same path, read-only unless MODE is rw.
bind_spec() {
  case $1 in
    *'"'* | *'
'*) die 2 "cannot show $1 to the runner: its path holds a double quote or a newline (run harbor from another folder)" ;;
  esac
  mount="type=bind,\"source=$1\",\"target=$1\""
  [ "$2" = rw ] || mount="$mount,readonly"
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
  open_requested "$code"
  exit "$code"
}

# Opening URLs on the host (docs/Harbor-Utilities.md, "open"): for a command that may open one (`open`, `--open`,
# and the stage runners, whose descriptor may hold an `open` step), the runner appends URLs, one a line, to a 0600
# file of this run (HARBOR_OPEN_FILE); once the runner has exited 0, the shim opens each one that is an http(s) URL
# with nothing a shell would split (it is passed as one argument, never evaluated), or prints it.
open_url() {
  url=$1
  case $url in
    http://?* | https://?*) ;;
    *) say "not opening '$url': not an http(s) URL" && return 0 ;;
  esac
  case $url in
    *[[:space:][:cntrl:]\"\'\`\\\<\>]*) say "not opening a URL with spaces, quotes or control characters" && return 0 ;;
  esac
  os=$(uname -s)
  # In the order v1 used: $BROWSER, xdg-open (Linux, with a display), open (macOS), wslview (WSL).
  if [ -n "${BROWSER:-}" ] && command -v "${BROWSER%% *}" >/dev/null 2>&1; then
    # A browser may run until it is closed: started in the background. $BROWSER may hold arguments
    # ("firefox --new-tab"): split on spaces, no globbing, never evaluated.
    (set -f && IFS=' ' && exec $BROWSER "$url") </dev/null >/dev/null 2>&1 &
    return 0
  fi
  if [ "$os" != Darwin ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null 2>&1; then
    xdg-open "$url" </dev/null >/dev/null 2>&1 && return 0
  fi
  if [ "$os" = Darwin ] && command -v open >/dev/null 2>&1; then
    open "$url" </dev/null >/dev/null 2>&1 && return 0
  fi
  if command -v wslview >/dev/null 2>&1; then
    wslview "$url" </dev/null >/dev/null 2>&1 && return 0
  fi
  # Nothing to open it with (or no display): the URL, for the user to open.
  printf '%s\n' "$url"
}

open_requested() {
  [ -n "${HARBOR_OPEN_FILE:-}" ] || return 0
  if [ "$1" = 0 ] && [ -s "$HARBOR_OPEN_FILE" ]; then
    while IFS= read -r url || [ -n "$url" ]; do open_url "$url"; done <"$HARBOR_OPEN_FILE"
  fi
  rm -f "$HARBOR_OPEN_FILE"
}

# Runs the runner container, then opens what it asked for. docker runs in the background so that this shell can
# pass on INT and TERM (a shell defers traps while a foreground child runs), with stdin handed over explicitly (an
# asynchronous command would get /dev/null); it stays in this process group, so a terminal's Ctrl-C reaches it too.
run_then_open() {
  # (A closed stdin would make `exec 3<&0` end the shell: checked in a subshell first.)
  if (: <&0) 2>/dev/null; then exec 3<&0; else exec 3</dev/null; fi
  docker run "$@" <&3 3<&- &
  pid=$!
  exec 3<&-
  trap 'kill -INT "$pid" 2>/dev/null' INT
  trap 'kill -TERM "$pid" 2>/dev/null' TERM
  while :; do
    wait "$pid"
    code=$?
    # A trapped signal ends `wait` early (code > 128) while docker still runs: wait again.
    kill -0 "$pid" 2>/dev/null || break
  done
  trap - INT TERM
  open_requested "$code"
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
check_engine "$@"

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

read_command "$@"
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

here=$(pwd -P)

# The age key: mounted read-only at the same path, its path (not its content) passed by name.
key=$(age_key_file)
if [ -n "$key" ] && [ -f "$key" ]; then
  SOPS_AGE_KEY_FILE=$key
  export SOPS_AGE_KEY_FILE
  bind_spec "$key" ro
  set -- --mount "$mount" "$@"
fi

# The host boundary: the current directory, and the new key's folder for keygen (see above).
plan_cwd
workdir=$here
[ "$cwd_mode" = none ] && workdir=$HARBOR_HOME
if [ "$words" = 'secrets keygen' ]; then
  prepare_keygen
  case $keygen_dir in
    '' | "$HARBOR_HOME" | "$HARBOR_HOME"/*) ;;
    "$here") [ "$cwd_mode" = ro ] && cwd_mode=rw ;;
    *)
      bind_spec "$keygen_dir" rw
      set -- --mount "$mount" "$@"
      ;;
  esac
fi
if [ "$cwd_mode" = ro ] || [ "$cwd_mode" = rw ]; then
  bind_spec "$here" "$cwd_mode"
  set -- --mount "$mount" "$@"
  # secrets commands choose recipients from a .sops.yaml that may sit above the current directory.
  case $words in
    secrets*)
      config=$(sops_config_file)
      case $config in
        '' | "$HARBOR_HOME"/* | "$here"/*) ;;
        *)
          if [ -f "$config" ]; then
            bind_spec "$config" ro
            set -- --mount "$mount" "$@"
          fi
          ;;
      esac
      ;;
  esac
fi
HARBOR_HOST_CWD=$here
export HARBOR_HOST_CWD
# --- host HOME and Docker client config (docs/runner.md) ---
# Compose expands ~ and ${HOME} from HOME, so the runner gets the host user's: a bind of ~/.ollama means
# the host's, as under plain compose. The runner's own scratch is under /tmp (set in Dockerfile.runner).
if [ -n "${HOME:-}" ]; then
  export HOME
  set -- -e HOME "$@"
fi
# The XDG folders too, so ${XDG_CACHE_HOME:-~/.cache} in a compose file means what it means on the host.
for name in XDG_CACHE_HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME; do
  eval "[ -n \"\${$name:-}\" ]" && set -- -e "$name" "$@"
done
# `docker login` credentials: the client config file only, read-only, where the runner's DOCKER_CONFIG
# looks (its cli-plugins/ would shadow the runner's compose). Its path is passed for `harbor doctor`.
# A file that sends lookups to a credential helper (a program of the host, e.g. docker-credential-desktop)
# is not mounted: in the runner every pull, public ones too, would fail on the missing helper.
docker_config=${DOCKER_CONFIG:-${HOME:-/nonexistent}/.docker}/config.json
if [ -f "$docker_config" ]; then
  HARBOR_HOST_DOCKER_CONFIG=$docker_config
  export HARBOR_HOST_DOCKER_CONFIG
  flat=$(tr -d ' \t\r\n' <"$docker_config")
  helpers=
  case $flat in *'"credsStore":"'[!\"]*) helpers="credsStore=$(printf '%s' "$flat" | sed 's/.*"credsStore":"\([^"]*\)".*/\1/')" ;; esac
  case $flat in *'"credHelpers":{"'*) helpers="${helpers:+$helpers }credHelpers" ;; esac
  flat=
  if [ -n "$helpers" ]; then
    HARBOR_HOST_DOCKER_HELPERS=$helpers
    export HARBOR_HOST_DOCKER_HELPERS
  else
    set -- -v "$docker_config:/tmp/harbor-docker/config.json:ro" "$@"
  fi
fi
# --- end host HOME ---
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

# Only this shim names the open-requests file, and only for a command that may open a URL.
unset HARBOR_OPEN_FILE
case $words in open | open\ * | deploy | deploy\ * | run | run\ * | 'history run') open_flag=1 ;; esac
if [ -n "$open_flag" ]; then
  mkdir -p "$HARBOR_HOME/var/run/.harbor" || die 1 "cannot create $HARBOR_HOME/var/run/.harbor"
  HARBOR_OPEN_FILE=$HARBOR_HOME/var/run/.harbor/open.$$
  (umask 077 && : >"$HARBOR_OPEN_FILE") || die 1 "cannot create $HARBOR_OPEN_FILE"
  export HARBOR_OPEN_FILE
fi

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

[ -n "${HARBOR_HOST_HOOKS_DIR:-}" ] && run_with_host_hooks --user "$(id -u):$(id -g)" -w "$workdir" "$@"
[ -n "${HARBOR_OPEN_FILE:-}" ] && run_then_open --user "$(id -u):$(id -g)" -w "$workdir" "$@"
exec docker run --user "$(id -u):$(id -g)" -w "$workdir" "$@"
