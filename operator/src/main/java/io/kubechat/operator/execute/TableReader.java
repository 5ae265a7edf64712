package io.kubechat.operator.execute;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubechat.crds.v1alpha1.CommandResult;
import io.kubechat.crds.v1alpha1.Selector;
import io.kubechat.operator.access.ResourceKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads objects as the API server's Table rendering, the same columns kubectl prints, so results
 * look like kubectl's for every kind, built-in or custom, without a printer per kind.
 */
public final class TableReader {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    private final ResultLimits limits;
    private final long timeoutSeconds;

    public TableReader(ResultLimits limits, long timeoutSeconds) {
        this.limits = limits;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * @param namespace null for cluster-scoped kinds or all namespaces
     * @param wide      include the columns kubectl shows only with -o wide
     */
    public CommandResult read(KubernetesClient client, ResourceKind kind, String namespace, String name, Selector selector, boolean wide) {
        JsonNode table = get(client, url(client, kind, namespace, name, selector, limits.maxRows()));
        List<Integer> shown = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        boolean withNamespace = kind.namespaced() && namespace == null;
        if (withNamespace) {
            columns.add("NAMESPACE");
        }
        JsonNode definitions = table.path("columnDefinitions");
        for (int i = 0; i < definitions.size(); i++) {
            if (wide || definitions.get(i).path("priority").asInt(0) == 0) {
                shown.add(i);
                columns.add(definitions.get(i).path("name").asText().toUpperCase(Locale.ROOT));
            }
        }
        JsonNode rows = table.path("rows");
        List<List<String>> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            List<String> values = new ArrayList<>();
            if (withNamespace) {
                values.add(limits.cell(row.path("object").path("metadata").path("namespace").asText()));
            }
            for (int i : shown) {
                values.add(limits.cell(text(row.path("cells").get(i))));
            }
            cells.add(List.copyOf(values));
        }
        // A paged list says how much it left out; the count is absent when the server cannot tell cheaply.
        boolean truncated = !table.path("metadata").path("continue").asText("").isEmpty();
        int total = rows.size() + table.path("metadata").path("remainingItemCount").asInt(0);
        String summary = rows.isEmpty() ? "No resources found" : total + " " + kind.plural() + (truncated ? ", first " + rows.size() + " shown" : "");
        return new CommandResult(summary, List.copyOf(columns), List.copyOf(cells), null, truncated, total);
    }

    private JsonNode get(KubernetesClient client, String url) {
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).header("Accept", TABLE)
                .timeout(timeoutSeconds, TimeUnit.SECONDS).build();
        try {
            HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get(timeoutSeconds, TimeUnit.SECONDS);
            if (!response.isSuccessful()) {
                throw new KubernetesClientException(statusMessage(response.body(), response.code()), response.code(), null);
            }
            return Serialization.unmarshal(response.body(), JsonNode.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while reading " + url, e);
        } catch (ExecutionException | CompletionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause());
        } catch (TimeoutException e) {
            throw new KubernetesClientException("no answer from the API server within " + timeoutSeconds + "s", e);
        }
    }

    private static String url(KubernetesClient client, ResourceKind kind, String namespace, String name, Selector selector, int limit) {
        StringBuilder url = new StringBuilder(client.getMasterUrl().toString().replaceAll("/$", ""));
        url.append(kind.group().isEmpty() ? "/api/" + kind.version() : "/apis/" + kind.group() + "/" + kind.version());
        if (kind.namespaced() && namespace != null) {
            url.append("/namespaces/").append(encode(namespace));
        }
        url.append('/').append(kind.plural());
        if (name != null) {
            return url.append('/').append(encode(name)).toString();
        }
        url.append("?limit=").append(limit);
        if (selector != null && selector.labels() != null) {
            url.append("&labelSelector=").append(encode(selector.labels()));
        }
        if (selector != null && selector.fields() != null) {
            url.append("&fieldSelector=").append(encode(selector.fields()));
        }
        return url.toString();
    }

    /** The API server's own words from a Status body, which name the user and the missing permission. */
    private static String statusMessage(String body, int code) {
        try {
            String message = Serialization.unmarshal(body, JsonNode.class).path("message").asText(null);
            return message != null ? message : "HTTP " + code;
        } catch (RuntimeException notStatus) {
            return "HTTP " + code;
        }
    }

    private static String text(JsonNode cell) {
        return cell == null || cell.isNull() ? "" : cell.isTextual() ? cell.asText() : cell.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
