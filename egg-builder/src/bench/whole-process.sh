#!/usr/bin/env bash
# Whole-process comparison, JVM start included: EggBuilder (BuildEggMain) against
# `python3 setup.py bdist_egg` (with the setup.py scrapyd-deploy writes) on two copies of the same
# generated project (BenchProject: 2,000 modules, 500 data files), side by side in one hyperfine run.
# Usage (from anywhere): egg-builder/src/bench/whole-process.sh
# Environment: WORK (default /tmp/scrapyd4j-bench), PYTHON (default /usr/bin/python3),
#              RUNS (default 15), MVN_OPTS (default -o).
set -euo pipefail
cd "$(dirname "$0")/../../.."
WORK=${WORK:-/tmp/scrapyd4j-bench}
PYTHON=${PYTHON:-/usr/bin/python3}
RUNS=${RUNS:-15}
mkdir -p "$WORK"

# Compile (the bench profile adds src/bench/java as test sources) and write the runtime class path.
mvn -B -q ${MVN_OPTS:--o} -Pbench -pl egg-builder -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -DincludeScope=runtime
CP="egg-builder/target/classes:egg-builder/target/test-classes:core/target/classes:$(cat "$WORK/cp.txt")"

rm -rf "$WORK/java" "$WORK/python" "$WORK/out"
java -cp "$CP" io.github.scrapyd4j.egg.bench.BenchProject "$WORK/java"
cp -r "$WORK/java" "$WORK/python"
cat > "$WORK/python/setup.py" <<'PY'
# Automatically created by: scrapyd-deploy

from setuptools import setup, find_packages

setup(
    name         = 'project',
    version      = '1.0',
    packages     = find_packages(),
    entry_points = {'scrapy': ['settings = benchbot.settings']},
)
PY

JAVA="java -cp $CP io.github.scrapyd4j.egg.bench.BuildEggMain $WORK/java $WORK/out/java.egg"
hyperfine --warmup 2 --runs "$RUNS" --export-markdown "$WORK/results.md" --export-json "$WORK/results.json" \
  --prepare "rm -rf $WORK/out $WORK/python/build $WORK/python/project.egg-info" \
  -n "java EggBuilder, data files (default)" "$JAVA" \
  -n "java EggBuilder, no data files (like scrapyd-deploy)" "$JAVA --no-data" \
  -n "java -XX:TieredStopAtLevel=1 EggBuilder, data files" \
     "java -XX:TieredStopAtLevel=1 -cp $CP io.github.scrapyd4j.egg.bench.BuildEggMain $WORK/java $WORK/out/java.egg" \
  -n "python3 setup.py bdist_egg, PYTHONDONTWRITEBYTECODE=1" \
     "cd $WORK/python && PYTHONDONTWRITEBYTECODE=1 $PYTHON setup.py -q bdist_egg -d $WORK/out" \
  -n "python3 setup.py bdist_egg, default (byte-compiles)" \
     "cd $WORK/python && env -u PYTHONDONTWRITEBYTECODE $PYTHON setup.py -q bdist_egg -d $WORK/out"
echo "Results: $WORK/results.md"

# Python's in-process time (interpreter start excluded), to set next to EggBuildBenchmark's:
# one build per process, the median of RUNS.
SCRIPT="$PWD/egg-builder/src/bench/python_in_process.py"
for i in $(seq "$RUNS"); do
  (cd "$WORK/python" && PYTHONDONTWRITEBYTECODE=1 "$PYTHON" "$SCRIPT" "$WORK/out" 2>/dev/null)
done | sort -n | awk '{a[NR]=$1} END {printf "python in-process bdist_egg (PYTHONDONTWRITEBYTECODE=1): median %d ms of %d runs (min %d, max %d)\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), NR, a[1], a[NR]}'
