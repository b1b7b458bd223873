"""A spider that needs no network: it parses a page carried in a data: URL."""
from urllib.parse import quote

import scrapy

QUOTES = [
    ("The world as we have created it is a process of our thinking.", "Albert Einstein"),
    ("It is our choices that show what we truly are.", "J.K. Rowling"),
    ("There are only two ways to live your life.", "Albert Einstein"),
    ("Try not to become a man of success. Rather become a man of value.", "Albert Einstein"),
    ("A day without sunshine is like, you know, night.", "Steve Martin"),
]

PAGE = "<html><body>%s</body></html>" % "".join(
    '<div class="quote"><span class="text">%s</span><small class="author">%s</small></div>'
    % (text, author)
    for text, author in QUOTES
)


class QuotesSpider(scrapy.Spider):
    """Yields the first `count` quotes of the page (all of them by default).

    Run with arguments, e.g. `count=3`, and optionally `author=Albert Einstein` to keep only
    that author's quotes.
    """

    name = "quotes"

    def __init__(self, count=None, author=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = int(count) if count is not None else len(QUOTES)
        self.author = author

    def start_requests(self):
        yield scrapy.Request("data:text/html;charset=utf-8," + quote(PAGE))

    def parse(self, response):
        quotes = response.css("div.quote")
        if self.author:
            quotes = [q for q in quotes if q.css("small.author::text").get() == self.author]
        for q in quotes[: self.count]:
            yield {
                "text": q.css("span.text::text").get(),
                "author": q.css("small.author::text").get(),
            }
