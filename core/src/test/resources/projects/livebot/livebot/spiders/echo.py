import scrapy


class EchoSpider(scrapy.Spider):
    """Yields one item holding the arguments and two settings it was started with."""

    name = "echo"
    start_urls = ["data:,hello"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.received = dict(kwargs)

    def parse(self, response):
        yield {
            "args": self.received,
            "setting_DOWNLOAD_DELAY": self.settings.get("DOWNLOAD_DELAY"),
            "setting_USER_AGENT": self.settings.get("USER_AGENT"),
        }
