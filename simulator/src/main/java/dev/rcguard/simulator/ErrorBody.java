package dev.rcguard.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RingCentral's error body: {@code {"errorCode", "message", "errors": [{"errorCode", "message",
 * "parameterName"?}]}}.
 */
final class ErrorBody {
    private ErrorBody() {}

    static Map<String, Object> of(String code, String message) {
        return of(code, code, message, null);
    }

    /** 401 for a token that is unknown or expired: top-level {@code TokenInvalid}, the detail in errors[0]. */
    static Map<String, Object> tokenInvalid(String code, String message) {
        return of("TokenInvalid", code, message, null);
    }

    static Map<String, Object> invalidParameter(String parameterName) {
        return of("CMN-101", "CMN-101", "Parameter [" + parameterName + "] value is invalid.", parameterName);
    }

    static Map<String, Object> resourceNotFound(String parameterName) {
        return of("CMN-102", "CMN-102", "Resource for parameter [" + parameterName + "] is not found", parameterName);
    }

    private static Map<String, Object> of(String topCode, String code, String message, String parameterName) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("errorCode", code);
        detail.put("message", message);
        if (parameterName != null) {
            detail.put("parameterName", parameterName);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", topCode);
        body.put("message", message);
        body.put("errors", List.of(detail));
        return body;
    }
}
