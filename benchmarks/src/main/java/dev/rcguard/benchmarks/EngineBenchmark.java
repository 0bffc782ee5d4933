package dev.rcguard.benchmarks;

import dev.rcguard.Caller;
import dev.rcguard.Decision;
import dev.rcguard.Logical;
import dev.rcguard.RequestMemo;
import dev.rcguard.Requirement;
import dev.rcguard.client.Answers;
import dev.rcguard.client.HttpAnswer;
import dev.rcguard.config.GuardConfig;
import dev.rcguard.engine.PermissionGuard;
import jakarta.json.bind.JsonbBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's own price per request, with {@link InMemoryRingCentral} in place of the network: what one request
 * pays on top of its RingCentral round trips.
 *
 * <ul>
 *   <li>{@code answerMapping}: reading one canned RingCentral answer, the floor every check pays;
 *   <li>{@code callerFromHeader}: the adapter's {@code Caller.ofBearer} (validation and the SHA-256 fingerprint);
 *   <li>{@code checkOneId} / {@code checkFourIds}: a whole request as an adapter makes it (caller, fresh memo,
 *       check), one permission or four;
 * </ul>
 * {@code transport=inline} answers on the calling thread; {@code pooled} hands each call to a pool thread as the
 * real client does.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EngineBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {

    private static final String HEADER = "Bearer U0pDMDFQMDlQQVMwMHxBQUF0b2tlbi1mb3ItYmVuY2htYXJrcw";
    private static final Requirement ONE = Requirement.permissions(Logical.ALL, "ReadMessages");
    private static final Requirement FOUR =
            Requirement.permissions(Logical.ALL, "ReadMessages", "EditMessages", "ReadCallLog", "ReadUserInfo");

    @Param({"inline", "pooled"})
    public String transport;

    private ExecutorService pool;
    private PermissionGuard guard;
    private Answers answers;
    private HttpAnswer grantedAnswer;

    @Setup(Level.Trial)
    public void setUp() {
        GuardConfig config = GuardConfig.load(name -> null);
        InMemoryRingCentral client;
        if (transport.equals("pooled")) {
            pool = ClientPool.create(64);
            client = InMemoryRingCentral.on(pool);
        } else {
            client = InMemoryRingCentral.inline();
        }
        guard = new PermissionGuard(client, config);
        answers = new Answers(JsonbBuilder.create());
        grantedAnswer = InMemoryRingCentral.granted("ReadMessages");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    @Benchmark
    public Decision answerMapping() {
        return answers.permission("ReadMessages", grantedAnswer);
    }

    @Benchmark
    public Caller callerFromHeader() {
        return Caller.ofBearer(HEADER);
    }

    @Benchmark
    public Decision checkOneId() {
        return guard.check(Caller.ofBearer(HEADER), ONE, null, RequestMemo.create());
    }

    @Benchmark
    public Decision checkFourIds() {
        return guard.check(Caller.ofBearer(HEADER), FOUR, null, RequestMemo.create());
    }
}
