"""Times one `setup.py bdist_egg` inside the Python process, from running setup.py (its setuptools
imports included) to its end: the Python side of the in-process comparison with
EggBuildBenchmark, without the interpreter's start. Setuptools keeps state between runs in one
process, so run this once per process. Usage, in the project copy that has scrapyd-deploy's
setup.py: python3 python_in_process.py OUT_DIR  (prints the milliseconds)"""
import runpy
import shutil
import sys
import time

out = sys.argv[1]
for d in ("build", "project.egg-info", out):
    shutil.rmtree(d, ignore_errors=True)
sys.argv = ["setup.py", "-q", "bdist_egg", "-d", out]
start = time.perf_counter()
try:
    runpy.run_path("setup.py", run_name="__main__")
except SystemExit:
    pass
print("%.0f" % ((time.perf_counter() - start) * 1000))
