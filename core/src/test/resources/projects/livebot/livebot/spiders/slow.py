import scrapy


class SlowSpider(scrapy.Spider):
    """Crawls data: URLs one per second for a minute: a job that is running long enough to cancel."""

    name = "slow"
    custom_settings = {"DOWNLOAD_DELAY": 1.0, "CONCURRENT_REQUESTS": 1}

    def start_requests(self):
        for i in range(60):
            yield scrapy.Request("data:,page%d" % i, dont_filter=True)

    def parse(self, response):
        yield {"page": response.text}
