package dev.rcguard.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Internal: the binding {@link GuardExtension} puts on every protected bean method, so that one interceptor serves
 * permission and feature annotations alike. Applications never use it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Guarded {

    /** The instance of the annotation. */
    final class Literal extends AnnotationLiteral<Guarded> implements Guarded {
        static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;

        /** An instance; the extension uses the one {@code INSTANCE}. */
        public Literal() {}
    }
}
