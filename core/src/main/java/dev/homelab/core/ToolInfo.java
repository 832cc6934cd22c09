package dev.homelab.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Build facts baked into the jar: the toolkit version and where its rule pages are published. */
public final class ToolInfo {

  public static final String NAME = "homelab";
  public static final String INFORMATION_URI = "https://github.com/tjetzinger/home-lab";

  private static final Properties PROPERTIES = load();

  private ToolInfo() {}

  public static String version() {
    return PROPERTIES.getProperty("version", "dev");
  }

  /** Base URL that a rule id plus {@code .md} is appended to. */
  public static String docsUrl() {
    return PROPERTIES.getProperty("docs.url", INFORMATION_URI + "/blob/main/docs/rules/");
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = ToolInfo.class.getResourceAsStream("tool.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
