package dev.homelab.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import dev.homelab.core.source.SourceFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YamlLoaderTest {

  private final YamlLoader loader = new YamlLoader();

  private YamlFile parse(String text) {
    return loader.parse(new SourceFile(Path.of("t.yaml"), "t.yaml"), text);
  }

  private static String only(YamlFile file) {
    assertThat(file.findings()).hasSize(1);
    return file.findings().get(0).ruleId();
  }

  @Test
  void anUnclosedBracketOrQuoteIsReportedWhereItOpens() {
    YamlFile file = parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: [x\n");
    assertThat(only(file)).isEqualTo("yaml-syntax-error");
    Location at = file.findings().get(0).location();
    assertThat(at.region()).isEqualTo(Region.point(5, 11));
    assertThat(file.findings().get(0).message()).startsWith("this `[` is never closed (expected");
    YamlFile quote = parse("a: \"x\nb: 3\n");
    assertThat(only(quote)).isEqualTo("yaml-syntax-error");
    assertThat(quote.findings().get(0).location().region()).isEqualTo(Region.point(1, 4));
    assertThat(quote.findings().get(0).message()).startsWith("this quoted value is never closed");
  }

  @Test
  void commonMistakesAreWordedForPeopleWithTheParsersWordsKept() {
    YamlFile indented = parse("a:\n  - x\n  b: 1\n");
    assertThat(indented.findings().get(0).message())
        .isEqualTo(
            "this line is indented differently from the entries it belongs with (expected <block"
                + " end>, but found '?' (while parsing a block collection))");
    assertThat(indented.findings().get(0).location().region()).isEqualTo(Region.point(3, 3));
    assertThat(parse("a: b: c\n").findings().get(0).message())
        .startsWith("`: ` cannot appear here: quote a value that contains it")
        .endsWith("(mapping values are not allowed here)");
  }

  @Test
  void contentAfterADocumentEndMarkerSaysThatKubectlWouldDropIt() {
    YamlFile file = parse("kind: A\n...\n# note\n\nkind: B\n");
    assertThat(only(file)).isEqualTo("yaml-syntax-error");
    assertThat(file.findings().get(0).location().region()).isEqualTo(Region.point(5, 1));
    assertThat(file.findings().get(0).message())
        .startsWith(
            "kubectl and Argo CD stop reading at the `...` on line 2 and drop what follows; put"
                + " a `---` line before this one")
        .endsWith("(expected '<document start>', but found '<block mapping start>')");
    YamlFile second = parse("[a]\nkind: B\n");
    assertThat(second.findings().get(0).location().region()).isEqualTo(Region.point(2, 1));
    assertThat(second.findings().get(0).message())
        .startsWith("a document holds one value, and this line starts another; separate them");
  }

  @Test
  void unexpectedMappingValueIsReportedWhereItStarts() {
    YamlFile file = parse("a: b: c\n");
    assertThat(only(file)).isEqualTo("yaml-syntax-error");
    assertThat(file.findings().get(0).location().region()).isEqualTo(Region.point(1, 5));
  }

  @Test
  void duplicateKeyIsReportedAtTheSecondKey() {
    YamlFile file =
        parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata: {}\n");
    assertThat(only(file)).isEqualTo("duplicate-key");
    Finding finding = file.findings().get(0);
    assertThat(finding.location().region()).isEqualTo(new Region(5, 3, 5, 7));
    assertThat(finding.message()).contains("`name`").contains("line 4");
    assertThat(file.documents().get(0).root().at("/metadata/name").stringValue()).isEqualTo("b");
    // The source map agrees with the tree: the kept value is the second one.
    assertThat(file.documents().get(0).locate("/metadata/name").region())
        .isEqualTo(new Region(5, 9, 5, 10));
  }

  @Test
  void nestedFieldOfTheThirdDocumentResolvesToItsLineAndColumn() {
    String text =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n"
            + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n"
            + "---\n"
            + "apiVersion: apps/v1\n"
            + "kind: Deployment\n"
            + "metadata:\n"
            + "  name: three\n"
            + "spec:\n"
            + "  template:\n"
            + "    spec:\n"
            + "      containers:\n"
            + "        - name: app\n"
            + "          image: \"nginx:1.27\"\n";
    YamlFile file = parse(text);
    assertThat(file.findings()).isEmpty();
    assertThat(file.documents()).hasSize(3);
    Document third = file.documents().get(2);
    assertThat(third.index()).isEqualTo(2);
    Location image = third.locate("/spec/template/spec/containers/0/image");
    assertThat(image.region()).isEqualTo(new Region(20, 18, 20, 30));
    Location key = third.locateKey("/spec/template/spec/containers/0/image");
    assertThat(key.region()).isEqualTo(new Region(20, 11, 20, 16));
    Location item = third.locate("/spec/template/spec/containers/0");
    assertThat(item.line()).isEqualTo(19);
    assertThat(item.column()).isEqualTo(11);
  }

  @Test
  void missingNodeResolvesToTheDeepestExistingKey() {
    YamlFile file = parse("spec:\n  template:\n    metadata: {}\n");
    Location at = file.documents().get(0).locate("/spec/template/spec/containers");
    assertThat(at.region()).isEqualTo(new Region(2, 3, 2, 11));
  }

  @Test
  void itemOfAListResolvesInsideTheList() {
    String text =
        "apiVersion: v1\n"
            + "kind: List\n"
            + "items:\n"
            + "  - apiVersion: v1\n"
            + "    kind: ConfigMap\n"
            + "    metadata:\n"
            + "      name: first\n"
            + "  - apiVersion: v1\n"
            + "    kind: Service\n"
            + "    metadata:\n"
            + "      name: second\n"
            + "    spec:\n"
            + "      ports:\n"
            + "        - port: 80\n";
    Document doc = parse(text).documents().get(0);
    assertThat(doc.locate("/items/1/spec/ports/0/port").region())
        .isEqualTo(new Region(14, 17, 14, 19));
    assertThat(doc.locate("/items/1").region().line()).isEqualTo(8);
  }

  @Test
  void scalarsFollowKubernetesYamlRules() {
    Document doc =
        parse(
                "a: yes\nb: off\nc: 0755\nd: 0x1F\ne: 1_000\nf: 2024-01-02\ng: 1.5\nh: ~\n"
                    + "i: \"yes\"\nj: 12:30\nk: \".inf\"\nl: -7\n")
            .documents()
            .get(0);
    assertThat(doc.root().get("a").booleanValue()).isTrue();
    assertThat(doc.root().get("b").booleanValue()).isFalse();
    assertThat(doc.root().get("c").intValue()).isEqualTo(493);
    assertThat(doc.root().get("d").intValue()).isEqualTo(31);
    assertThat(doc.root().get("e").intValue()).isEqualTo(1000);
    assertThat(doc.root().get("f").stringValue()).isEqualTo("2024-01-02");
    assertThat(doc.root().get("g").doubleValue()).isEqualTo(1.5);
    assertThat(doc.root().get("h").isNull()).isTrue();
    assertThat(doc.root().get("i").stringValue()).isEqualTo("yes");
    assertThat(doc.root().get("j").stringValue()).isEqualTo("12:30");
    assertThat(doc.root().get("k").stringValue()).isEqualTo(".inf");
    assertThat(doc.root().get("l").intValue()).isEqualTo(-7);
  }

  @Test
  void wordsSkipTheResolverButAnythingThatMightBeTypedDoesNot() {
    assertThat(Scalars.mayResolve("nginx")).isTrue();
    assertThat(Scalars.mayResolve("app.kubernetes.io/name")).isFalse();
    assertThat(Scalars.mayResolve("web")).isFalse();
    for (String typed :
        new String[] {
          "yes", "No", "true", "Off", "~", "null", "12", "-1", ".5", "2024-01-01", ""
        }) {
      assertThat(Scalars.mayResolve(typed)).as(typed).isTrue();
    }
    Document doc = parse("a: web\nb: nginx\nc: no\n").documents().get(0);
    assertThat(doc.root().get("a").stringValue()).isEqualTo("web");
    assertThat(doc.root().get("b").stringValue()).isEqualTo("nginx");
    assertThat(doc.root().get("c").booleanValue()).isFalse();
  }

  @Test
  void plainScalarsResolveAsGoYamlV2DoesForKubectlAndArgoCd() {
    Document doc =
        parse(
                "a: y\nb: N\nc: 0o644\nd: 0X1F\ne: 0B11\nf: 08\ng: 1e3\nh: 0b-11\ni: ! 12\n"
                    + "j: !!binary aGVsbG8=\nk: !!float 2\nl: 1.5\nm: 1_0.5\np: <<\n")
            .documents()
            .get(0);
    assertThat(doc.root().get("a").booleanValue()).isTrue();
    assertThat(doc.root().get("b").booleanValue()).isFalse();
    assertThat(doc.root().get("c").intValue()).isEqualTo(420);
    assertThat(doc.root().get("d").intValue()).isEqualTo(31);
    assertThat(doc.root().get("e").intValue()).isEqualTo(3);
    assertThat(doc.root().get("f").isIntegralNumber()).isTrue();
    assertThat(doc.root().get("f").intValue()).isEqualTo(8);
    assertThat(doc.root().get("g").isIntegralNumber()).isTrue();
    assertThat(doc.root().get("g").intValue()).isEqualTo(1000);
    assertThat(doc.root().get("h").intValue()).isEqualTo(-3);
    assertThat(doc.root().get("i").stringValue()).isEqualTo("12");
    assertThat(doc.root().get("j").stringValue()).isEqualTo("hello");
    assertThat(doc.root().get("k").intValue()).isEqualTo(2);
    assertThat(doc.root().get("l").doubleValue()).isEqualTo(1.5);
    assertThat(doc.root().get("m").doubleValue()).isEqualTo(10.5);
    assertThat(doc.root().get("p").stringValue()).isEqualTo("<<");
  }

  @Test
  void plainKeysBecomeTheJsonKeysThatSigsYamlWrites() {
    YamlFile file = parse("data:\n  on: a\n  0x10: b\n  1.50: c\n  1e6: d\n  \"y\": e\n  n: f\n");
    assertThat(file.findings()).isEmpty();
    Document doc = file.documents().get(0);
    assertThat(doc.root().get("data").propertyNames())
        .containsExactly("true", "16", "1.5", "1e+06", "y", "false");
    assertThat(doc.locateKey("/data/true").region()).isEqualTo(new Region(2, 3, 2, 5));
    assertThat(doc.locate("/data/false").line()).isEqualTo(7);
    YamlFile same = parse("on: 1\n\"true\": 2\n");
    assertThat(only(same)).isEqualTo("duplicate-key");
    assertThat(same.findings().get(0).location().line()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a: 1\\nb: .inf\\n|2|4|an infinite number",
        "a: [1, -.Inf]\\n|1|8|an infinite number",
        "a:\\n  b: .nan\\n|2|6|NaN",
        "a: 1\\n~: 2\\n|2|1|reads as null",
        "a: &n null\\n*n : 2\\n|2|1|reads as null",
        "a: 1\\n? \\n: 2\\n|2|2|an empty key reads as null",
        "9223372036854775808: 1\\n|1|1|above 2^63",
        "a: !!int abc\\n|1|4|`abc` reads as !!str, not the !!int",
        "a: !!binary not-base64\\n|1|4|not valid base64"
      })
  void scalarsThatKubernetesCannotTurnIntoJsonRefuseTheDocumentAtThem(
      String text, int line, int column, String message) {
    YamlFile file = parse(text.replace("\\n", "\n") + "---\nkind: Next\n");
    assertThat(only(file)).isEqualTo("yaml-syntax-error");
    assertThat(file.findings().get(0).location().region().line()).isEqualTo(line);
    assertThat(file.findings().get(0).location().region().column()).isEqualTo(column);
    assertThat(file.findings().get(0).message()).contains(message);
    assertThat(file.documents()).extracting(Document::index).containsExactly(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--- {kind: A}\\n|1|5|`{kind: A}` after `---`",
        "kind: A\\n--- !!map\\nkind: B\\n|2|5|`!!map` after `---`",
        "kind: A\\n---   >\\n  text\\n|2|7|`>` after `---`",
        "---kind: A\\n|1|4|`kind: A` after `---`",
        "%YAML 1.1\\n---\\nkind: A\\n|1|1|%YAML directive",
        "kind: A\\n---\\n%TAG !e! tag:e.com,2000:\\n---\\nkind: !e!b B\\n|3|1|%TAG directive"
      })
  void whatKubectlsDocumentSplitterRefusesIsAnErrorWhereItIs(
      String text, int line, int column, String message) {
    YamlFile file = parse(text.replace("\\n", "\n"));
    assertThat(only(file)).isEqualTo("yaml-syntax-error");
    assertThat(file.findings().get(0).location().region()).isEqualTo(Region.point(line, column));
    assertThat(file.findings().get(0).message()).contains(message);
  }

  @Test
  void aCommentOrSpacesAfterTheSeparatorAndDashesInsideABlockAreFine() {
    YamlFile file = parse("--- # first\r\nkind: A\r\n---   \r\nkind: |\r\n  ---x\r\n");
    assertThat(file.findings()).isEmpty();
    assertThat(file.documents()).hasSize(2);
  }

  @Test
  void mergeKeysFillMissingEntriesAndExplicitKeysWin() {
    Document doc =
        parse("base: &b {cpu: 100m, memory: 64Mi}\nx:\n  <<: *b\n  memory: 128Mi\n")
            .documents()
            .get(0);
    assertThat(doc.root().at("/x/cpu").stringValue()).isEqualTo("100m");
    assertThat(doc.root().at("/x/memory").stringValue()).isEqualTo("128Mi");
    assertThat(doc.locate("/x/cpu").line()).isEqualTo(1);
    assertThat(doc.locate("/x/memory").line()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0085", "\u2028", "\u2029"})
  void lineSeparatorsInsideValuesDoNotShiftLaterLinesAsEditorsCountThem(String separator) {
    String text =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  note: \"one"
            + separator
            + "two\"\n  image: x\n  image: y\n";
    YamlFile file = parse(text);
    assertThat(only(file)).isEqualTo("duplicate-key");
    assertThat(file.findings().get(0).location().region()).isEqualTo(new Region(8, 3, 8, 8));
    assertThat(file.findings().get(0).message()).contains("line 7");
    Document doc = file.documents().get(0);
    assertThat(doc.locate("/data/image").region()).isEqualTo(new Region(8, 10, 8, 11));
    assertThat(doc.locate("/data/note").region()).isEqualTo(new Region(6, 9, 6, 18));
    YamlFile broken = parse("a: \"x" + separator + "y\"\nb: [x\n");
    assertThat(only(broken)).isEqualTo("yaml-syntax-error");
    assertThat(broken.findings().get(0).location().region()).isEqualTo(Region.point(2, 4));
  }

  @Test
  void jsonFilesLoadWithPositions() {
    YamlFile file =
        loader.parse(
            new SourceFile(Path.of("t.json"), "t.json"),
            "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"ConfigMap\",\n\t\"data\": {\"a\": \"b\\/c\"}\n}\n");
    assertThat(file.findings()).isEmpty();
    Document doc = file.documents().get(0);
    assertThat(doc.root().at("/data/a").stringValue()).isEqualTo("b/c");
    assertThat(doc.locate("/kind").region()).isEqualTo(new Region(3, 10, 3, 21));
  }

  @Test
  void jsonDuplicateKeysAndSyntaxErrorsHavePositions() {
    SourceFile json = new SourceFile(Path.of("d.json"), "d.json");
    YamlFile duplicate = loader.parse(json, "{\n  \"a\": 1,\n  \"a\": 2\n}\n");
    assertThat(only(duplicate)).isEqualTo("duplicate-key");
    assertThat(duplicate.findings().get(0).location().region()).isEqualTo(new Region(3, 3, 3, 6));
    YamlFile broken = loader.parse(json, "{\n  \"a\": [1, 2,\n}\n");
    assertThat(only(broken)).isEqualTo("yaml-syntax-error");
    assertThat(broken.findings().get(0).location().line()).isEqualTo(3);
  }

  @Test
  void tabIndentationIsASyntaxErrorWithAPosition() {
    YamlFile file = parse("metadata:\n\tname: x\n");
    assertThat(only(file)).isEqualTo("yaml-syntax-error");
    assertThat(file.findings().get(0).location().region()).isEqualTo(Region.point(2, 1));
    assertThat(file.findings().get(0).message()).contains("tab");
  }

  @Test
  void invalidUtf8IsReportedAtTheOffendingCharacter() {
    byte[] bytes = "a: ok\nb: caf".getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[bytes.length + 3];
    System.arraycopy(bytes, 0, bad, 0, bytes.length);
    bad[bytes.length] = (byte) 0xC3;
    bad[bytes.length + 1] = (byte) 0x28;
    bad[bytes.length + 2] = '\n';
    YamlFile file = loader.load(new SourceFile(Path.of("u.yaml"), "u.yaml"), bad);
    assertThat(only(file)).isEqualTo("invalid-utf8");
    assertThat(file.findings().get(0).location().region()).isEqualTo(Region.point(2, 7));
    assertThat(file.findings().get(0).message()).contains("0xC3");
  }

  @Test
  void billionLaughsIsAFindingNotAnOutOfMemoryError() {
    StringBuilder text = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    StringBuilder list = new StringBuilder("b: [");
    for (int i = 0; i < 10_000; i++) {
      list.append(i == 0 ? "" : ",").append("*a");
    }
    text.append(list).append("]\n");
    YamlFile file = parse(text.toString());
    assertThat(only(file)).isEqualTo("yaml-alias-limit");
    assertThat(file.findings().get(0).location().line()).isGreaterThanOrEqualTo(1);
    assertThat(file.documents()).isEmpty();
  }

  @Test
  void exponentialExpansionUnderTheAliasCountIsStoppedByTheNodeBudget() {
    StringBuilder text = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 9; i++) {
      text.append("l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        text.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      text.append("]\n");
    }
    YamlFile file = loader.parse(new SourceFile(Path.of("t.yaml"), "t.yaml"), text.toString());
    assertThat(only(file)).isEqualTo("yaml-alias-limit");
    assertThat(file.findings().get(0).message()).contains("more than");
  }

  @Test
  void recursiveAliasIsAFinding() {
    YamlFile file = parse("a: &a\n  b: *a\n");
    assertThat(only(file)).isEqualTo("yaml-alias-limit");
  }

  @Test
  void anAliasToNoAnchorIsASyntaxErrorAtTheAlias() {
    YamlFile file = parse("a: 1\nb: *nope\n");
    assertThat(only(file)).isEqualTo("yaml-syntax-error");
    assertThat(file.findings().get(0).location().line()).isEqualTo(2);
    assertThat(file.findings().get(0).message()).contains("*nope");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "spec:\\n  ? [a, b]\\n  : 1\\n  replicas: 1\\n|2|list",
        "spec:\\n  ? {a: b}\\n  : 1\\n|2|mapping",
        "x: &x [a]\\nspec:\\n  *x : 1\\n|3|list"
      })
  void aCollectionUsedAsAKeyIsRefusedWhereItStarts(String text, int line, String what) {
    YamlFile file = parse(text.replace("\\n", "\n"));
    assertThat(only(file)).isEqualTo("yaml-syntax-error");
    assertThat(file.findings().get(0).location().line()).isEqualTo(line);
    assertThat(file.findings().get(0).message())
        .contains("a " + what + " is used as a mapping key");
    assertThat(file.documents()).isEmpty();
  }

  @Test
  void emptyAndCommentOnlyTextHaveNoDocuments() {
    assertThat(parse("").documents()).isEmpty();
    assertThat(parse("# nothing here\n# at all\n").documents()).isEmpty();
    assertThat(parse("").findings()).isEmpty();
  }

  @Test
  void emptyDocumentsBetweenSeparatorsAreSkippedButKeepTheirIndex() {
    YamlFile file = parse("---\n---\na: 1\n---\n");
    assertThat(file.documents()).hasSize(1);
    assertThat(file.documents().get(0).locate("/a").line()).isEqualTo(3);
  }

  @Test
  void binaryContentIsAFinding() {
    YamlFile file =
        loader.load(new SourceFile(Path.of("b.yaml"), "b.yaml"), new byte[] {1, 2, 0, 3, 4});
    assertThat(only(file)).isEqualTo("binary-file");
    assertThat(file.findings().get(0).location().region()).isEqualTo(Region.FILE_START);
  }

  @Test
  void byteOrderMarkIsIgnored() {
    YamlFile file =
        loader.load(
            new SourceFile(Path.of("b.yaml"), "b.yaml"),
            "\uFEFFa: 1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(file.findings()).isEmpty();
    assertThat(file.documents().get(0).locate("/a").column()).isEqualTo(4);
  }

  @Test
  void byteOrderMarkAtTheStartOfALaterDocumentIsIgnoredAsKubectlsSplitterDoes() {
    // `cat` of files saved with a BOM, joined by `---` lines, leaves one at each document's start.
    YamlFile file =
        loader.load(
            new SourceFile(Path.of("b.yaml"), "b.yaml"),
            "\uFEFFa: 1\n---\r\n\uFEFFb: 2\n--- # c\n\uFEFFc: 3\nd: \"\uFEFF\"\n"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(file.findings()).isEmpty();
    assertThat(file.documents()).hasSize(3);
    assertThat(file.documents().get(1).root().has("b")).isTrue();
    assertThat(file.documents().get(1).locate("/b").column()).isEqualTo(4);
    assertThat(file.documents().get(2).root().has("c")).isTrue();
    assertThat(file.documents().get(2).root().get("d").asString()).isEqualTo("\uFEFF");
  }

  @ParameterizedTest
  @CsvSource({
    "UTF-16LE, true, UTF-16LE",
    "UTF-16LE, false, UTF-16LE",
    "UTF-16BE, true, UTF-16BE",
    "UTF-16BE, false, UTF-16BE",
    "UTF-32LE, true, UTF-32LE",
    "UTF-32LE, false, UTF-32LE",
    "UTF-32BE, true, UTF-32BE",
    "UTF-32BE, false, UTF-32BE"
  })
  void wideEncodingsAreNamedInsteadOfCalledBinary(String charset, boolean mark, String named) {
    byte[] bytes = ((mark ? "\uFEFF" : "") + "apiVersion: v1\n").getBytes(Charset.forName(charset));
    YamlFile file = loader.load(new SourceFile(Path.of("w.yaml"), "w.yaml"), bytes);
    assertThat(only(file)).isEqualTo("invalid-utf8");
    assertThat(file.findings().get(0).message())
        .isEqualTo("file is encoded as " + named + ", not UTF-8; re-save it as UTF-8");
    assertThat(file.findings().get(0).location().region()).isEqualTo(Region.FILE_START);
  }

  @Test
  void binaryHeadersAreNotMistakenForWideText() {
    // A Wasm module's header (00 61 73 6D) has one zero byte, not the every-other-byte pattern.
    assertThat(YamlLoader.wideEncoding(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0})).isNull();
    assertThat(YamlLoader.wideEncoding(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0})).isNull();
    assertThat(YamlLoader.wideEncoding("a: 1\n".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
