package dev.rcguard.internal.engine;

import dev.rcguard.Decision;
import dev.rcguard.Decision.Outcome;
import dev.rcguard.Logical;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Combines the decisions of several ids as they arrive, without waiting for more than the rule needs.
 *
 * <p>ALL: the first denial or rejected token decides at once; otherwise the least favourable answer
 * (UNAUTHENTICATED, then DENIED, then UNAVAILABLE). ANY: the first grant decides at once; otherwise the most
 * telling refusal — an UNAVAILABLE id might have been granted, so it outranks a denial.
 */
public final class Combination {

    private Combination() {}

    public static CompletableFuture<Decision> of(Logical logical, List<CompletableFuture<Decision>> decisions) {
        if (decisions.size() == 1) {
            return decisions.get(0);
        }
        CompletableFuture<Decision> result = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(decisions.size());
        Decision[] seen = new Decision[decisions.size()];
        for (int i = 0; i < decisions.size(); i++) {
            int index = i;
            decisions.get(i).whenComplete((decision, failure) -> {
                Decision d = decision != null ? decision : Failures.unexpected(failure);
                synchronized (seen) {
                    seen[index] = d;
                }
                if (decidesAlone(logical, d)) {
                    result.complete(d);
                } else if (pending.decrementAndGet() == 0) {
                    synchronized (seen) {
                        result.complete(worst(logical, seen));
                    }
                }
            });
        }
        return result;
    }

    private static boolean decidesAlone(Logical logical, Decision d) {
        return logical == Logical.ANY
                ? d.isGranted()
                : d.outcome() == Outcome.DENIED || d.outcome() == Outcome.UNAUTHENTICATED;
    }

    private static Decision worst(Logical logical, Decision[] decisions) {
        Decision worst = decisions[0];
        for (Decision d : decisions) {
            if (rank(logical, d.outcome()) > rank(logical, worst.outcome())) {
                worst = d;
            }
        }
        return worst;
    }

    private static int rank(Logical logical, Outcome outcome) {
        return switch (outcome) {
            case GRANTED -> 0;
            case UNAVAILABLE -> logical == Logical.ALL ? 1 : 2;
            case DENIED -> logical == Logical.ALL ? 2 : 1;
            case UNAUTHENTICATED -> 3;
        };
    }
}
