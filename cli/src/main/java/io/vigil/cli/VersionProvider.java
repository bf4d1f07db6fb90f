package io.vigil.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar manifest at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VigilCli.class.getPackage().getImplementationVersion();
    return new String[] {"vigil " + (version == null ? "(development build)" : version)};
  }
}
