package dev.homelab.core.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Strict UTF-8 decoding that says where the first invalid byte is, for any file the tools read. */
public final class Utf8 {

  private Utf8() {}

  /** Bytes that are not UTF-8: the first invalid byte, its offset, and its line and column. */
  public static final class InvalidUtf8Exception extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Region at;

    InvalidUtf8Exception(int value, int offset, Region at) {
      super(String.format(Locale.ROOT, "invalid UTF-8 byte 0x%02X at offset %d", value, offset));
      this.at = at;
    }

    /** Where the invalid byte would be shown in an editor, 1-based. */
    public Region at() {
      return at;
    }
  }

  /** The text of {@code bytes}, refusing any byte sequence that is not UTF-8. */
  public static String decode(byte[] bytes) throws InvalidUtf8Exception {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      out.flip();
      throw new InvalidUtf8Exception(bytes[in.position()] & 0xff, in.position(), endOf(out));
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  private static Region endOf(CharBuffer decoded) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
      } else if (!Character.isLowSurrogate(c)) {
        column++;
      }
    }
    return Region.point(line, column);
  }
}
