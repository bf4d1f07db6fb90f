package io.vigil.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresServerIT {

  private static PostgresServer postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = SharedStack.get().postgres().orElseThrow();
  }

  @Test
  void shouldReportLogicalWalLevelWhenConnectedOverJdbc() throws Exception {
    // Given
    try (Connection c = connect();
        Statement s = c.createStatement();
        // When
        ResultSet rs = s.executeQuery("SHOW wal_level")) {
      // Then
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("logical");
    }
    assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
  }

  @Test
  void shouldCreateLogicalReplicationSlotWhenUsingPgoutput() throws Exception {
    // Given
    String slot = "slot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS outbox_" + slot + " (id bigint primary key)");
      s.execute("CREATE PUBLICATION pub_" + slot + " FOR TABLE outbox_" + slot);

      // When
      try (ResultSet rs =
          s.executeQuery(
              "SELECT slot_name FROM pg_create_logical_replication_slot('"
                  + slot
                  + "', 'pgoutput')")) {
        // Then
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(slot);
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT plugin FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("pgoutput");
      }
      s.execute("SELECT pg_drop_replication_slot('" + slot + "')");
    }
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(
        postgres.jdbcUrl(), postgres.username(), postgres.password());
  }
}
