#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds: the repo's fixtures and, when present, the shared
# corpus of real files (../shared/corpus beside the repo), by format. The corpus folders are
# not committed (see .gitignore): files of the shared corpus must never enter the repo.
#
# Files over MAX_SEED bytes are cut to that size: libFuzzer mutates short inputs many times
# faster, and a file cut off is itself a case worth fuzzing. Run with -max_len equal to it.
#
# Usage: fuzz/seed.sh   (from anywhere; re-running refreshes the seeds, keeping what the
# fuzzer found)
set -euo pipefail

MAX_SEED=${MAX_SEED:-65536}
fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$fuzz_dir")
shared="$repo/../shared/corpus"
corpus="$fuzz_dir/corpus"

sources=("$repo/fixtures")
if [[ -d "$shared" ]]; then
  sources+=("$(cd "$shared" && pwd)")
else
  echo "shared corpus not found at $shared; seeding from the repo's fixtures only" >&2
fi

# seed TARGET FILE: copies FILE (at most MAX_SEED bytes of it) into the target's corpus, named
# after its path so that seeds from different folders do not collide.
seed() {
  local target=$1 file=$2
  local name
  name=$(printf '%s' "${file#"$repo"/}" | tr '/' '_' | sed 's/^\.\._//')
  mkdir -p "$corpus/$target"
  head -c "$MAX_SEED" "$file" >"$corpus/$target/seed-$name"
}

# by_extension TARGET EXT...: seeds TARGET and `detect` with every file of those extensions.
by_extension() {
  local target=$1
  shift
  local pattern=()
  for ext in "$@"; do
    pattern+=(-o -iname "*.$ext")
  done
  while IFS= read -r -d '' file; do
    seed "$target" "$file"
    seed detect "$file"
  done < <(find "${sources[@]}" -type f \( -false "${pattern[@]}" \) -print0)
}

by_extension fit fit
by_extension gpx gpx
by_extension tcx tcx
by_extension csv csv
by_extension json json
by_extension apple_health xml

# Apple Health: the fixture again without its DOCTYPE internal subset, so that mutations land
# in the workouts rather than in the 5 KiB of declarations.
for file in "$corpus"/apple_health/seed-*; do
  case $file in *-no-doctype.xml) continue ;; esac
  awk '/<!DOCTYPE/ { skip = 1 } !skip { print } skip && /^\]>/ { skip = 0 }' "$file" \
    >"${file%.xml}-no-doctype.xml"
done

# Archives: built here from small fixtures, in the shapes real exports take (a .fit.gz from
# Strava, a zip of files, a Garmin export's zips inside a zip, macOS metadata entries, an
# empty zip), written into a scratch folder first.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fx="$repo/fixtures"
cp "$fx/athlete/2026-02-14-long-run.fit" "$scratch/run.fit"
cp "$fx/athlete/2026-02-12-strength.fit" "$scratch/strength.fit"
cp "$fx/tcx/2026-03-04-strava-ride.tcx" "$scratch/ride.tcx"
cp "$fx/broken/not-a-run.gpx" "$scratch/route.gpx"
cp "$fx/csv/strava-activities.csv" "$scratch/activities.csv"
cp "$fx/csv/hevy.csv" "$scratch/hevy.csv"
mkdir -p "$corpus/archive"
(
  cd "$scratch"
  gzip -9 -n -c run.fit >"$corpus/archive/seed-run.fit.gz"
  gzip -9 -n -c ride.tcx >"$corpus/archive/seed-ride.tcx.gz"
  gzip -1 -n -c hevy.csv >"$corpus/archive/seed-hevy.csv.gz"
  # Two gzip members in one stream (what `cat a.gz b.gz` makes).
  cat "$corpus/archive/seed-run.fit.gz" "$corpus/archive/seed-run.fit.gz" >"$corpus/archive/seed-two-members.gz"
  mkdir -p activities __MACOSX/activities
  cp run.fit strength.fit route.gpx activities/
  printf 'metadata' >__MACOSX/activities/._run.fit
  zip -q -X -9 export.zip activities.csv activities/run.fit activities/strength.fit activities/route.gpx \
    __MACOSX/activities/._run.fit
  cp export.zip "$corpus/archive/seed-strava-export.zip"
  zip -q -X -0 stored.zip ride.tcx hevy.csv
  cp stored.zip "$corpus/archive/seed-stored.zip"
  zip -q -X -9 outer.zip export.zip stored.zip run.fit
  cp outer.zip "$corpus/archive/seed-nested.zip"
  gzip -9 -n -c stored.zip >"$corpus/archive/seed-zip-in-gz.gz"
  gzip -9 -n -c "$corpus/archive/seed-run.fit.gz" >"$corpus/archive/seed-gz-in-gz.gz"
  zip -q -X -r dirs.zip activities
  cp dirs.zip "$corpus/archive/seed-with-folder.zip"
  # The end-of-central-directory record alone: a zip with no entries.
  printf 'PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' >"$corpus/archive/seed-empty.zip"
)
# And the archives among the fixtures as they are (the hostile batch's damaged and empty ones).
while IFS= read -r -d '' file; do
  seed archive "$file"
done < <(find "${sources[@]}" -type f \( -iname '*.zip' -o -iname '*.gz' \) -print0)
cp "$corpus"/archive/seed-* "$corpus/detect/" 2>/dev/null || true

for target in "$corpus"/*/; do
  printf '%-14s %5d seeds\n' "$(basename "$target")" "$(find "$target" -type f | wc -l)"
done
