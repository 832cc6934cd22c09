package dev.homelab.core.finding;

import dev.homelab.core.ToolInfo;

/** Links from a rule id to its generated reference page. */
public final class HelpLinks {

  private HelpLinks() {}

  public static String forRule(String ruleId) {
    return ToolInfo.docsUrl() + ruleId + ".md";
  }
}
