package dev.rcguard.benchmarks;

import dev.rcguard.internal.client.Answers;
import dev.rcguard.internal.http.HttpResponse;
import dev.rcguard.spi.Caller;
import dev.rcguard.spi.RingCentralClient.Answer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of {@link EngineBenchmark}'s requests: reading one canned RingCentral answer ({@code answerMapping}, the
 * floor every check pays whatever the engine does) and an adapter's {@code Caller.ofBearer} (token validation and
 * the SHA-256 fingerprint).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PiecesBenchmark -f 1 -wi 5 -i 10 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PiecesBenchmark {

    private final HttpResponse granted = InMemoryRingCentral.granted("ReadMessages");

    @Benchmark
    public Answer answerMapping() {
        return Answers.permission("ReadMessages", granted, "alice-token");
    }

    @Benchmark
    public Caller callerFromHeader() {
        return Caller.ofBearer(EngineBenchmark.HEADER);
    }
}
