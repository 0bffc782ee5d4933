package dev.rcguard.cdi;

import dev.rcguard.Decision;
import dev.rcguard.spi.ProblemRenderer;
import dev.rcguard.spi.ProblemResponse;
import jakarta.ws.rs.core.Response;

/** A refusal as a JAX-RS response, rendered by core's one {@link ProblemRenderer}. */
final class Problems {

    private Problems() {}

    static Response response(Decision decision) {
        ProblemResponse problem = ProblemRenderer.render(decision);
        Response.ResponseBuilder response = Response.status(problem.status()).entity(problem.body());
        problem.headers().forEach(response::header);
        return response.build();
    }
}
