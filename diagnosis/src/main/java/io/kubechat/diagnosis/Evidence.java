package io.kubechat.diagnosis;

/**
 * What a finding rests on, quoted from where it was read: {@code source} names the object and the
 * field or event ("pod shop/checkout-5d7 status.containerStatuses[app].lastState"), {@code quote} is
 * what it says.
 */
public record Evidence(String source, String quote) {
}
