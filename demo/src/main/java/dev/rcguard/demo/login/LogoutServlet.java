package dev.rcguard.demo.login;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code POST /session/logout}: ends the session, and the tokens with it; then 303 to the demo page. The application's
 * pages answer 401 from then on: the guard finds no token. (RingCentral's own sign-out, which revokes the tokens, is
 * not simulated; the refresh token would expire by itself.)
 *
 * <pre>{@code
 * curl -i -X POST -b cookies.txt http://127.0.0.1:8080/session/logout   # 303, Location: /#login
 * }</pre>
 */
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final System.Logger LOG = System.getLogger("dev.rcguard.demo");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            boolean signedIn = SessionTokens.of(session) != null;
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // signed out meanwhile
            }
            if (signedIn) {
                LOG.log(System.Logger.Level.INFO, "Signed out: the session and its RingCentral tokens are gone");
            }
        }
        Pages.redirect(response, HttpServletResponse.SC_SEE_OTHER, LoginServlet.PAGE);
    }
}
