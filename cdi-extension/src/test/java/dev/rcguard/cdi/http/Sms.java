package dev.rcguard.cdi.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** A request body, and its reader, which counts every body it reads. */
public record Sms(String text) {

    @Consumes(MediaType.TEXT_PLAIN)
    public static class Reader implements MessageBodyReader<Sms> {
        @Override
        public boolean isReadable(Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
            return type == Sms.class;
        }

        @Override
        public Sms readFrom(
                Class<Sms> type,
                Type generic,
                Annotation[] annotations,
                MediaType mediaType,
                MultivaluedMap<String, String> headers,
                InputStream body)
                throws java.io.IOException {
            Invocations.record("Sms.Reader#readFrom");
            return new Sms(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
