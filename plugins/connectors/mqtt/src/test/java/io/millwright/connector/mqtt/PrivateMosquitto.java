package io.millwright.connector.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of the test's own on a free loopback port, with a password file: the machine's broker
 * allows anonymous access, so wrong credentials can only be tried on one like this.
 */
final class PrivateMosquitto implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/sbin/mosquitto");
  static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

  private final Process process;
  private final int port;

  static boolean available() {
    return Files.isExecutable(BINARY) && Files.isExecutable(PASSWD);
  }

  /**
   * @param user null for anonymous access
   * @param extraConfig more mosquitto.conf lines
   */
  PrivateMosquitto(Path dir, String user, String password, String... extraConfig) throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    StringBuilder config = new StringBuilder();
    config.append("listener ").append(port).append(" 127.0.0.1\n");
    if (user == null) {
      config.append("allow_anonymous true\n");
    } else {
      Path passwd = dir.resolve("passwd");
      Process p =
          new ProcessBuilder(PASSWD.toString(), "-b", "-c", passwd.toString(), user, password)
              .redirectErrorStream(true)
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            "mosquitto_passwd failed: " + new String(p.getInputStream().readAllBytes()));
      }
      config.append("allow_anonymous false\npassword_file ").append(passwd).append('\n');
    }
    config.append("persistence false\nuser root\nlog_dest none\n");
    for (String line : extraConfig) {
      config.append(line).append('\n');
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, config);
    process =
        new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IOException(
              "private mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.log")));
        }
        Thread.sleep(50);
      }
    }
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
