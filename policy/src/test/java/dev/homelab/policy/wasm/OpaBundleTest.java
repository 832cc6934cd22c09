package dev.homelab.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class OpaBundleTest {

  @Test
  void readsWasmAndEntrypointFromAnOpaBuiltBundle() {
    OpaBundle bundle = OpaBundle.read(TestResources.bytes("builtins/builtins.tar.gz"), "b");

    assertThat(bundle.entrypoints()).containsExactly("builtins/result");
    assertThat(bundle.wasm()).startsWith(0, 'a', 's', 'm');
  }

  @Test
  void takesABareModuleAsItIs() {
    byte[] wasm = PolicyModule.bundledWasm();

    OpaBundle bundle = OpaBundle.read(wasm, "w");

    assertThat(bundle.wasm()).isSameAs(wasm);
    assertThat(bundle.entrypoints()).isEmpty();
  }

  @Test
  void refusesAnythingElse() {
    assertThatThrownBy(() -> OpaBundle.read("package x".getBytes(StandardCharsets.UTF_8), "x.rego"))
        .isInstanceOf(PolicyException.class)
        .hasMessage("x.rego is neither a Wasm module nor a gzipped OPA bundle");
  }

  @Test
  void saysHowToBuildABundleWithoutWasm() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tarEntry("/data.json", "{}".getBytes(StandardCharsets.UTF_8)));
      out.write(new byte[1024]);
    }

    assertThatThrownBy(() -> OpaBundle.read(gz.toByteArray(), "rego-only.tar.gz"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("opa build -t wasm");
  }

  // A ustar header for one regular file, padded to whole blocks.
  private static byte[] tarEntry(String name, byte[] content) {
    byte[] header = new byte[512];
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
    byte[] size = String.format("%011o", content.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, header, 124, size.length);
    header[156] = '0';
    byte[] entry = new byte[512 + ((content.length + 511) / 512) * 512];
    System.arraycopy(header, 0, entry, 0, 512);
    System.arraycopy(content, 0, entry, 512, content.length);
    return entry;
  }
}
