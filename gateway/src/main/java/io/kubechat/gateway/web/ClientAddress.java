package io.kubechat.gateway.web;

import io.kubechat.gateway.GatewayConfig;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of the client behind the request, for rate limits and the audit trail. X-Forwarded-For is believed
 * only as far as it was written by the configured trusted proxies (the Ingress): read from the right, the first
 * address that is not a trusted proxy is the client. The left-most entries are whatever the client sent and count
 * for nothing, so a client cannot pick a fresh address per request.
 */
@ApplicationScoped
public class ClientAddress {

    private final List<Cidr> trusted;

    public ClientAddress(GatewayConfig config) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String c : config.trustedProxies().orElse(List.of())) {
            cidrs.add(Cidr.parse(c.strip()));
        }
        this.trusted = List.copyOf(cidrs);
    }

    public String of(HttpServerRequest http) {
        String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        if (peer == null) {
            return "unknown";
        }
        if (!isTrusted(peer)) {
            return peer;
        }
        String forwarded = http.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (NetUtil.createByteArrayFromIpAddressString(hop) == null) {
                // Not an address: the chain is broken here; the last trusted hop answers for the request.
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    /** An address block such as 10.0.0.0/8 or fd00::/8; a bare address is a block of one. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("kubechat.gateway.trusted-proxies: " + text + " is not an IP address or CIDR block");
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("kubechat.gateway.trusted-proxies: bad prefix length in " + text);
            }
            return new Cidr(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
