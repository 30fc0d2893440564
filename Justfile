# Harbor v2 task entry points. Everything runs through ./harbor.sh (the host needs only Docker),
# except `test` and `build`, which are for developers with Node 20 or later.

set shell := ["sh", "-c"]
# Recipe arguments reach the commands as "$@", so an argument with spaces stays one argument.
set positional-arguments

# List the recipes
default:
    @just --list

# Bring the stack up: source, prepare, deploy, post_deploy (args: handles or flags, e.g. `just deploy --dry-run`)
deploy *args:
    ./harbor.sh deploy "$@"

# Stop and remove what deploy started
destroy *args:
    ./harbor.sh destroy "$@"

# Check the Docker engine, compose, the home mount, disk and keys
doctor *args:
    ./harbor.sh doctor "$@"

# Any Harbor command: `just harbor ps`, `just harbor logs webui`
harbor *args:
    ./harbor.sh "$@"

# (Re)build the runner image from Dockerfile.runner
runner:
    ./harbor.sh runner build

# Save the runner image for an air-gapped host (load it there with ./harbor.sh runner load FILE)
runner-save file="var/harbor-runner.tar.gz":
    ./harbor.sh runner save "$1"

# Bundle the runner with esbuild (developers; needs Node 20 or later and npm ci)
build:
    npm run build

# Type-check, then the unit, integration and end-to-end tests (developers; needs Docker)
test *args:
    npm test -- "$@"

# Run the benchmarks and print their figures
bench:
    npm run bench
