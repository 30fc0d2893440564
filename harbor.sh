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
  words='' writes='' output='' has_output='' in_place='' value_next=''
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
      -*) ;;
      *) case $words in *' '*) ;; '') words=$arg ;; *) words="$words $arg" ;; esac ;;
    esac
  done
  case $words in
    'secrets edit' | 'secrets set' | 'secrets unset' | 'secrets updatekeys' | 'secrets rotate' | 'runner save') writes=1 ;;
    'secrets encrypt') writes=$has_output$in_place ;;
    'secrets decrypt' | 'descriptor schema') writes=$has_output ;;
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

exec docker run --user "$(id -u):$(id -g)" -w "$workdir" "$@"
