package io.kubechat.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The error shape of every failed request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String suggestion) {
}
