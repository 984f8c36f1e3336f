package dev.claudefeatures.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import dev.claudefeatures.calls.Feature;

/**
 * Reads a feature's request body ({@link TextRequest}, or a record declared in a resource that
 * declares its {@link Feature}) as written, or refuses it: a key given twice, data after
 * the document, or a number or boolean where text belongs are 400 problems
 * ({@link ProblemMappers#malformedJson}), never a guess passed on to the model. Jackson's defaults
 * would keep the last duplicate and turn {@code 42} into {@code "42"}. Only the callers' bodies
 * are read this strictly; the application's own mapper (the Messages API's wire format) is not
 * touched.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class TextRequestReader implements MessageBodyReader<Object> {

    private static final ObjectMapper STRICT = strictMapper();
    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == TextRequest.class || type.isRecord() && type.getEnclosingClass() != null
                && type.getEnclosingClass().isAnnotationPresent(Feature.class);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        // No body at all reads as a request without fields: the facade names the first that is missing.
        return STRICT.readerFor(type).readValue(bytes.length == 0 ? EMPTY_OBJECT : bytes);
    }
}
