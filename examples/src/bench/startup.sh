#!/usr/bin/env bash
# The command line, whole process, as a user runs it: start-up against a bare JVM, egg building
# against setuptools, schedule + status against a local Scrapyd. Each part is one hyperfine run
# with the commands side by side; medians and ratios are printed at the end (docs/benchmarks.md).
#
# Runs from the bench profile after package (mvn -B -Pbench verify -DskipTests), or by hand
# after `mvn -B -DskipTests package`: examples/src/bench/startup.sh
# Needs: hyperfine (Debian: apt-get install hyperfine), java and javac, /usr/bin/python3 with
# setuptools for the egg part, a Scrapyd for the last part (skipped with a message without one).
# Environment: WORK (default /tmp/scrapyd4j-startup), RUNS (default 20), PYTHON (default
#   /usr/bin/python3), SCRAPYD_URL (default http://localhost:6800), LIVE_RUNS (default 5: each
#   schedules a real crawl of the quickstart spider, in a project deleted afterwards),
#   PARTS (default "1 2 3": which parts to run).
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
WORK=${WORK:-/tmp/scrapyd4j-startup}
RUNS=${RUNS:-20}
PYTHON=${PYTHON:-/usr/bin/python3}
SCRAPYD_URL=${SCRAPYD_URL:-http://localhost:6800}
LIVE_RUNS=${LIVE_RUNS:-5}
PARTS=" ${PARTS:-1 2 3} "
part() { case $PARTS in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
TAR=$(ls examples/target/scrapyd4j-*.tar.gz 2>/dev/null | head -1 || true)
[ -n "$TAR" ] || { echo "no examples/target/scrapyd4j-*.tar.gz: run mvn -B -DskipTests package first" >&2; exit 1; }
FATJAR=$ROOT/examples/target/scrapyd4j.jar

rm -rf "$WORK"
mkdir -p "$WORK/dist" "$WORK/out" "$WORK/classes"
tar xzf "$TAR" -C "$WORK/dist"
APP=$(echo "$WORK"/dist/scrapyd4j-*)
BIN=$APP/bin/scrapyd4j
# The user's options would skew the figures; the class-data archive goes to the bench's own cache.
unset JAVA_OPTS SCRAPYD4J_OPTS SCRAPYD4J_CDS JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS
export XDG_CACHE_HOME=$WORK/cache

# The bare JVM: a class that prints "hi", on the same java the launcher runs.
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
mkdir -p "$WORK/hello"
echo 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }' \
  > "$WORK/hello/Hello.java"
"$JAVAC" -d "$WORK/hello" "$WORK/hello/Hello.java"

echo "== Machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -version 2>&1 | head -2
"$PYTHON" --version
hyperfine --version

# The first run makes the class-data archive (Java 17+); the figures are for the runs after it.
"$BIN" --version

median() { # hyperfine JSON, command name -> median in ms
  "$JAVA" -cp "$WORK/classes" Medians "$1" "$2"
}
cat > "$WORK/classes/Medians.java" <<'JAVA'
import java.nio.file.*;
import java.util.regex.*;
/** Prints the median (ms) of the named command in a hyperfine JSON export. */
public class Medians {
  public static void main(String[] a) throws Exception {
    String json = Files.readString(Path.of(a[0]));
    Matcher m = Pattern.compile("\"command\":\\s*\"" + Pattern.quote(a[1])
        + "\".*?\"median\":\\s*([0-9.eE+-]+)", Pattern.DOTALL).matcher(json);
    if (!m.find()) throw new IllegalArgumentException("no " + a[1] + " in " + a[0]);
    System.out.printf("%.1f%n", Double.parseDouble(m.group(1)) * 1000);
  }
}
JAVA
"$JAVAC" -d "$WORK/classes" "$WORK/classes/Medians.java"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

if part 1; then
echo
echo "== 1. Start-up: --version and --help against a bare JVM"
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$WORK/startup.json" \
  --export-markdown "$WORK/startup.md" \
  -n "java Hello (bare JVM)" "$JAVA -cp $WORK/hello Hello" \
  -n "bin/scrapyd4j --version" "$BIN --version" \
  -n "java -jar scrapyd4j.jar --version" "$JAVA -jar $FATJAR --version" \
  -n "bin/scrapyd4j --help" "$BIN --help" \
  -n "bin/scrapyd4j --help, no archive" "env SCRAPYD4J_CDS=off $BIN --help" \
  -n "java -jar scrapyd4j.jar --help" "$JAVA -jar $FATJAR --help"
fi

if part 2; then
echo
echo "== 2. Eggs: deploy --build-egg against setup.py bdist_egg (scrapyd-deploy's way)"
# The 2,000-module project of egg-builder's benchmarks (BenchProject, plain Java).
"$JAVAC" -d "$WORK/classes" egg-builder/src/bench/java/io/github/scrapyd4j/egg/bench/BenchProject.java
"$JAVA" -cp "$WORK/classes" io.github.scrapyd4j.egg.bench.BenchProject "$WORK/big-java" >/dev/null
cp -r "$WORK/big-java" "$WORK/big-python"
cp -r examples/quickstart-project "$WORK/qs-java"
cp -r examples/quickstart-project "$WORK/qs-python"
setup_py() { # the setup.py scrapyd-deploy writes
  cat > "$1/setup.py" <<PY
# Automatically created by: scrapyd-deploy

from setuptools import setup, find_packages

setup(
    name         = 'project',
    version      = '1.0',
    packages     = find_packages(),
    entry_points = {'scrapy': ['settings = $2.settings']},
)
PY
}
setup_py "$WORK/big-python" benchbot
setup_py "$WORK/qs-python" quickstart
CLEAN="rm -rf $WORK/out/* $WORK/big-python/build $WORK/big-python/*.egg-info $WORK/qs-python/build $WORK/qs-python/*.egg-info"
# setup.py byte-compiles the modules (.pyc) into the egg, as users get it: PYTHONDONTWRITEBYTECODE
# must not be set.
hyperfine --warmup 2 --runs "$RUNS" --prepare "$CLEAN" --export-json "$WORK/eggs.json" \
  --export-markdown "$WORK/eggs.md" \
  -n "bin/scrapyd4j deploy --build-egg, 2,000 modules" \
     "$BIN deploy -C $WORK/big-java --build-egg $WORK/out/big.egg" \
  -n "setup.py bdist_egg, 2,000 modules" \
     "cd $WORK/big-python && env -u PYTHONDONTWRITEBYTECODE $PYTHON setup.py -q bdist_egg -d $WORK/out" \
  -n "bin/scrapyd4j deploy --build-egg, quickstart" \
     "$BIN deploy -C $WORK/qs-java --build-egg $WORK/out/qs.egg" \
  -n "setup.py bdist_egg, quickstart" \
     "cd $WORK/qs-python && env -u PYTHONDONTWRITEBYTECODE $PYTHON setup.py -q bdist_egg -d $WORK/out"
fi

echo
echo "== 3. schedule + status on $SCRAPYD_URL"
LIVE=skipped
if ! part 3; then
  echo "not run (PARTS)"
elif "$BIN" projects --url "$SCRAPYD_URL" >/dev/null 2>&1; then
  P=scrapyd4j-startup-bench
  "$BIN" deploy --url "$SCRAPYD_URL" -p "$P" -v "$(date +%s)" -C "$WORK/qs-java" >/dev/null
  cat > "$WORK/schedule-status.sh" <<SH
job=\$("$BIN" schedule --url "$SCRAPYD_URL" -p "$P" quotes) && "$BIN" status --url "$SCRAPYD_URL" -p "$P" "\$job" >/dev/null
SH
  CMDS=(-n "scrapyd4j schedule + status" "sh $WORK/schedule-status.sh")
  if command -v scrapyd-client >/dev/null; then
    # scrapyd-client has no status command: schedule + projects (one read call) stands for it.
    CMDS+=(-n "scrapyd-client schedule + projects" \
      "cd $WORK/qs-python && scrapyd-client schedule -p $P quotes >/dev/null && scrapyd-client projects >/dev/null")
  else
    echo "scrapyd-client is not installed (pip install scrapyd-client; Debian has no package): only scrapyd4j's side is measured"
  fi
  hyperfine --warmup 1 --runs "$LIVE_RUNS" --export-json "$WORK/live.json" \
    --export-markdown "$WORK/live.md" "${CMDS[@]}"
  # Let the crawls end, then take the project away again.
  for _ in $(seq 60); do
    "$BIN" jobs --url "$SCRAPYD_URL" -p "$P" 2>/dev/null | grep -qE ' (pending|running) ' || break
    sleep 2
  done
  "$BIN" delproject --url "$SCRAPYD_URL" -p "$P" >/dev/null || true
  LIVE=measured
else
  echo "no Scrapyd answers on $SCRAPYD_URL: this part is skipped (set SCRAPYD_URL)"
fi

echo
echo "== Summary (medians; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
S=$WORK/startup.json E=$WORK/eggs.json
if part 1; then
  hello=$(median "$S" "java Hello (bare JVM)")
  v_bin=$(median "$S" "bin/scrapyd4j --version")
  v_jar=$(median "$S" "java -jar scrapyd4j.jar --version")
  h_bin=$(median "$S" "bin/scrapyd4j --help")
  h_off=$(median "$S" "bin/scrapyd4j --help, no archive")
  h_jar=$(median "$S" "java -jar scrapyd4j.jar --help")
  echo "bare JVM hello world:              ${hello} ms"
  echo "bin/scrapyd4j --version:           ${v_bin} ms  $(ratio "$v_bin" "$hello")x hello (goal: at most 2.0x)"
  echo "java -jar scrapyd4j.jar --version: ${v_jar} ms  $(ratio "$v_jar" "$hello")x hello (goal: at most 3.0x)"
  echo "bin/scrapyd4j --help:              ${h_bin} ms  $(ratio "$h_bin" "$hello")x hello (no archive: ${h_off} ms)"
  echo "java -jar scrapyd4j.jar --help:    ${h_jar} ms  $(ratio "$h_jar" "$hello")x hello"
fi
if part 2; then
  big_j=$(median "$E" "bin/scrapyd4j deploy --build-egg, 2,000 modules")
  big_p=$(median "$E" "setup.py bdist_egg, 2,000 modules")
  qs_j=$(median "$E" "bin/scrapyd4j deploy --build-egg, quickstart")
  qs_p=$(median "$E" "setup.py bdist_egg, quickstart")
  echo "2,000 modules: scrapyd4j ${big_j} ms, setup.py ${big_p} ms: $(ratio "$big_p" "$big_j")x faster (goal: at least 2x)"
  echo "quickstart:    scrapyd4j ${qs_j} ms, setup.py ${qs_p} ms: $(ratio "$qs_p" "$qs_j")x faster"
fi
if [ "$LIVE" = measured ]; then
  echo "schedule + status: $(median "$WORK/live.json" "scrapyd4j schedule + status") ms"
fi
echo "Tables (markdown) and hyperfine JSON: $WORK"
