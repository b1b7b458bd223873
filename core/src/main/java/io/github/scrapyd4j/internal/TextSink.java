package io.github.scrapyd4j.internal;

/** Where decoded text goes: the internal view of a LogConsumer. */
public interface TextSink {
  void text(String text);

  void restart();

  void end();
}
