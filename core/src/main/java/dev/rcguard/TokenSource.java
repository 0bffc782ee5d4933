package dev.rcguard;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where the caller's RingCentral access token is found in a request. An application has one, asked by every adapter
 * (the {@code web.xml} filter, the JAX-RS filter, the CDI interceptor), chosen by {@code rcguard.token-source}:
 *
 * <table>
 *   <caption>rcguard.token-source</caption>
 *   <tr><td>{@code header} (the default)</td><td>the request's {@code Authorization: Bearer} header</td></tr>
 *   <tr><td>{@code session-attribute:NAME}</td><td>the attribute {@code NAME} of the request's HTTP session: the
 *       token, or a token object (a {@code Map} with {@code access_token}, as RingCentral answers it, or an object with
 *       an {@code accessToken()} or {@code getAccessToken()} method); no session is created. With
 *       {@code rcguard.client-id} and {@code rcguard.client-secret} set, a {@code Map} that also holds RingCentral's
 *       {@code refresh_token} is refreshed on expiry, and the attribute replaced by RingCentral's new answer</td></tr>
 *   <tr><td>{@code request-attribute:NAME}</td><td>the request attribute {@code NAME}, read the same way</td></tr>
 *   <tr><td>{@code class:CLASS}</td><td>the application's own implementation of this interface (a public class with a
 *       public no-argument constructor), or, in a CDI application, the bean of that class (its injections and scope,
 *       such as {@code @RequestScoped} with an injected {@code HttpSession})</td></tr>
 * </table>
 *
 * <p>No token ({@code null}, blank or malformed) is a 401 without any call to RingCentral.
 *
 * <pre>{@code
 * public class TokensOfMyLogin implements TokenSource {
 *     @Override
 *     public String accessToken(Request request) {
 *         return request.sessionAttribute("myLogin") instanceof MyLogin login ? login.ringCentralToken() : null;
 *     }
 * }
 * }</pre>
 */
public interface TokenSource {

    /**
     * Finds the caller's access token.
     *
     * @param request the current request
     * @return the caller's access token in {@code request}, or {@code null} when it carries none
     */
    String accessToken(Request request);

    /**
     * Called when RingCentral answered that {@code expiredAccessToken}, which {@link #accessToken} gave, has expired
     * (401 {@code OAU-128}, or {@code OAU-213} once it is gone): a new access token for the same user, already stored
     * where {@link #accessToken} will find it, or {@code null} when this source cannot refresh (the default) or the
     * refresh failed. The guard then repeats the check once with the new token; {@code null} leaves RingCentral's
     * 401.
     *
     * <p>The guard calls this at most once per expired token: requests that meet the same expired token meanwhile,
     * or within a minute after, wait for that one call and use its outcome (RingCentral's Auth group allows a user 5
     * token calls a minute, and a refresh token is good for one refresh only).
     *
     * @param request the request that met the expired token
     * @param expiredAccessToken the access token RingCentral called expired
     * @return the new access token, or {@code null} when there is none
     */
    default String refresh(Request request, String expiredAccessToken) {
        return null;
    }

    /** What a token source may read of the current request; each adapter gives its own view. */
    interface Request {

        /**
         * Reads a header.
         *
         * @param name the header's name, in any letter case
         * @return the value of the header {@code name}, or {@code null}
         */
        String header(String name);

        /**
         * Reads a request attribute.
         *
         * @param name the attribute's name
         * @return the request attribute {@code name}, or {@code null}
         */
        Object attribute(String name);

        /**
         * Reads an attribute of the request's HTTP session; never creates a session.
         *
         * @param name the attribute's name
         * @return the attribute {@code name} of the request's HTTP session, or {@code null}
         */
        Object sessionAttribute(String name);

        /**
         * Sets the attribute {@code name} of the request's HTTP session (a refreshed token's new place).
         *
         * @param name the attribute's name
         * @param value its new value
         * @throws IllegalStateException when the request has no session, or the view cannot write
         */
        void setSessionAttribute(String name, Object value);

        /**
         * A view that reads only: {@link #setSessionAttribute} throws.
         *
         * @param headers a header's value by name
         * @param attributes a request attribute by name
         * @param sessionAttributes a session attribute by name ({@code null} without a session)
         * @return the view
         */
        static Request of(
                Function<String, String> headers,
                Function<String, Object> attributes,
                Function<String, Object> sessionAttributes) {
            return of(headers, attributes, sessionAttributes, (name, value) -> {
                throw new IllegalStateException("this request's session cannot be written");
            });
        }

        /**
         * A view made of look-ups, such as a servlet request's: {@code of(request::getHeader, request::getAttribute,
         * name -> request.getSession(false) == null ? null : ..., (name, value) -> ...)}.
         *
         * @param headers a header's value by name
         * @param attributes a request attribute by name
         * @param sessionAttributes a session attribute by name ({@code null} without a session)
         * @param sessionWriter sets a session attribute; throws {@link IllegalStateException} where it cannot
         * @return the view
         */
        static Request of(
                Function<String, String> headers,
                Function<String, Object> attributes,
                Function<String, Object> sessionAttributes,
                BiConsumer<String, Object> sessionWriter) {
            return new Request() {
                @Override
                public String header(String name) {
                    return headers.apply(name);
                }

                @Override
                public Object attribute(String name) {
                    return attributes.apply(name);
                }

                @Override
                public Object sessionAttribute(String name) {
                    return sessionAttributes.apply(name);
                }

                @Override
                public void setSessionAttribute(String name, Object value) {
                    sessionWriter.accept(name, value);
                }
            };
        }
    }
}
