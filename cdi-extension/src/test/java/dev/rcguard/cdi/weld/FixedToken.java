package dev.rcguard.cdi.weld;

import dev.rcguard.TokenSource;
import jakarta.enterprise.context.Dependent;

/** An application's own token source, a bean: here, whatever the test put in {@link #token}. */
@Dependent
public class FixedToken implements TokenSource {

    static volatile String token;

    @Override
    public String accessToken(Request request) {
        return token;
    }
}
