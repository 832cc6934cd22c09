package dev.homelab.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Report;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import dev.homelab.core.testing.SarifValidation;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** File names and messages that each format must escape by its own rules. */
class AwkwardInputRenderingTest {

  private static Report report(List<String> files, String message) {
    List<Finding> findings = new ArrayList<>();
    for (String file : files) {
      findings.add(
          new Finding(
              "wrong-type",
              Severity.ERROR,
              message,
              new Location(file, new Region(2, 3, 2, 7)),
              null,
              null));
    }
    return new Report(
        "validator",
        "1.2.3",
        List.of(SampleReport.WRONG_TYPE),
        findings.stream().sorted().toList(),
        new Report.Scope(files, files.size()));
  }

  private static String render(String format, Report report) throws Exception {
    StringBuilder out = new StringBuilder();
    Renderers.forFormat(format, false).orElseThrow().render(report, out);
    return out.toString();
  }

  @Test
  void sarifUrisArePercentEncodedRelativeReferencesThatDecodeToTheFile() throws Exception {
    List<String> files =
        List.of(
            "a:b.yaml",
            "gitops/100%/#1 ?[x].yaml",
            "gitops/a,b/c:d 'q' \"r\".yaml",
            "gitops/ünï/ç.yaml");
    String sarif = render("sarif", report(files, "m"));

    assertThat(SarifValidation.errors(sarif)).isEmpty();
    List<String> uris = new ArrayList<>();
    for (JsonNode result : JsonMapper.builder().build().readTree(sarif).at("/runs/0/results")) {
      JsonNode artifact = result.at("/locations/0/physicalLocation/artifactLocation");
      assertThat(artifact.path("uriBaseId").asString()).isEqualTo("%SRCROOT%");
      uris.add(artifact.path("uri").asString());
    }
    assertThat(uris)
        .containsExactly(
            "a%3Ab.yaml",
            "gitops/100%25/%231%20%3F%5Bx%5D.yaml",
            "gitops/a,b/c%3Ad%20'q'%20%22r%22.yaml",
            "gitops/%C3%BCn%C3%AF/%C3%A7.yaml");
    for (int i = 0; i < uris.size(); i++) {
      URI uri = new URI(uris.get(i));
      assertThat(uri.getScheme()).as(uris.get(i)).isNull();
      assertThat(uri.toASCIIString()).as("plain ASCII, as RFC 3986 asks").isEqualTo(uris.get(i));
      assertThat(uri.getPath()).isEqualTo(files.get(i));
    }
  }

  @Test
  void junitIsWellFormedXmlWhateverTheMessageHolds() throws Exception {
    String message = "ctl \u0001\u001b[31m <b> & \"q\" end ]]> cr\rlf\ntab\t\uFFFF \uD83D\uDE00";
    String junit = render("junit", report(List.of("gitops/a <&> \"b\".yaml"), message));

    Document document =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(junit)));
    Element failure = (Element) document.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("ctl \\u0001\\u001B[31m <b> & \"q\" end ]]> cr\rlf\ntab\t\\uFFFF \uD83D\uDE00");
    assertThat(failure.getTextContent())
        .startsWith("gitops/a <&> \"b\".yaml:2:3: ctl \\u0001\\u001B[31m <b>");
    Element suite = (Element) document.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("gitops/a <&> \"b\".yaml");
  }

  @Test
  void textShowsControlCharactersInsteadOfSendingThemToTheTerminal() throws Exception {
    String text =
        render("text", report(List.of("gitops/a\u001b]0;x.yaml"), "a\rb\u001b[31mc\u009b\nd\te"));

    assertThat(text)
        .contains("gitops/a\\u001B]0;x.yaml\n")
        .contains("a\\u000Db\\u001B[31mc\\u009B\n" + " ".repeat(20) + "d\te");
    assertThat(text.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t')).isEmpty();
  }
}
