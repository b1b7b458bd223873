# Settings of the quickstart project (see https://docs.scrapy.org/en/latest/topics/settings.html).
BOT_NAME = "quickstart"
SPIDER_MODULES = ["quickstart.spiders"]
NEWSPIDER_MODULE = "quickstart.spiders"

ROBOTSTXT_OBEY = False
LOG_LEVEL = "INFO"
