package io.kubechat.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubechat.audit.AuditUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into the contract's error body; stack traces go to the log, never to the client. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.status(), e.code(), e.getMessage(), e.suggestion());
    }

    @ServerExceptionMapper
    public Response tooMany(RateLimiter.TooManyRequests e) {
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", e.retryAfterSeconds())
                .entity(new ErrorBody(e.code(), e.getMessage(), "Wait " + e.retryAfterSeconds() + " s before the next request.")).build();
    }

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e) {
        int code = e.getCode();
        String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "the Kubernetes API refused the request";
        return switch (code) {
            case 401, 403 -> respond(403, "Forbidden", reason, "Ask a cluster administrator for the permission named above.");
            case 404 -> respond(404, "NotFound", reason, null);
            case 409 -> respond(409, "Conflict", reason, "Reload and try again.");
            case 400, 422 -> respond(400, "BadRequest", reason, null);
            default -> {
                LOG.warn("Kubernetes API call failed", e);
                yield respond(502, "KubernetesUnavailable", "the Kubernetes API could not be reached or failed", null);
            }
        };
    }

    @ServerExceptionMapper
    public Response audit(AuditUnavailableException e) {
        LOG.warn("audit ledger unavailable", e);
        return respond(503, "AuditUnavailable", "the audit ledger cannot be reached just now", "Try again in a moment.");
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return respond(400, "BadRequest", "the request body is not valid JSON for this endpoint", null);
    }

    /** JSON of the wrong shape, such as a string where a list belongs; Quarkus' own mapper answers outside the contract. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return respond(400, "BadRequest", "the request body is not valid JSON for this endpoint"
                + (field.isEmpty() ? "" : " (" + field + " has the wrong type)"), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.warn("request failed", e);
            return respond(status, "InternalError", "the gateway could not complete the request", null);
        }
        String code = switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "NotAuthenticated";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 413 -> "PayloadTooLarge";
            case 415 -> "UnsupportedMediaType";
            default -> "RequestRefused";
        };
        // The container's own messages (for example "HTTP 404 Not Found") say nothing internal.
        return respond(status, code, status == 400 ? "the request is malformed" : e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return respond(400, "BadRequest", e.getMessage(), null);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response any(Throwable e) {
        LOG.error("unexpected failure", e);
        return respond(500, "InternalError", "the gateway could not complete the request", null);
    }

    public static Response respond(int status, String code, String message, String suggestion) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message, suggestion)).build();
    }
}
