package io.vigil.responders.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.responders.firewall.FirewallConfig;
import io.vigil.responders.firewall.ThreatClass;
import io.vigil.responders.scaling.ScalingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module README documents every key with the default the code uses: docs do not drift. */
class DocumentationTest {

  private static String readme() throws Exception {
    return Files.readString(Path.of("README.md"));
  }

  private static String row(String name, String defaultValue) {
    return "| `"
        + name
        + "` | "
        + (defaultValue.isEmpty() ? "(empty)" : "`" + defaultValue + "`")
        + " |";
  }

  @Test
  void shouldDocumentEveryFirewallKeyWhenTheReadmeIsRead() throws Exception {
    String readme = readme();
    for (ConfigKey k : FirewallConfig.documentation()) {
      assertThat(readme).contains(row(k.name(), k.defaultValue()));
    }
    FirewallConfig.classDefaultsDocumentation()
        .forEach(
            (c, d) ->
                assertThat(readme)
                    .contains(
                        "| `"
                            + c.configName()
                            + "` | "
                            + String.join(" | ", d)
                            + (d.get(4).isEmpty() ? "|" : " |")));
    assertThat(FirewallConfig.classDefaultsDocumentation()).doesNotContainKey(ThreatClass.NONE);
  }

  @Test
  void shouldDocumentEveryScalingKeyWhenTheReadmeIsRead() throws Exception {
    String readme = readme();
    for (ConfigKey k : List.of(ScalingConfig.SERVICES, ScalingConfig.DECISION_ID_BUCKET)) {
      assertThat(readme).contains(row(k.name(), k.defaultValue()));
    }
    for (ConfigKey p : ScalingConfig.SERVICE_PROPERTIES) {
      assertThat(readme).contains(row(p.name(), p.defaultValue()));
    }
  }

  @Test
  void shouldParseEveryDocumentedDefaultWhenNothingIsSet() {
    assertThat(FirewallConfig.defaults()).isNotNull();
    assertThat(ScalingConfig.fromProperties(new java.util.Properties()).services()).isEmpty();
  }
}
