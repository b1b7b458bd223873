# A crawl whose callback raises on every third page, slowly: ERROR lines that grow while it runs.
import scrapy


class ErrsSpider(scrapy.Spider):
    name = "errs"
    custom_settings = {"LOG_LEVEL": "INFO", "CONCURRENT_REQUESTS": 1}

    def start_requests(self):
        for i in range(12):
            yield scrapy.Request("data:,page%d" % i, dont_filter=True, cb_kwargs={"n": i})

    def parse(self, response, n):
        if n % 3 == 2:
            raise ValueError("bad page %d" % n)
        yield {"n": n}
