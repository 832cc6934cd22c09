package dev.homelab.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The classes this module ships are picocli's, upgraded, and they still verify and run. */
class UpgradedPicocliTest {

  private static int majorVersion(String resource) throws IOException {
    try (InputStream in = UpgradedPicocliTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      DataInputStream data = new DataInputStream(in);
      assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
      data.readUnsignedShort();
      return data.readUnsignedShort();
    }
  }

  @Test
  void theShippedClassesAreVersion52() throws IOException {
    // target/classes precedes the original picocli jar on the test class path.
    assertThat(majorVersion("/picocli/CommandLine.class")).isEqualTo(52);
    assertThat(majorVersion("/picocli/CommandLine$Model$CommandSpec.class")).isEqualTo(52);
  }

  @CommandLine.Command(name = "greet", mixinStandardHelpOptions = true, version = "greet 1")
  static final class Greet implements Callable<Integer> {
    @CommandLine.Option(names = "--name", defaultValue = "lab")
    String name;

    @Override
    public Integer call() {
      return name.length();
    }
  }

  @Test
  void theUpgradedClassesParseAndRunACommand() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new Greet());
    commandLine.setOut(new PrintWriter(out));

    assertThat(commandLine.execute("--name", "homelab")).isEqualTo(7);
    assertThat(commandLine.execute("--version")).isZero();
    assertThat(out.toString()).contains("greet 1");
    assertThat(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .as("loaded from this module's classes, not the original jar")
        .endsWith("/target/classes/");
  }
}
