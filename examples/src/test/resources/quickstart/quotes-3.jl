{"text": "The world as we have created it is a process of our thinking.", "author": "Albert Einstein"}
{"text": "It is our choices that show what we truly are.", "author": "J.K. Rowling"}
{"text": "There are only two ways to live your life.", "author": "Albert Einstein"}
