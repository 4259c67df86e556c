package org.jingzhun.platform.web;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jingzhun.platform.ClientAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client's address behind a reverse proxy. Only when the connection comes from an address listed in
 * {@code jingzhun.trusted-proxies} (addresses or CIDR networks) is {@code X-Forwarded-For} read: the client is its
 * right-most entry that is not itself a trusted proxy. From anyone else the header is ignored, since a client
 * could write any address there and escape every limit counted by address. Runs before every other filter, so
 * that sign-in, its logs and the public's limits all see the same address.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TrustedProxies extends OncePerRequestFilter {

    private final List<Network> trusted;

    TrustedProxies(@Value("${jingzhun.trusted-proxies:}") String trustedProxies) {
        List<Network> networks = new ArrayList<>();
        for (String entry : trustedProxies.split(",")) {
            if (!entry.isBlank()) {
                networks.add(Network.parse(entry.strip()));
            }
        }
        this.trusted = List.copyOf(networks);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = client(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For") == null ? List.of()
                : Collections.list(request.getHeaders("X-Forwarded-For")));
        if (client.equals(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }

    /** The client's address, given the connection's peer and the X-Forwarded-For headers in order. */
    String client(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",", 64)) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            var address = ClientAddress.literal(hops.get(i));
            if (address.isEmpty()) {
                // Garbage written before a trusted proxy appended its part: nothing to its left can be believed.
                return peer;
            }
            if (!isTrusted(address.get())) {
                return address.get().getHostAddress();
            }
        }
        return peer; // every hop a trusted proxy: the request began inside
    }

    private boolean isTrusted(String address) {
        return ClientAddress.literal(address).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(n -> n.contains(address));
    }

    /** An address, or a network written as address/prefix length. */
    record Network(byte[] address, int prefix) {

        static Network parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = ClientAddress.literal(slash < 0 ? text : text.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("jingzhun.trusted-proxies: not an IP address: " + text));
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("jingzhun.trusted-proxies: bad prefix length: " + text);
            }
            return new Network(address.getAddress(), prefix);
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (other[whole] & mask) == (address[whole] & mask);
        }
    }
}
