package io.vigil.streams.json;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper of this module, for internal state, internal topics and REST bodies.
 * Unknown properties are ignored so a newer writer never breaks an older reader of a store or an
 * internal topic; no type information is written (every store and topic has one fixed record type,
 * never a Java class name on the wire).
 */
public final class Json {

  /** Thread-safe once configured; never reconfigure it. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          // Money as written, never in scientific notation.
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private Json() {}
}
