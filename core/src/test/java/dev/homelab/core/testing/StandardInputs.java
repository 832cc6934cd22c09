package dev.homelab.core.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.Callable;

/** Runs a command in-process with standard input holding given bytes, as a pipe would. */
public final class StandardInputs {

  private StandardInputs() {}

  public static <T> T piped(byte[] input, Callable<T> command) throws Exception {
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input));
      return command.call();
    } finally {
      System.setIn(original);
    }
  }
}
