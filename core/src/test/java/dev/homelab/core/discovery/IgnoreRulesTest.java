package dev.homelab.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.discovery.IgnoreRules.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

  @Test
  void followsGitignoreSemantics() {
    IgnoreRules rules =
        IgnoreRules.parse(
            List.of(
                "# comment",
                "",
                "*.tmp",
                "build/",
                "/root-only.yaml",
                "docs/**/draft-*.md",
                "!important.tmp",
                "\\#literal.yaml",
                "a?c.yaml",
                "[xy]z.yaml"));
    assertThat(rules.match("x.tmp", false)).isEqualTo(Verdict.IGNORED);
    assertThat(rules.match("deep/x.tmp", false)).isEqualTo(Verdict.IGNORED);
    assertThat(rules.match("important.tmp", false)).isEqualTo(Verdict.INCLUDED);
    assertThat(rules.match("build", true)).isEqualTo(Verdict.IGNORED);
    assertThat(rules.match("build", false)).isEqualTo(Verdict.NO_MATCH);
    assertThat(rules.match("root-only.yaml", false)).isEqualTo(Verdict.IGNORED);
    assertThat(rules.match("sub/root-only.yaml", false)).isEqualTo(Verdict.NO_MATCH);
    assertThat(rules.match("docs/a/b/draft-1.md", false)).isEqualTo(Verdict.IGNORED);
    assertThat(rules.match("docs/draft-1.md", false)).isEqualTo(Verdict.IGNORED);
    assertThat(rules.match("#literal.yaml", false)).isEqualTo(Verdict.IGNORED);
    assertThat(rules.match("abc.yaml", false)).isEqualTo(Verdict.IGNORED);
    assertThat(rules.match("ac.yaml", false)).isEqualTo(Verdict.NO_MATCH);
    assertThat(rules.match("yz.yaml", false)).isEqualTo(Verdict.IGNORED);
    assertThat(rules.match("zz.yaml", false)).isEqualTo(Verdict.NO_MATCH);
  }
}
