package dev.rcguard.demo.login;

import java.io.Serializable;

/**
 * A sign-in under way, kept in the session between {@code /login} and {@code /oauth/callback}: the {@code state} the
 * callback must bring back, the PKCE verifier that only the server knows, and where to go afterwards.
 *
 * @param user the demo user's login, as asked for
 * @param state the random {@code state} sent to RingCentral
 * @param verifier the PKCE {@code code_verifier}; RingCentral saw only its S256 challenge
 * @param redirectUri this application's callback address, sent with the authorization request and the exchange
 * @param then the local path to go to once signed in
 */
record PendingLogin(String user, String state, String verifier, String redirectUri, String then)
        implements Serializable {

    /** The session attribute it is kept in. */
    static final String ATTRIBUTE = "rc.login";
}
