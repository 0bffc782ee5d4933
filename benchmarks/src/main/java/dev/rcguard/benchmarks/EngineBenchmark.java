package dev.rcguard.benchmarks;

import dev.rcguard.Decision;
import dev.rcguard.Logical;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.GuardConfig;
import dev.rcguard.spi.PermissionGuard;
import dev.rcguard.spi.RequestMemo;
import dev.rcguard.spi.Requirement;
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
 * {@code checkOneId} / {@code checkFourIds}: a whole request as an adapter makes it (caller from the header, fresh
 * memo, blocking check), one permission or four; {@link PiecesBenchmark} measures the parts. {@code transport=inline}
 * answers on the calling thread; {@code pooled} hands each call to a pool thread as the real client does (which it
 * must: only a call on another thread can be abandoned at the check's deadline when an answer trickles in).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'EngineBenchmark|PiecesBenchmark' -f 1 -wi 5 -i 10 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {

    static final String HEADER = "Bearer U0pDMDFQMDlQQVMwMHxBQUF0b2tlbi1mb3ItYmVuY2htYXJrcw";
    private static final Requirement ONE = Requirement.permissions(Logical.ALL, "ReadMessages");
    private static final Requirement FOUR =
            Requirement.permissions(Logical.ALL, "ReadMessages", "EditMessages", "ReadCallLog", "ReadUserInfo");

    @Param({"inline", "pooled"})
    public String transport;

    private ExecutorService pool;
    private PermissionGuard guard;

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
        guard = PermissionGuard.over(client, config);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdown();
        }
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
