# A crawl whose callback raises on one page: Scrapy logs an ERROR and still finishes normally.
import scrapy


class BoomSpider(scrapy.Spider):
    name = "boom"
    custom_settings = {"LOG_LEVEL": "INFO"}

    def start_requests(self):
        for i in range(3):
            yield scrapy.Request("data:,page%d" % i, cb_kwargs={"n": i})

    def parse(self, response, n):
        if n == 1:
            raise ValueError("boom on page 1")
        yield {"n": n}
