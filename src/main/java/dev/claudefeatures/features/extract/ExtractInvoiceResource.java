package dev.claudefeatures.features.extract;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.claudefeatures.calls.Feature;
import dev.claudefeatures.calls.FeatureCalls;
import dev.claudefeatures.web.TextRequest;

/** {@code POST /extract/invoice {"text": "..."}}: the invoice's fields, as {@code schemas/invoice.json} has them. */
@Feature("extract-invoice")
@Path("/extract/invoice")
public class ExtractInvoiceResource {

    @Inject
    FeatureCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Invoice extract(TextRequest request) {
        return calls.structured(request, Invoice.class).value();
    }
}
