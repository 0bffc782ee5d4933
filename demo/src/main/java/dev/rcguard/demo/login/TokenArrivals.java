package dev.rcguard.demo.login;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;

/**
 * Notes when the session's token answer arrives: at sign-in ({@code attributeAdded}), and each time the guard
 * replaces it with RingCentral's answer to a refresh ({@code attributeReplaced}). The page shows the access token's
 * expiry from it, and the refreshes of the session. Declared in {@code WEB-INF/web.xml}.
 */
public class TokenArrivals implements HttpSessionAttributeListener {

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        if (SessionTokens.ATTRIBUTE.equals(event.getName())) {
            HttpSession session = event.getSession();
            session.setAttribute(SessionTokens.RECEIVED, System.currentTimeMillis());
            session.setAttribute(SessionTokens.REFRESHES, 0L);
        }
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        if (SessionTokens.ATTRIBUTE.equals(event.getName())) {
            HttpSession session = event.getSession();
            session.setAttribute(SessionTokens.RECEIVED, System.currentTimeMillis());
            session.setAttribute(SessionTokens.REFRESHES, SessionTokens.number(session, SessionTokens.REFRESHES) + 1);
        }
    }
}
