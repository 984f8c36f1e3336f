package dev.claudefeatures.features.extract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An invoice as {@code POST /extract/invoice} answers it; schema: {@code schemas/invoice.json}. */
@RegisterForReflection
public record Invoice(
        String vendor,
        LocalDate date,
        @JsonProperty("line_items") List<LineItem> lineItems,
        BigDecimal total) {

    @RegisterForReflection
    public record LineItem(String description, BigDecimal amount) {
    }
}
