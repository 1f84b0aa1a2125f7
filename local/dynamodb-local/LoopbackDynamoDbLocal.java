/*
 * Starts AWS's DynamoDB Local listening on 127.0.0.1 only.
 *
 * DynamoDB Local's own main class builds Jetty with `new Server(port)`, which listens on every interface, and it
 * has no option for the address. This launcher builds the same server from the same command-line options, sets
 * the host of its Jetty connectors to the loopback address before starting it, and checks that it took.
 *
 * It also ends when its standard input closes: the Node process that started it holds the other end of that pipe,
 * so a Node process killed outright (SIGKILL, a crash) does not leave DynamoDB Local running on its data directory.
 *
 * Run with Java's single-file source launcher (JDK 11+):
 *   java -Djava.library.path=<lib>/DynamoDBLocal_lib -cp <lib>/DynamoDBLocal.jar LoopbackDynamoDbLocal.java <options>
 */
import java.io.IOException;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDbLocal {
  private static final String HOST = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    exitWhenStdinCloses();
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) {
        throw new IllegalStateException("Unexpected connector " + connector.getClass().getName());
      }
      ((ServerConnector) connector).setHost(HOST);
    }
    proxy.start();
    for (Connector connector : server.getConnectors()) {
      String host = ((ServerConnector) connector).getHost();
      if (!HOST.equals(host)) {
        proxy.stop();
        throw new IllegalStateException("DynamoDB Local listens on " + host + ", not " + HOST);
      }
    }
    System.out.println("DynamoDB Local listening on " + HOST + ":" + ((ServerConnector) connectors[0]).getLocalPort());
  }

  private static void exitWhenStdinCloses() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // Nothing is sent on this pipe; only its end matters.
        }
      } catch (IOException ignored) {
        // A broken pipe is an end too.
      }
      System.exit(0);
    }, "exit-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }
}
