package io.github.scrapyd4j.egg.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a ZIP archive whose bytes depend only on its entries: every entry gets the same DOS
 * timestamp, Unix permissions {@code 0644}, no extra fields and no data descriptor, in the order
 * given. {@link java.util.zip.ZipOutputStream} cannot do that (it writes no permissions and takes
 * times in the default time zone), hence this small writer. No directory entries, like setuptools'
 * eggs; no ZIP64, so at most 65,535 entries and 4 GiB.
 */
public final class ZipWriter {
  /** The most entries a ZIP without ZIP64 holds. */
  public static final int MAX_ENTRIES = 0xFFFF;

  private static final long MAX_SIZE = 0xFFFFFFFFL;
  /** The chunk size of streamed entries. */
  private static final int STREAM_CHUNK = 64 * 1024;
  private static final int LOCAL_HEADER = 0x04034b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  private static final int FLAG_UTF8 = 0x0800;
  /** Made by Unix (3), spec version 2.0, like setuptools' eggs. */
  private static final int VERSION_MADE_BY = (3 << 8) | 20;
  /** A regular file with permissions rw-r--r--. */
  private static final int UNIX_FILE_0644 = 0100644;

  private ZipWriter() {}

  /** One file of the archive, compressed and ready to write. */
  public static final class Compressed {
    final byte[] name;
    final boolean utf8;
    final boolean deflated;
    final byte[] data;
    final long crc;
    final long size;

    Compressed(byte[] name, boolean utf8, boolean deflated, byte[] data, long crc, long size) {
      this.name = name;
      this.utf8 = utf8;
      this.deflated = deflated;
      this.data = data;
      this.crc = crc;
      this.size = size;
    }

    /**
     * Size of the entry's data as stored in the archive.
     *
     * @return the compressed size in bytes
     */
    public long compressedSize() {
      return data.length;
    }

    /**
     * Size of the entry's content.
     *
     * @return the uncompressed size in bytes
     */
    public long size() {
      return size;
    }

    /**
     * The CRC-32 of the uncompressed content.
     *
     * @return the CRC
     */
    public long crc() {
      return crc;
    }
  }

  /**
   * Compresses one entry. Deflates it unless {@code level} is 0 or deflating does not make it
   * smaller, in which case it is stored.
   *
   * @param name the entry name, with {@code /} separators
   * @param content the entry's content
   * @param level the deflate level, 0 to 9
   * @return the entry, ready for {@link #write}
   */
  public static Compressed compress(String name, byte[] content, int level) {
    try (Compressor c = new Compressor(level)) {
      return c.compress(name, content);
    }
  }

  /**
   * Compresses entries one after the other with one {@link Deflater} and one buffer. Not
   * thread-safe; close it to free the deflater's native memory.
   */
  public static final class Compressor implements AutoCloseable {
    private final int level;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private byte[] buffer = new byte[8 * 1024];

    /**
     * Creates a compressor.
     *
     * @param level the deflate level, 0 to 9
     */
    public Compressor(int level) {
      this.level = level;
      this.deflater = level == 0 ? null : new Deflater(level, true);
    }

    /**
     * Compresses one entry (see {@link ZipWriter#compress}).
     *
     * @param name the entry name
     * @param content the content
     * @return the entry
     */
    public Compressed compress(String name, byte[] content) {
      byte[] encodedName = name.getBytes(StandardCharsets.UTF_8);
      if (encodedName.length > 0xFFFF) {
        throw new IllegalArgumentException("entry name is too long for a ZIP file: " + name);
      }
      boolean ascii = encodedName.length == name.length();
      crc.reset();
      crc.update(content);
      byte[] data = content;
      boolean deflated = false;
      if (deflater != null && content.length > 0) {
        deflater.reset();
        deflater.setInput(content);
        deflater.finish();
        int length = 0;
        while (!deflater.finished()) {
          if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
          }
          length += deflater.deflate(buffer, length, buffer.length - length);
        }
        if (length < content.length) {
          data = Arrays.copyOf(buffer, length);
          deflated = true;
        }
      }
      return new Compressed(encodedName, !ascii, deflated, data, crc.getValue(), content.length);
    }

    /**
     * Compresses one entry read from a stream in chunks, so the file is never held whole: only
     * its deflated bytes are kept. Such an entry is always deflated (level 0 stores it, read in
     * full), as Python's {@code zipfile} deflates every file of an egg.
     *
     * @param name the entry name
     * @param in the content, read to its end (not closed)
     * @return the entry
     * @throws IOException if reading fails
     */
    public Compressed compress(String name, java.io.InputStream in) throws IOException {
      if (deflater == null) {
        return compress(name, in.readAllBytes());
      }
      byte[] encodedName = name.getBytes(StandardCharsets.UTF_8);
      if (encodedName.length > 0xFFFF) {
        throw new IllegalArgumentException("entry name is too long for a ZIP file: " + name);
      }
      boolean ascii = encodedName.length == name.length();
      crc.reset();
      deflater.reset();
      byte[] chunk = new byte[STREAM_CHUNK];
      java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream(STREAM_CHUNK);
      long size = 0;
      for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
        if (read == 0) {
          continue;
        }
        crc.update(chunk, 0, read);
        size += read;
        if (size > MAX_SIZE) {
          throw new IllegalArgumentException("an egg is at most 4 GiB without ZIP64, but "
              + name + " alone is larger");
        }
        deflater.setInput(chunk, 0, read);
        while (!deflater.needsInput()) {
          int n = deflater.deflate(buffer, 0, buffer.length);
          deflated.write(buffer, 0, n);
        }
      }
      deflater.finish();
      while (!deflater.finished()) {
        int n = deflater.deflate(buffer, 0, buffer.length);
        deflated.write(buffer, 0, n);
      }
      if (size == 0) {
        return new Compressed(encodedName, !ascii, false, new byte[0], crc.getValue(), 0);
      }
      return new Compressed(encodedName, !ascii, true, deflated.toByteArray(), crc.getValue(),
          size);
    }

    /** The level this compressor was made for. */
    int level() {
      return level;
    }

    @Override
    public void close() {
      if (deflater != null) {
        deflater.end();
      }
    }
  }

  /**
   * Writes the archive.
   *
   * @param entries the entries, in archive order; names must be unique
   * @param time the modification time of every entry, as DOS date and time fields (1980 to 2107)
   * @param out where to write; not closed
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if there are too many entries, or the archive would need
   *     ZIP64
   */
  public static void write(List<Compressed> entries, LocalDateTime time, OutputStream out)
      throws IOException {
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("an egg holds at most " + MAX_ENTRIES
          + " files without ZIP64, but this one would have " + entries.size());
    }
    int dosTime = dosTime(time);
    int dosDate = dosDate(time);
    long offset = 0;
    long[] offsets = new long[entries.size()];
    ByteBuffer header = ByteBuffer.allocate(46 + 0xFFFF).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < entries.size(); i++) {
      Compressed e = entries.get(i);
      offsets[i] = offset;
      header.clear();
      header.putInt(LOCAL_HEADER);
      header.putShort((short) versionNeeded(e));
      header.putShort((short) (e.utf8 ? FLAG_UTF8 : 0));
      header.putShort((short) (e.deflated ? 8 : 0));
      header.putShort((short) dosTime);
      header.putShort((short) dosDate);
      header.putInt((int) e.crc);
      header.putInt(e.data.length);
      header.putInt((int) e.size);
      header.putShort((short) e.name.length);
      header.putShort((short) 0);
      header.put(e.name);
      out.write(header.array(), 0, header.position());
      out.write(e.data);
      offset += header.position() + (long) e.data.length;
      checkSize(offset);
    }
    long centralStart = offset;
    for (int i = 0; i < entries.size(); i++) {
      Compressed e = entries.get(i);
      header.clear();
      header.putInt(CENTRAL_HEADER);
      header.putShort((short) VERSION_MADE_BY);
      header.putShort((short) versionNeeded(e));
      header.putShort((short) (e.utf8 ? FLAG_UTF8 : 0));
      header.putShort((short) (e.deflated ? 8 : 0));
      header.putShort((short) dosTime);
      header.putShort((short) dosDate);
      header.putInt((int) e.crc);
      header.putInt(e.data.length);
      header.putInt((int) e.size);
      header.putShort((short) e.name.length);
      header.putShort((short) 0); // extra field length
      header.putShort((short) 0); // comment length
      header.putShort((short) 0); // disk number
      header.putShort((short) 0); // internal attributes
      header.putInt(UNIX_FILE_0644 << 16);
      header.putInt((int) offsets[i]);
      header.put(e.name);
      out.write(header.array(), 0, header.position());
      offset += header.position();
      checkSize(offset);
    }
    header.clear();
    header.putInt(END_OF_CENTRAL_DIRECTORY);
    header.putShort((short) 0);
    header.putShort((short) 0);
    header.putShort((short) entries.size());
    header.putShort((short) entries.size());
    header.putInt((int) (offset - centralStart));
    header.putInt((int) centralStart);
    header.putShort((short) 0);
    out.write(header.array(), 0, header.position());
  }

  /**
   * The exact size of the archive {@link #write} makes of these entries.
   *
   * @param entries the entries
   * @return the size in bytes
   */
  public static long archiveSize(List<Compressed> entries) {
    long size = 22;
    for (Compressed e : entries) {
      size += 30 + 46 + 2L * e.name.length + e.data.length;
    }
    return size;
  }

  private static int versionNeeded(Compressed e) {
    return e.deflated ? 20 : 10;
  }

  private static void checkSize(long offset) {
    if (offset >= MAX_SIZE) {
      throw new IllegalArgumentException("an egg is at most 4 GiB without ZIP64");
    }
  }

  /**
   * Checks a time fits the DOS date fields of a ZIP entry.
   *
   * @param time the time
   * @return true for 1980-01-01 to 2107-12-31
   */
  public static boolean fitsDosTime(LocalDateTime time) {
    return time.getYear() >= 1980 && time.getYear() <= 2107;
  }

  private static int dosTime(LocalDateTime t) {
    return (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() >> 1);
  }

  private static int dosDate(LocalDateTime t) {
    return ((t.getYear() - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
  }
}
