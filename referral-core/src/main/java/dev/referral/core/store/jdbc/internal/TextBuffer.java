package dev.referral.core.store.jdbc.internal;

import java.io.Writer;

/**
 * A thread's reusable text buffer for the documents and event payloads it writes: a document costs
 * one copy, its string, instead of a growing buffer and a copy of it each time. Not thread-safe.
 */
final class TextBuffer extends Writer {
  private static final int KEPT_CAPACITY = 16 * 1024;
  private static final ThreadLocal<TextBuffer> BUFFERS = ThreadLocal.withInitial(TextBuffer::new);

  private StringBuilder text = new StringBuilder(512);

  /** The calling thread's buffer, emptied. */
  static TextBuffer get() {
    TextBuffer buffer = BUFFERS.get();
    buffer.text.setLength(0);
    return buffer;
  }

  /** The text written, and an empty buffer (a large one is let go). */
  String take() {
    String written = text.toString();
    if (text.capacity() > KEPT_CAPACITY) {
      text = new StringBuilder(512);
    } else {
      text.setLength(0);
    }
    return written;
  }

  @Override
  public void write(char[] chars, int offset, int length) {
    text.append(chars, offset, length);
  }

  @Override
  public void write(String chars, int offset, int length) {
    text.append(chars, offset, offset + length);
  }

  @Override
  public void write(int c) {
    text.append((char) c);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
