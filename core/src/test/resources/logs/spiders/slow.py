# A crawl that takes a while: `pages` data: pages (default 200) at DOWNLOAD_DELAY (set with -s).
import scrapy


class SlowSpider(scrapy.Spider):
    name = "slow"
    custom_settings = {"LOG_LEVEL": "DEBUG", "CONCURRENT_REQUESTS": 1}

    def __init__(self, pages="200", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = int(pages)

    def start_requests(self):
        for i in range(self.pages):
            yield scrapy.Request("data:,page%d" % i, dont_filter=True, cb_kwargs={"n": i})

    def parse(self, response, n):
        self.logger.info("page %d: caf\u00e9 \u2615", n)
        yield {"n": n, "text": "caf\u00e9 \u2615"}
