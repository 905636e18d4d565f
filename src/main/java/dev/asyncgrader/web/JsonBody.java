package dev.asyncgrader.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;

/** A request's JSON body read into a record, or a 400 that says what is wrong with it (unknown fields included). */
final class JsonBody {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonBody() {}

    static <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiError.badRequest("The request body is empty; send JSON.");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw ApiError.badRequest("The request body must be a JSON object.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiError.badRequest(
                    "Unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds() + ".");
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("The body is not valid JSON of the expected shape: " + e.getOriginalMessage());
        }
    }
}
