# A crawl that goes well: five data: pages, one item each, non-ASCII text in log and items.
import scrapy


class GoodSpider(scrapy.Spider):
    name = "good"
    custom_settings = {"LOG_LEVEL": "INFO"}

    def start_requests(self):
        for i in range(5):
            yield scrapy.Request("data:text/plain;charset=utf-8,page%d" % i, cb_kwargs={"n": i})

    def parse(self, response, n):
        self.logger.info("parsed page %d: h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c", n)
        yield {"n": n, "text": response.text, "uni": "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c"}
