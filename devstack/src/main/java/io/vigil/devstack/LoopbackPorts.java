package io.vigil.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks free TCP ports on the loopback interface. */
final class LoopbackPorts {

  private LoopbackPorts() {}

  /**
   * Returns a port that was free on 127.0.0.1 a moment ago. Another process may grab it before the
   * caller binds it; that window is accepted for a dev/test stack.
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port on the loopback interface", e);
    }
  }

  /** Returns {@code port} when it is fixed (&gt; 0), otherwise a free loopback port. */
  static int fixedOrFree(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Port must be 0 (free) or 1-65535, was " + port);
    }
    return port == 0 ? freePort() : port;
  }
}
