package io.vigil.responders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** The module README documents every wiring key with the default the code uses. */
class WiringDocumentationTest {

  @Test
  void shouldDocumentEveryWiringKeyWithItsDefaultWhenTheReadmeIsRead() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (ConfigDef.ConfigKey k : ResponderSettings.configDef().configKeys().values()) {
      if (!k.name.startsWith(ResponderSettings.RESPONDERS_PREFIX)
          && !k.name.startsWith(ResponderSettings.ACTUATORS_PREFIX)) {
        continue;
      }
      String value =
          k.defaultValue instanceof List<?> list
              ? String.join(",", list.stream().map(String::valueOf).toList())
              : String.valueOf(k.defaultValue);
      assertThat(readme).contains("| `" + k.name + "` | `" + value + "` |");
    }
  }
}
