#!/bin/sh
# The steps that turn a Harbor checkout into the runner bundle, runner/dist/harbor.cjs, in order: the one list
# every way of building the runner image uses. Dockerfile.runner's source stage runs it on the build context
# (what users' first `./harbor.sh` does); CI runs it in the checkout and builds the image from the result
# (HARBOR_BUNDLE_FROM=host); tests/e2e/runner-build-context.test.ts replays the source stage on the exported
# build context. npm takes its settings from the environment (npm_config_cache, npm_config_prefer_offline).
set -eu
cd "$(dirname "$0")/.."
# 1. The dependencies exactly as package-lock.json pins them (esbuild, which makes the bundle, among them).
npm ci --no-audit --no-fund
# 2. The bundle (package.json's "build" script), from a clean runner/dist so a stale bundle never passes
#    for a fresh one. The output depends only on the sources and the locked esbuild: no time, path or env.
rm -rf runner/dist
npm run build
