package dev.rcguard.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

/**
 * Runs the demo until Ctrl-C: {@code ./mvnw -q -pl demo -am package -DskipTests -Pdemo} from the repository root, or
 * {@code java dev.rcguard.demo.DemoMain [--port N]} on its class path.
 *
 * <p>A port already in use ends it with one line and exit code 1; bad arguments with exit code 2.
 *
 * <pre>{@code
 * ./mvnw -q -pl demo -am package -DskipTests -Pdemo -Ddemo.port=9090
 * RCGUARD_SERVER_URL=https://platform.ringcentral.com ./mvnw -q -pl demo -am package -DskipTests -Pdemo
 * }</pre>
 */
public final class DemoMain {

    private DemoMain() {}

    public static void main(String[] args) throws InterruptedException {
        quietLogging();
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, System::getenv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        Demo demo;
        try {
            demo = Demo.start(options);
        } catch (PortInUseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            demo.close();
                            System.out.println("Demo stopped.");
                            stopped.countDown();
                        },
                        "demo-shutdown"));
        System.out.print(Banner.of(demo));
        System.out.flush();
        stopped.await();
    }

    /** The guard's own INFO lines (what it protects) stay; the servers' start-up chatter goes. */
    private static void quietLogging() {
        try (InputStream config = DemoMain.class.getResourceAsStream("logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("Demo logging configuration not read: " + e.getMessage());
        }
    }
}
