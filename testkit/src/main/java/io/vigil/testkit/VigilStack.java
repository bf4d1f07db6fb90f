package io.vigil.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives an integration test class a running Vigil stack: a real Kafka broker, the Schema Registry
 * and PostgreSQL with logical replication.
 *
 * <p>Test methods and constructors declare a {@link io.vigil.devstack.StackEndpoints} parameter to
 * receive the endpoints. One stack is started per test JVM, on first use, and shared by every
 * class; it is stopped when the test plan ends. Tests must therefore use their own topics,
 * subjects, consumer groups and {@code application.id}s ({@link TestNames#unique}).
 *
 * <p>By default the stack is embedded (in-process broker, registry, zonky PostgreSQL). With {@code
 * -Dvigil.it.containers=true} it runs on Testcontainers (Kafka and PostgreSQL images, the registry
 * in-process on top); on a machine without a Docker engine such tests are reported as skipped, not
 * failed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(VigilStackExtension.class)
public @interface VigilStack {}
