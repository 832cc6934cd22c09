package dev.homelab.validator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.model.GroupVersionKind;
import dev.homelab.validator.schema.EmbeddedKubernetesSchemas;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API server's name syntaxes, at their boundaries. */
class ApiNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "web", "web-1", "0", "a1-b2"})
  void acceptsDnsLabels(String name) {
    assertThat(ApiNames.dns1123Label(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Web", "web_1", "-web", "web-", "web.apps", "wéb"})
  void refusesWhatIsNotADnsLabel(String name) {
    assertThat(ApiNames.dns1123Label(name)).hasValueSatisfying(r -> assertThat(r).contains("may"));
  }

  @Test
  void labelsAndLabelValuesStopAt63Characters() {
    assertThat(ApiNames.dns1123Label("a".repeat(63))).isEmpty();
    assertThat(ApiNames.dns1123Label("a".repeat(64)))
        .contains("must be at most 63 characters, not 64");
    assertThat(ApiNames.labelValue("A".repeat(63))).isEmpty();
    assertThat(ApiNames.labelValue("A".repeat(64)))
        .contains("must be at most 63 characters, not 64");
  }

  @Test
  void subdomainsAllowDotsBetweenLabelsAndStopAt253Characters() {
    assertThat(ApiNames.dns1123Subdomain("app.config-v2")).isEmpty();
    assertThat(ApiNames.dns1123Subdomain("app..config")).isPresent();
    assertThat(ApiNames.dns1123Subdomain("app.-config")).isPresent();
    String longest = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);
    assertThat(longest).hasSize(253);
    assertThat(ApiNames.dns1123Subdomain(longest)).isEmpty();
    assertThat(ApiNames.dns1123Subdomain(longest + "a"))
        .contains("must be at most 253 characters, not 254");
  }

  @Test
  void serviceNamesStartWithALetter() {
    assertThat(ApiNames.dns1035Label("web1")).isEmpty();
    assertThat(ApiNames.dns1035Label("1web")).isPresent();
    assertThat(ApiNames.dns1123Label("1web")).isEmpty();
  }

  @Test
  void pathSegmentsRefuseOnlySlashesPercentsAndDots() {
    assertThat(ApiNames.pathSegment("system:aggregate-to-view")).isEmpty();
    assertThat(ApiNames.pathSegment("NFS_Media")).isEmpty();
    assertThat(ApiNames.pathSegment("a/b")).contains("may not contain '/' or '%'");
    assertThat(ApiNames.pathSegment("50%")).contains("may not contain '/' or '%'");
    assertThat(ApiNames.pathSegment("..")).contains("may not be '..'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "app",
        "App_Name.v2",
        "app.kubernetes.io/name",
        "example.com/Owner",
        "a/b",
        "k8s.io/x-y_z.1"
      })
  void acceptsQualifiedNames(String key) {
    assertThat(ApiNames.qualifiedName(key)).isEmpty();
  }

  @Test
  void explainsWhichPartOfAQualifiedNameIsWrong() {
    assertThat(ApiNames.qualifiedName("a/b/c"))
        .contains("may hold at most one '/', between a DNS prefix and a name");
    assertThat(ApiNames.qualifiedName("/name")).contains("has an empty prefix before '/'");
    assertThat(ApiNames.qualifiedName("example.com/")).contains("has an empty name");
    assertThat(ApiNames.qualifiedName("Example.com/name"))
        .hasValueSatisfying(r -> assertThat(r).startsWith("has a prefix that may hold only"));
    assertThat(ApiNames.qualifiedName("example.com/" + "n".repeat(64)))
        .contains("has a name part that must be at most 63 characters, not 64");
    assertThat(ApiNames.qualifiedName("n".repeat(64)))
        .contains("must be at most 63 characters, not 64");
    assertThat(ApiNames.qualifiedName("bad key")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "v1.2.3-rc.1", "Front_End", "x"})
  void acceptsLabelValues(String value) {
    assertThat(ApiNames.labelValue(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3+build", "front end", "-x", "x-", "a/b", ".x"})
  void refusesLabelValues(String value) {
    assertThat(ApiNames.labelValue(value)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "metrics", "a", "web-ui-8080", "h2c", "abcdefghijklmno"})
  void acceptsPortNames(String name) {
    assertThat(ApiNames.portName(name)).isEmpty();
  }

  @Test
  void explainsWhatIsWrongWithAPortName() {
    assertThat(ApiNames.portName("abcdefghijklmnop"))
        .contains("must be at most 15 characters, not 16");
    assertThat(ApiNames.portName("Http"))
        .contains("may hold only lowercase letters, digits and '-'");
    assertThat(ApiNames.portName("web_ui"))
        .contains("may hold only lowercase letters, digits and '-'");
    assertThat(ApiNames.portName("-web")).contains("may not start or end with '-', nor hold '--'");
    assertThat(ApiNames.portName("web-")).contains("may not start or end with '-', nor hold '--'");
    assertThat(ApiNames.portName("web--ui"))
        .contains("may not start or end with '-', nor hold '--'");
    assertThat(ApiNames.portName("8080")).contains("must hold at least one letter");
  }

  @Test
  void dataKeysAllowDotsAndUnderscoresButNoFolders() {
    assertThat(ApiNames.configKey("app.yaml")).isEmpty();
    assertThat(ApiNames.configKey(".env")).isEmpty();
    assertThat(ApiNames.configKey("TLS_CERT-2")).isEmpty();
    assertThat(ApiNames.configKey("conf/app.yaml"))
        .hasValueSatisfying(r -> assertThat(r).startsWith("may not hold '/'"));
    assertThat(ApiNames.configKey("user name"))
        .contains("may hold only letters, digits, '-', '_' and '.'");
    assertThat(ApiNames.configKey("..")).contains("may not start with '..'");
    assertThat(ApiNames.configKey("..data")).contains("may not start with '..'");
    assertThat(ApiNames.configKey(".")).contains("may not be '.'");
    assertThat(ApiNames.configKey(".hidden..twice")).isEmpty();
    assertThat(ApiNames.configKey("k".repeat(253))).isEmpty();
    assertThat(ApiNames.configKey("k".repeat(254)))
        .contains("must be at most 253 characters, not 254");
  }

  @Test
  void kindsGetTheirOwnSyntaxAndCustomResourcesASubdomain() {
    assertThat(ApiNames.nameSyntax(type("", "v1", "Namespace")))
        .isEqualTo(ApiNames.NameSyntax.DNS1123_LABEL);
    assertThat(ApiNames.nameSyntax(type("", "v1", "Service")))
        .isEqualTo(ApiNames.NameSyntax.DNS1035_LABEL);
    assertThat(ApiNames.nameSyntax(type("apps", "v1", "Deployment")))
        .isEqualTo(ApiNames.NameSyntax.DNS1123_SUBDOMAIN);
    assertThat(ApiNames.nameSyntax(type("rbac.authorization.k8s.io", "v1", "ClusterRole")))
        .isEqualTo(ApiNames.NameSyntax.PATH_SEGMENT);
    assertThat(ApiNames.nameSyntax(type("cert-manager.io", "v1", "Certificate")))
        .isEqualTo(ApiNames.NameSyntax.DNS1123_SUBDOMAIN);
    assertThat(ApiNames.nameSyntax(type("gateway.networking.k8s.io", "v1", "HTTPRoute")))
        .isEqualTo(ApiNames.NameSyntax.DNS1123_SUBDOMAIN);
  }

  /**
   * Every group the embedded Kubernetes schemas serve is a built-in group, so a kind of a newer
   * Kubernetes is never held to a custom resource's syntax by mistake; and every kind the syntax
   * table names exists there, so a misspelt kind cannot silently fall back to the loosest rule.
   */
  @Test
  void builtInGroupsAndTheKindsTableAgreeWithTheEmbeddedSchemas() {
    Set<String> groups = new TreeSet<>();
    Set<String> kinds = new TreeSet<>();
    for (EmbeddedKubernetesSchemas.Entry entry :
        EmbeddedKubernetesSchemas.load().byFile().values()) {
      groups.add(entry.type().group());
      kinds.add(entry.type().group() + "/" + entry.type().kind());
    }
    assertThat(ApiNames.BUILT_IN_GROUPS).containsAll(groups);
    for (String kind : ApiNames.TABLE_KINDS) {
      assertThat(kinds).as("kind in the name syntax table").contains(kind);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"grafana.home.example.com", "*.home.example.com", "localhost"})
  void acceptsIngressHosts(String host) {
    assertThat(ApiNames.ingressHost(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.168.1.10", "010.0.0.1", "fd7a:115c:a1e0::1", "::1"})
  void refusesAnIpAddressAsIngressHost(String host) {
    assertThat(ApiNames.ingressHost(host)).contains("must be a DNS name, not an IP address");
  }

  @Test
  void wildcardHostsHaveTheStarAsTheirWholeFirstPart() {
    assertThat(ApiNames.hostName("*.home.example.com")).isEmpty();
    assertThat(ApiNames.hostName("*.*.home.example.com")).isPresent();
    assertThat(ApiNames.hostName("grafana*.home.example.com")).isPresent();
    assertThat(ApiNames.hostName("*")).isPresent();
    // A host that only looks like an address is still a name the syntax allows.
    assertThat(ApiNames.ingressHost("256.1.1.1")).isEmpty();
  }

  @Test
  void envVarNamesArePrintableAsciiWithoutEquals() {
    assertThat(ApiNames.envVarName("TZ")).isEmpty();
    assertThat(ApiNames.envVarName("my.setting-1 x")).isEmpty();
    assertThat(ApiNames.envVarName("A=B"))
        .contains("may not hold '='; the value goes in value or valueFrom");
    assertThat(ApiNames.envVarName("")).contains("may not be empty");
    assertThat(ApiNames.envVarName("PFAD_ÄNDERN"))
        .contains("may hold only printable ASCII characters");
    assertThat(ApiNames.envVarName("A\tB")).contains("may hold only printable ASCII characters");
  }

  private static GroupVersionKind type(String group, String version, String kind) {
    return new GroupVersionKind(group, version, kind);
  }
}
