package org.jingzhun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jingzhun.platform.ClientAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The client's address behind a reverse proxy (issue 11, item 11): X-Forwarded-For is believed only from a
 * configured trusted proxy, and only up to the first hop that is not one.
 */
class TrustedProxiesTest {

    final TrustedProxies proxies = new TrustedProxies("192.0.2.10, 10.20.0.0/16, 2001:db8::/32");

    @Test
    void aForgedForwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        assertThat(proxies.client("203.0.113.5", List.of("198.51.100.7"))).isEqualTo("203.0.113.5");
        assertThat(new TrustedProxies("").client("127.0.0.1", List.of("198.51.100.7"))).isEqualTo("127.0.0.1");
        // Through the filter, as every request passes it.
        assertThat(remoteAddressSeen(proxies, "203.0.113.5", "198.51.100.7")).isEqualTo("203.0.113.5");
    }

    @Test
    void fromATrustedProxyTheClientIsTheRightMostHopThatIsNotOne() throws Exception {
        assertThat(proxies.client("192.0.2.10", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        // The client wrote a forged hop first; the proxies appended what they saw.
        assertThat(proxies.client("192.0.2.10", List.of("1.2.3.4, 198.51.100.7, 10.20.3.4"))).isEqualTo("198.51.100.7");
        assertThat(proxies.client("10.20.9.9", List.of("1.2.3.4", "198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(proxies.client("2001:db8::1", List.of("2001:db9::5"))).isEqualTo("2001:db9:0:0:0:0:0:5");
        assertThat(remoteAddressSeen(proxies, "192.0.2.10", "198.51.100.7")).isEqualTo("198.51.100.7");
    }

    @Test
    void garbageOrNamesInTheHeaderAreNotBelievedNorLookedUp() {
        assertThat(proxies.client("192.0.2.10", List.of("example.com"))).isEqualTo("192.0.2.10");
        assertThat(proxies.client("192.0.2.10", List.of("198.51.100.7:4444"))).isEqualTo("192.0.2.10");
        assertThat(proxies.client("192.0.2.10", List.of())).isEqualTo("192.0.2.10");
        assertThat(ClientAddress.literal("localhost")).isEmpty();
        assertThatThrownBy(() -> new TrustedProxies("proxy.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustedProxies("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneIpv6SubscriberCountsAsOneClient() {
        assertThat(ClientAddress.key("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.key("2001:db8:1:2:bbbb::9"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.key("203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(ClientAddress.key("::ffff:203.0.113.5")).isEqualTo("203.0.113.5");
        assertThat(ClientAddress.key(null)).isEqualTo(ClientAddress.UNKNOWN);
    }

    private static String remoteAddressSeen(TrustedProxies filter, String peer, String forwardedFor) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setRemoteAddr(peer);
        request.addHeader("X-Forwarded-For", forwardedFor);
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return chain.getRequest().getRemoteAddr();
    }
}
