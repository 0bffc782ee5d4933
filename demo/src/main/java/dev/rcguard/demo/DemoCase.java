package dev.rcguard.demo;

/**
 * One request the demo documents, with the answer it should get: printed as a {@code curl} command at start, listed on
 * the page at {@code /}, and run by {@code demo/smoke.sh}.
 *
 * <pre>{@code
 * new DemoCase("bob may not read messages", "bob", "bob-token", "GET", "/api/messages", null, 403,
 *         "permission ReadMessages, reason InsufficientPermissions");
 * }</pre>
 *
 * @param title what the request shows
 * @param user the demo user sending it, or {@code null} for none
 * @param token the bearer token sent, or {@code null} for none
 * @param method the HTTP method
 * @param path the path on the demo server
 * @param body a JSON request body, or {@code null}
 * @param status the expected status, or 0 when it depends on a real RingCentral account
 * @param expect the expected answer in words
 */
public record DemoCase(
        String title, String user, String token, String method, String path, String body, int status, String expect) {

    /** The command to paste into a shell, against {@code baseUrl} (no trailing slash). */
    public String curl(String baseUrl) {
        StringBuilder command = new StringBuilder("curl -i");
        if (!method.equals("GET")) {
            command.append(" -X ").append(method);
        }
        if (token != null) {
            command.append(" -H \"Authorization: Bearer ").append(token).append('"');
        }
        if (body != null) {
            command.append(" -H 'Content-Type: application/json' -d '")
                    .append(body)
                    .append('\'');
        }
        return command.append(' ').append(baseUrl).append(path).toString();
    }
}
