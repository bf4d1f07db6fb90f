package io.vigil.devstack.registry;

/** Small Avro record schemas for registry tests. */
final class Schemas {

  private Schemas() {}

  /**
   * A record schema; each field is {@code name:type} or {@code name:type=default} (an int or a JSON
   * literal), e.g. {@code record("Order", "id:string", "qty:int=1")}.
   */
  static String record(String name, String... fields) {
    StringBuilder json = new StringBuilder();
    json.append("{\"type\":\"record\",\"name\":\"").append(name);
    json.append("\",\"namespace\":\"io.vigil.test\",\"fields\":[");
    for (int i = 0; i < fields.length; i++) {
      String[] nameAndRest = fields[i].split(":", 2);
      String[] typeAndDefault = nameAndRest[1].split("=", 2);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"name\":\"").append(nameAndRest[0]).append("\",\"type\":\"");
      json.append(typeAndDefault[0]).append('"');
      if (typeAndDefault.length == 2) {
        json.append(",\"default\":").append(typeAndDefault[1]);
      }
      json.append('}');
    }
    return json.append("]}").toString();
  }
}
