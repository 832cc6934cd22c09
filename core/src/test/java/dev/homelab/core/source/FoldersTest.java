package dev.homelab.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {
  @TempDir Path scratch;

  @Test
  void aFileAtOrAboveTheFolderIsInTheWay() throws Exception {
    Path file = Files.writeString(scratch.resolve("notes"), "x");

    assertThat(Folders.fileInTheWay(file)).contains(file);
    assertThat(Folders.fileInTheWay(file.resolve("a/b"))).contains(file);
  }

  @Test
  void foldersThatExistOrCanBeMadeAreNot() throws Exception {
    Files.createDirectories(scratch.resolve("a"));

    assertThat(Folders.fileInTheWay(scratch.resolve("a"))).isEmpty();
    assertThat(Folders.fileInTheWay(scratch.resolve("a/new/deeper"))).isEmpty();
  }
}
