package dev.rcguard.cdi.weld;

import dev.rcguard.cdi.AccessTokenResolver;
import jakarta.enterprise.context.Dependent;

/** An application's own token source: here, whatever the test put in {@link #token}. */
@Dependent
public class FixedToken implements AccessTokenResolver {

    static volatile String token;

    @Override
    public String accessToken() {
        return token;
    }
}
