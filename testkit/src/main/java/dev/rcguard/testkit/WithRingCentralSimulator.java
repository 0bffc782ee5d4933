package dev.rcguard.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the project's RingCentral simulator over real HTTP on {@code 127.0.0.1}: one simulator
 * for the class on a free port, the guard pointed at it through the system property {@code rcguard.server-url}, and
 * every test starting clean. The test reaches the simulator through a {@link SimulatedRingCentral}, as a parameter of
 * any test, lifecycle method or constructor, or in a field of that type.
 *
 * <p>The lifecycle, by {@link RingCentralSimulatorExtension}:
 * <ul>
 *   <li>before the class (before its own {@code @BeforeAll} methods): the simulator starts and
 *       {@code rcguard.server-url} is set to its base URL;
 *   <li>before each test (before its {@code @BeforeEach} methods): the simulator forgets every user, fault, count and
 *       rate-limit window, and every open guard pointed at it forgets its rate-limit state (budgets, penalties and
 *       decisions kept for reuse), so no test sees what an earlier one left;
 *   <li>after the class: the simulator stops and {@code rcguard.server-url} gets its earlier value back.
 * </ul>
 *
 * <p>Rate limits are off unless {@link #rateLimits()} asks for them. {@code rcguard.server-url} is one system property
 * of the JVM: classes that use this annotation must not run concurrently with each other.
 *
 * <pre>{@code
 * @WithRingCentralSimulator
 * class MessagesTest {
 *     @Test
 *     void revokedPermission_is403(SimulatedRingCentral ringCentral) {
 *         ringCentral.addUser("alice-token").grant("ReadMessages");
 *         // GET your endpoint with "Authorization: Bearer alice-token" -> 200
 *         ringCentral.revoke("alice-token", "ReadMessages");
 *         // the same request -> 403 application/problem+json
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RingCentralSimulatorExtension.class)
public @interface WithRingCentralSimulator {

    /**
     * Whether the simulator enforces RingCentral's rate limits (Light 50, Medium 40, Auth 5 calls a minute per user,
     * a 60 s penalty after a 429). {@code false} (the default): it refuses nothing and announces a limit of
     * {@value RingCentralSimulatorExtension#UNLIMITED} calls a minute per group, so the guard's own rate-limit economy,
     * which takes its share of what RingCentral announces, regains a call about every millisecond and holds no check
     * back either (it still sends at most 5 calls of one user at the same instant).
     *
     * @return whether the simulator enforces RingCentral's real rate limits
     */
    boolean rateLimits() default false;
}
