package io.vigil.flink.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.features.FeatureVector;
import io.vigil.flink.anomaly.AnomalyEvent;
import io.vigil.flink.anomaly.MetricSample;
import io.vigil.flink.anomaly.ModelArtifact;
import io.vigil.flink.anomaly.TrafficObservation;
import io.vigil.flink.forecast.RequestTick;
import io.vigil.flink.forecast.ServiceForecast;
import io.vigil.flink.forecast.StepCount;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** Every element that crosses a network boundary is a Flink POJO, never a Kryo generic type. */
class StreamTypesTest {

  @Test
  void shouldSerializeStreamElementsAsPojosWhenTheyCrossOperators() {
    for (Class<?> type :
        new Class<?>[] {
          TrafficObservation.class,
          FeatureVector.class,
          AnomalyEvent.class,
          MetricSample.class,
          ModelArtifact.class,
          RequestTick.class,
          StepCount.class,
          ServiceForecast.class
        }) {
      assertThat(TypeInformation.of(type))
          .as(type.getSimpleName())
          .isInstanceOf(PojoTypeInfo.class);
    }
  }

  @Test
  void shouldSerializeNestedObservationAsPojoWhenTrafficIsShuffled() {
    PojoTypeInfo<TrafficObservation> info =
        (PojoTypeInfo<TrafficObservation>) TypeInformation.of(TrafficObservation.class);
    assertThat(info.getTypeAt("observation")).isInstanceOf(PojoTypeInfo.class);
  }
}
