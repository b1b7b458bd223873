# A tiny Scrapy project for scrapyd4j's live tests: no network needed (data: URLs).
BOT_NAME = "livebot"
SPIDER_MODULES = ["livebot.spiders"]
NEWSPIDER_MODULE = "livebot.spiders"
ROBOTSTXT_OBEY = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
