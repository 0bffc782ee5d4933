package dev.rcguard.internal.token;

import dev.rcguard.ConfigurationException;
import dev.rcguard.TokenSource;
import dev.rcguard.spi.ManagedBeans;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The ready-made {@link TokenSource}s, made from {@code rcguard.token-source}. */
public final class TokenSources {

    public static final String KEY = "rcguard.token-source";
    public static final String HEADER = "header";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.$:/-]{1,200}");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    private TokenSources() {}

    /**
     * The source {@code setting} names, the application's class loaded through {@code loader}.
     *
     * @param refresher RingCentral's new token answer for a refresh token ({@code null} when the refresh failed), or
     *     {@code null} when the application has no OAuth credentials: then no ready-made source refreshes
     * @throws ConfigurationException naming {@link #KEY}, for a setting of another form, a missing class, or a class
     *     that is not a {@link TokenSource} with a public no-argument constructor
     */
    public static TokenSource of(String setting, ClassLoader loader, Function<String, Map<String, Object>> refresher) {
        String value = setting.strip();
        if (value.equals(HEADER)) {
            return request -> bearer(request.header("Authorization"));
        }
        int colon = value.indexOf(':');
        String kind = colon < 0 ? value : value.substring(0, colon).toLowerCase(Locale.ROOT);
        String name = colon < 0 ? "" : value.substring(colon + 1).strip();
        return switch (kind) {
            case "session-attribute" -> new SessionAttribute(attributeName(name), refresher);
            case "request-attribute" -> {
                String attribute = attributeName(name);
                yield request -> token(request.attribute(attribute));
            }
            case "class" -> instance(name, loader);
            default ->
                throw new ConfigurationException(
                        KEY,
                        "must be header, session-attribute:NAME, request-attribute:NAME or class:CLASS, was '" + setting
                                + "'");
        };
    }

    /**
     * A session attribute: the token, or a token object. With the app's credentials, RingCentral's token answer (a
     * {@code Map} with {@code refresh_token}) is refreshed when its access token expires, and replaced by the new one.
     */
    private record SessionAttribute(String name, Function<String, Map<String, Object>> refresher)
            implements TokenSource {

        @Override
        public String accessToken(Request request) {
            return token(request.sessionAttribute(name));
        }

        @Override
        public String refresh(Request request, String expiredAccessToken) {
            Object held = request.sessionAttribute(name);
            String current = token(held);
            if (current != null && !current.equals(expiredAccessToken)) {
                return current; // another request of this session refreshed it meanwhile
            }
            if (refresher == null
                    || current == null
                    || !(held instanceof Map<?, ?> tokens)
                    || !(tokens.get("refresh_token") instanceof String refreshToken)) {
                return null;
            }
            Map<String, Object> renewed = refresher.apply(refreshToken);
            if (renewed == null) {
                return null;
            }
            request.setSessionAttribute(name, Map.copyOf(renewed));
            return (String) renewed.get("access_token");
        }
    }

    /** The token of an {@code Authorization} header value, if it is a {@code Bearer} credential. */
    static String bearer(String authorization) {
        if (authorization == null
                || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    /**
     * The access token an attribute holds: the token itself, a {@code Map} with {@code access_token} (RingCentral's
     * token answer), or an object with a public {@code accessToken()} or {@code getAccessToken()} method.
     */
    static String token(Object held) {
        if (held == null || held instanceof String) {
            return (String) held;
        }
        if (held instanceof Map<?, ?> answer) {
            return answer.get("access_token") instanceof String token ? token : null;
        }
        Method accessor = ACCESSORS.get(held.getClass());
        if (accessor == null) {
            return null;
        }
        try {
            return (String) accessor.invoke(held);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    /** Each class's public {@code accessToken()} or {@code getAccessToken()}, looked up once per class. */
    private static final ClassValue<Method> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            for (String name : new String[] {"accessToken", "getAccessToken"}) {
                try {
                    Method method = type.getMethod(name);
                    if (method.getReturnType() == String.class && !Modifier.isStatic(method.getModifiers())) {
                        return method;
                    }
                } catch (NoSuchMethodException | SecurityException e) {
                    // not this accessor
                }
            }
            return null;
        }
    };

    private static String attributeName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException(KEY, "needs the attribute's name after the colon, was '" + name + "'");
        }
        return name;
    }

    /** The application's bean of {@code type}, if it has CDI ({@code rcguard-cdi}) and {@code type} is a bean. */
    private static TokenSource bean(Class<? extends TokenSource> type, ClassLoader loader) {
        Iterator<ManagedBeans> providers =
                ServiceLoader.load(ManagedBeans.class, loader).iterator();
        try {
            while (providers.hasNext()) {
                TokenSource bean = providers.next().find(type);
                if (bean != null) {
                    return bean;
                }
            }
        } catch (ServiceConfigurationError | LinkageError withoutCdi) { // rcguard-cdi deployed without a CDI container
            return null;
        }
        return null;
    }

    private static TokenSource instance(String className, ClassLoader loader) {
        if (!CLASS_NAME.matcher(className).matches()) {
            throw new ConfigurationException(KEY, "needs a class name after class:, was '" + className + "'");
        }
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!TokenSource.class.isAssignableFrom(type)) {
                throw new ConfigurationException(KEY, className + " does not implement " + TokenSource.class.getName());
            }
            TokenSource bean = bean(type.asSubclass(TokenSource.class), loader);
            return bean != null ? bean : (TokenSource) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException(KEY, "names " + className + ", which the application does not have");
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ConfigurationException(
                    KEY, className + " needs to be a public class with a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new ConfigurationException(KEY, className + "'s constructor failed: " + e.getCause());
        }
    }
}
