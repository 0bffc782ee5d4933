package dev.rcguard.demo.login;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /session/oauth/callback?code=...&state=...}: where RingCentral sends the browser back. The state must be
 * the session's pending sign-in's (once: it is used up either way); the code is exchanged server-side at
 * {@code POST /restapi/oauth/token} with the app's credentials and the PKCE verifier; RingCentral's token answer goes
 * into a new session, under {@value SessionTokens#ATTRIBUTE}, where the guard finds it; then a redirect to the page.
 * The browser sees the session cookie, never a token.
 *
 * <p>Refusals: no sign-in under way in this session, a state that is not its own, RingCentral's {@code error} (400);
 * a code RingCentral does not exchange (502). Each is a short page; nothing is kept.
 */
public class OAuthCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final System.Logger LOG = System.getLogger("dev.rcguard.demo");
    private static final Pattern ERROR = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    private transient RingCentralOAuth oauth;

    @Override
    public void init() {
        oauth = RingCentralOAuth.of(getServletContext());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        PendingLogin pending =
                session != null && session.getAttribute(PendingLogin.ATTRIBUTE) instanceof PendingLogin p ? p : null;
        if (pending == null) {
            Pages.failure(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "No sign-in is under way in this browser session; start again at /session/login?user=alice");
            return;
        }
        session.removeAttribute(PendingLogin.ATTRIBUTE); // one callback per sign-in, whatever it brings
        String state = request.getParameter("state");
        if (state == null
                || !MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8), pending.state().getBytes(StandardCharsets.UTF_8))) {
            Pages.failure(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "The state RingCentral sent back is not this session's sign-in; start again");
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            Pages.failure(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    "RingCentral did not sign you in: "
                            + (ERROR.matcher(error).matches() ? error : "an error it did not name plainly"));
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isEmpty()) {
            Pages.failure(response, HttpServletResponse.SC_BAD_REQUEST, "RingCentral sent back no code");
            return;
        }
        Map<String, Object> tokens;
        try {
            tokens = oauth.exchange(code, pending.redirectUri(), pending.verifier());
        } catch (RingCentralOAuth.Refused refused) {
            LOG.log(System.Logger.Level.WARNING, "Sign-in of {0} failed: {1}", pending.user(), refused.getMessage());
            Pages.failure(response, HttpServletResponse.SC_BAD_GATEWAY, refused.getMessage());
            return;
        }
        session.invalidate(); // a new session for the signed-in user: no session id from before the sign-in lives on
        request.getSession(true).setAttribute(SessionTokens.ATTRIBUTE, tokens);
        LOG.log(
                System.Logger.Level.INFO,
                "{0} signed in with RingCentral (extension {1}); the access token expires in {2} s",
                pending.user(),
                tokens.get("owner_id"),
                tokens.get("expires_in"));
        Pages.redirect(response, HttpServletResponse.SC_FOUND, pending.then());
    }
}
