package dev.rcguard.cdi;

/**
 * Where the caller's RingCentral access token comes from. By default the guard reads the current request's
 * {@code Authorization: Bearer} header; an application replaces that by declaring one CDI bean of this type (two are a
 * deployment error).
 *
 * <pre>{@code
 * @RequestScoped
 * public class SessionTokens implements AccessTokenResolver {
 *     @Inject HttpSession session; // filled by the application's OAuth login
 *
 *     @Override
 *     public String accessToken() {
 *         return (String) session.getAttribute("rc.accessToken");
 *     }
 * }
 * }</pre>
 *
 * <p>No token ({@code null}, blank or malformed) is a 401 without any call to RingCentral.
 */
public interface AccessTokenResolver {

    /** The current caller's access token, or {@code null} when there is none. */
    String accessToken();
}
