package dev.rcguard.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

/**
 * Runs the demo until Ctrl-C: {@code demo/run.sh} from the repository root (which builds it with the Maven wrapper,
 * saying what it does), {@code ./mvnw -q -pl demo -am package -DskipTests -Pdemo}, or {@code java
 * dev.rcguard.demo.DemoMain [--port N]} on its class path.
 *
 * <p>It says each step as it begins ({@code Starting the RingCentral simulator...}, {@code Starting Jetty on
 * 127.0.0.1:8080...}), prints the {@link Banner}, and last {@code Ready: open http://127.0.0.1:8080/ (Ctrl-C stops
 * it)}. A port already in use ends it with one line and exit code 1; bad arguments with exit code 2.
 *
 * <pre>{@code
 * demo/run.sh -Ddemo.port=9090
 * RCGUARD_SERVER_URL=https://platform.ringcentral.com demo/run.sh
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
            demo = Demo.start(options, step -> {
                System.out.println(step);
                System.out.flush();
            });
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
