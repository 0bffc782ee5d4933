package dev.rcguard.demo.login;

import dev.rcguard.demo.DemoUser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * {@code GET /session/login?user=alice}: starts signing in with RingCentral. It keeps a {@link PendingLogin} (a random
 * {@code state} and a PKCE verifier) in a new session and redirects the browser to RingCentral's
 * {@code /restapi/oauth/authorize} with this application's client id, its callback address, the state and the PKCE
 * challenge; {@code login_hint} names the user (the simulator signs that user in at once, a real RingCentral would
 * ask for the password). An optional {@code then=/local/path} is where the callback sends the browser at the end.
 *
 * <pre>{@code
 * curl -i 'http://127.0.0.1:8080/session/login?user=alice'   # 302, Location: <RingCentral>/restapi/oauth/authorize?...
 * }</pre>
 */
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the browser goes once signed in, unless {@code then} says otherwise: the demo page's login panel. */
    static final String PAGE = "/#login";

    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9/?=&#._-]{0,200}");

    private transient RingCentralOAuth oauth;

    @Override
    public void init() {
        oauth = RingCentralOAuth.of(getServletContext());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        if (DemoUser.ALL.stream().noneMatch(u -> u.name().equals(user))) {
            Pages.failure(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    (user == null || user.isEmpty() ? "The parameter user is missing" : "No such demo user")
                            + "; sign in as one of: alice, bob, carol, dave (/session/login?user=alice)");
            return;
        }
        String then = request.getParameter("then");
        if (then == null || then.isEmpty()) {
            then = PAGE;
        } else if (!LOCAL_PATH.matcher(then).matches()) {
            Pages.failure(
                    response, HttpServletResponse.SC_BAD_REQUEST, "The parameter then must be a path on this server");
            return;
        }
        String redirectUri = URI.create(request.getRequestURL().toString())
                .resolve(request.getContextPath() + "/oauth/callback")
                .toString();
        PendingLogin pending = new PendingLogin(
                user, RingCentralOAuth.randomSecret(), RingCentralOAuth.randomSecret(), redirectUri, then);
        request.getSession(true).setAttribute(PendingLogin.ATTRIBUTE, pending);
        Pages.redirect(
                response,
                HttpServletResponse.SC_FOUND,
                oauth.authorizeUri(redirectUri, pending.state(), pending.verifier(), user)
                        .toString());
    }
}
