#!/usr/bin/env bash
# Builds CallVault's transcription engine: libwhisper (whisper.cpp 1.9.1) and our runner
# native/whisper-runner/callvault-whisper, plus whisper.cpp's own whisper-cli as the benchmark
# baseline. Only the npm registry is needed (for the source); everything else is local.
#
#   bash scripts/build-whisper.sh            dev/CI: static, -march=native (GGML_NATIVE=ON)
#   bash scripts/build-whisper.sh --dist     packaging: shared libs + one CPU kernel library per
#                                            x86-64 level (GGML_BACKEND_DL, GGML_CPU_ALL_VARIANTS);
#                                            ggml picks the best one at run time (AVX2 where present)
#   options: --jobs N (default 2), --quiet
#
# Where whisper.cpp comes from: upstream does not publish to npm, but nodejs-whisper@0.3.1 ships a
# complete whisper.cpp v1.9.1 tree in package/cpp/whisper.cpp. We take only that folder (never run
# the package), pinned by the tarball's sha256. Cache layout, all under .cache/whisper/:
#   nodejs-whisper-0.3.1.tgz       verified tarball
#   whisper.cpp-1.9.1/             extracted source
#   build-native/ or build-dist/   cmake build; bin/ holds the binaries (and .so files for --dist)
# A second run only re-runs `cmake --build`, which is a no-op when nothing changed and picks up
# edits to the runner.
#
# Build time on the 2 shared vCPUs used for development (nice -n 10, -j2): see docs/TRANSCRIPTION.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PKG=nodejs-whisper
PKG_VERSION=0.3.1
PKG_SHA256=92041caf2b26c74b7f489fedf37bd093f216eebd61df512045ec2d19d0531d37
WHISPER_VERSION=1.9.1

variant=native
jobs=2
quiet=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) variant=dist ;;
    --jobs) jobs="${2:?--jobs needs a number}"; shift ;;
    --quiet) quiet=1 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "build-whisper: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "build-whisper: $*"; }
die() { echo "build-whisper: $*" >&2; exit 1; }
command -v cmake >/dev/null || die "cmake is missing: run scripts/install-system-deps.sh"
command -v c++ >/dev/null || die "a C++ compiler is missing: run scripts/install-system-deps.sh"

CACHE="$ROOT/.cache/whisper"
SRC="$CACHE/whisper.cpp-$WHISPER_VERSION"
TGZ="$CACHE/$PKG-$PKG_VERSION.tgz"
BUILD="$CACHE/build-$variant"
mkdir -p "$CACHE"

# One build at a time per checkout (CI and a developer's shell may overlap).
if command -v flock >/dev/null; then
  exec 9>"$CACHE/.lock"
  flock 9
fi

started=$(date +%s)

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

if [ ! -f "$SRC/.complete" ]; then
  if [ ! -f "$TGZ" ] || [ "$(sha256_of "$TGZ")" != "$PKG_SHA256" ]; then
    say "fetching $PKG@$PKG_VERSION from the npm registry"
    tmp=$(mktemp -d "$CACHE/pack.XXXXXX")
    # --ignore-scripts: we only want the files; the package's own code never runs.
    (cd "$tmp" && npm pack "$PKG@$PKG_VERSION" --ignore-scripts --silent >/dev/null) || { rm -rf "$tmp"; die "npm pack $PKG@$PKG_VERSION failed (is the npm registry reachable?)"; }
    mv "$tmp/$PKG-$PKG_VERSION.tgz" "$TGZ.part"
    rm -rf "$tmp"
    actual=$(sha256_of "$TGZ.part")
    if [ "$actual" != "$PKG_SHA256" ]; then
      rm -f "$TGZ.part"
      die "sha256 mismatch for $PKG-$PKG_VERSION.tgz: expected $PKG_SHA256, got $actual. Refusing to build from it."
    fi
    mv "$TGZ.part" "$TGZ"
  fi
  say "extracting whisper.cpp $WHISPER_VERSION"
  rm -rf "$SRC" "$SRC.part"
  mkdir -p "$SRC.part"
  tar -xzf "$TGZ" -C "$SRC.part" --strip-components=3 package/cpp/whisper.cpp
  grep -q "project(\"whisper.cpp\" VERSION $WHISPER_VERSION)" "$SRC.part/CMakeLists.txt" \
    || die "the tarball's whisper.cpp is not version $WHISPER_VERSION"
  touch "$SRC.part/.complete"
  mv "$SRC.part" "$SRC"
fi

# A build directory belongs to one source version and one set of flags: start over if either changed.
case "$variant" in
  native) flags=(-DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=ON) ;;
  dist) flags=(-DBUILD_SHARED_LIBS=ON -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DGGML_NATIVE=OFF) ;;
esac
# OpenMP off: ggml's own thread pool is as fast here and we do not have to ship libgomp.
flags+=(-DCMAKE_BUILD_TYPE=Release -DGGML_OPENMP=OFF -DGGML_CCACHE=OFF "-DWHISPER_CPP_DIR=$SRC")
stamp="whisper.cpp $WHISPER_VERSION; ${flags[*]}"
if [ -f "$BUILD/.stamp" ] && [ "$(cat "$BUILD/.stamp")" != "$stamp" ]; then
  say "build flags or source changed: starting $BUILD afresh"
  rm -rf "$BUILD"
fi

out() { if [ "$quiet" -eq 1 ]; then "$@" >"$BUILD.log" 2>&1 || { tail -n 40 "$BUILD.log" >&2; return 1; }; else "$@"; fi; }

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  say "configuring $variant build"
  mkdir -p "$BUILD"
  out nice -n 10 cmake -S "$ROOT/native/whisper-runner" -B "$BUILD" "${flags[@]}"
  echo "$stamp" >"$BUILD/.stamp"
fi

say "building ($variant, -j$jobs)"
out nice -n 10 cmake --build "$BUILD" -j "$jobs" --target callvault-whisper whisper-cli callvault-json-escape-check

# Smoke check: the runner starts, refuses to run without a model, and says so in its protocol.
set +e
usage=$("$BUILD/bin/callvault-whisper" </dev/null 2>/dev/null)
rc=$?
set -e
[ "$rc" -eq 2 ] && [[ "$usage" == *'"type":"error"'* ]] || die "the built runner does not start correctly (exit $rc): $usage"

say "done in $(( $(date +%s) - started )) s"
say "runner:      $BUILD/bin/callvault-whisper"
say "whisper-cli: $BUILD/bin/whisper-cli"
if [ "$variant" = dist ]; then
  say "package the whole directory $BUILD/bin (runner, libwhisper, libggml*, libggml-cpu-*.so)"
fi
