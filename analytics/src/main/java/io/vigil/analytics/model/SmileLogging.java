package io.vigil.analytics.model;

import java.lang.reflect.Method;

/**
 * Keeps Smile's training chatter out of the logs: its random forest logs one INFO line per tree.
 *
 * <p>Rule: before training, the loggers {@link #NOISY_LOGGERS} are set to WARN when the SLF4J
 * backend is Log4j 2 (the backend of the Vigil CLI and jobs) or slf4j-simple; other backends are
 * left alone and should configure those logger names themselves. Done through reflection so that
 * this module does not depend on any logging backend.
 */
final class SmileLogging {

  /** Loggers set to WARN. */
  static final String[] NOISY_LOGGERS = {"smile.classification.RandomForest"};

  private static volatile boolean done;

  private SmileLogging() {}

  static void quietTrainingLoggers() {
    if (done) {
      return;
    }
    done = true;
    for (String name : NOISY_LOGGERS) {
      // slf4j-simple reads this when the logger is first created
      if (System.getProperty("org.slf4j.simpleLogger.log." + name) == null) {
        System.setProperty("org.slf4j.simpleLogger.log." + name, "warn");
      }
      setLog4j2Level(name);
    }
  }

  private static void setLog4j2Level(String loggerName) {
    try {
      Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator");
      Class<?> level = Class.forName("org.apache.logging.log4j.Level");
      Object warn = level.getMethod("getLevel", String.class).invoke(null, "WARN");
      Method setLevel = configurator.getMethod("setLevel", String.class, level);
      setLevel.invoke(null, loggerName, warn);
    } catch (ClassNotFoundException e) {
      // Log4j 2 core is not the backend: nothing to do
    } catch (ReflectiveOperationException | LinkageError e) {
      // a Log4j 2 API we do not know: leave its configuration as it is
    }
  }
}
