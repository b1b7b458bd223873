package io.github.scrapyd4j.egg.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads a ZIP file's central directory fields and entry contents, for assertions. */
public final class ZipInspector {
  /** One central directory record. */
  public static final class Record {
    public final String name;
    public final int versionMadeBy;
    public final int flags;
    public final int method;
    public final int dosTime;
    public final int dosDate;
    public final long externalAttributes;
    public final int extraLength;

    Record(String name, int versionMadeBy, int flags, int method, int dosTime, int dosDate,
        long externalAttributes, int extraLength) {
      this.name = name;
      this.versionMadeBy = versionMadeBy;
      this.flags = flags;
      this.method = method;
      this.dosTime = dosTime;
      this.dosDate = dosDate;
      this.externalAttributes = externalAttributes;
      this.extraLength = extraLength;
    }

    /** The Unix mode in the upper 16 bits of the external attributes. */
    public int unixMode() {
      return (int) (externalAttributes >>> 16);
    }
  }

  private ZipInspector() {}

  /**
   * The central directory records, in order.
   *
   * @param zip the ZIP bytes
   * @return the records
   */
  public static List<Record> records(byte[] zip) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = -1;
    for (int i = zip.length - 22; i >= 0; i--) {
      if (b.getInt(i) == 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw new IllegalArgumentException("no end of central directory");
    }
    int count = Short.toUnsignedInt(b.getShort(eocd + 10));
    int offset = b.getInt(eocd + 16);
    List<Record> out = new ArrayList<>();
    int p = offset;
    for (int i = 0; i < count; i++) {
      if (b.getInt(p) != 0x02014b50) {
        throw new IllegalArgumentException("bad central header at " + p);
      }
      int madeBy = Short.toUnsignedInt(b.getShort(p + 4));
      int flags = Short.toUnsignedInt(b.getShort(p + 8));
      int method = Short.toUnsignedInt(b.getShort(p + 10));
      int time = Short.toUnsignedInt(b.getShort(p + 12));
      int date = Short.toUnsignedInt(b.getShort(p + 14));
      int nameLength = Short.toUnsignedInt(b.getShort(p + 28));
      int extraLength = Short.toUnsignedInt(b.getShort(p + 30));
      int commentLength = Short.toUnsignedInt(b.getShort(p + 32));
      long external = Integer.toUnsignedLong(b.getInt(p + 38));
      String name = new String(zip, p + 46, nameLength, StandardCharsets.UTF_8);
      out.add(new Record(name, madeBy, flags, method, time, date, external, extraLength));
      p += 46 + nameLength + extraLength + commentLength;
    }
    return out;
  }

  /**
   * Every entry's content, read with {@link ZipInputStream}.
   *
   * @param zip the ZIP bytes
   * @return name to content (UTF-8)
   */
  public static Map<String, String> contents(byte[] zip) {
    Map<String, String> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
