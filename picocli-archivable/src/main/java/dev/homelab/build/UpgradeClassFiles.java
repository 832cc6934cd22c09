package dev.homelab.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Writes picocli's classes, compiled for Java 5, into a class folder at class-file version 52 with
 * stack map frames. Class-data sharing and the AOT cache refuse classes older than version 50, and
 * with them everything linked against them, which cost every run of the tools about 40 ms.
 */
public final class UpgradeClassFiles {

  static final int TARGET_VERSION = Opcodes.V1_8;

  private UpgradeClassFiles() {}

  public static void main(String[] args) throws IOException, URISyntaxException {
    Path output = Path.of(args[0]);
    Path jar = picocliJar();
    int upgraded = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        String name = entry.getName();
        // The module descriptor under META-INF/versions is already current; only picocli's own.
        if (name.startsWith("picocli/") && name.endsWith(".class")) {
          Path target = output.resolve(name);
          Files.createDirectories(target.getParent());
          Files.write(target, upgrade(in));
          upgraded++;
        }
      }
    }
    if (upgraded == 0) {
      throw new IllegalStateException("no picocli classes found in " + jar);
    }
    System.out.printf("Upgraded %d picocli classes to class-file version 52%n", upgraded);
  }

  /** The original jar; this module's own output folder also holds picocli/ after a first build. */
  private static Path picocliJar() throws IOException, URISyntaxException {
    var resources =
        UpgradeClassFiles.class.getClassLoader().getResources("picocli/CommandLine.class");
    while (resources.hasMoreElements()) {
      URL url = resources.nextElement();
      if (url.getProtocol().equals("jar")) {
        String path = url.getPath();
        return Path.of(new URI(path.substring(0, path.indexOf("!/"))));
      }
    }
    throw new IllegalStateException("picocli's jar is not on the class path");
  }

  /**
   * One class at {@link #TARGET_VERSION}, its frames computed anew for the type-checking verifier.
   */
  static byte[] upgrade(InputStream classFile) throws IOException {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
          @Override
          protected ClassLoader getClassLoader() {
            return UpgradeClassFiles.class.getClassLoader();
          }
        };
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public void visit(
              int version,
              int access,
              String name,
              String signature,
              String superName,
              String[] interfaces) {
            super.visit(
                Math.max(version, TARGET_VERSION), access, name, signature, superName, interfaces);
          }
        },
        ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }
}
