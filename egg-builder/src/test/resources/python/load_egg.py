"""Loads an egg the way Scrapyd's runner (scrapyd/runner.py) does, then runs `scrapy list`:
pkg_resources.find_distributions(egg), the first distribution's activate(), the settings module
from its [scrapy] `settings` entry point, then scrapy.cmdline.execute(). Written for scrapyd4j's
tests; usage: python3 load_egg.py EGG [scrapy command...]"""
import os
import sys

import pkg_resources

egg = sys.argv[1]
distributions = pkg_resources.find_distributions(egg)
if isinstance(distributions, tuple):
    sys.exit("BadEggError: not a distribution")
try:
    distribution = next(distributions)
except StopIteration:
    sys.exit("BadEggError: no distribution in " + egg)
distribution.activate()
os.environ["SCRAPY_SETTINGS_MODULE"] = distribution.get_entry_info("scrapy", "settings").module_name

from scrapy.cmdline import execute  # noqa: E402

sys.argv = ["scrapy"] + (sys.argv[2:] or ["list"])
execute()
