package org.jingzhun.platform;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Client addresses as the limits count them. The request's remote address is already the client's (behind a
 * configured trusted proxy, the one it forwarded; see {@code jingzhun.trusted-proxies}); here it becomes a key.
 */
public final class ClientAddress {

    /** The key of a request without a usable address. */
    public static final String UNKNOWN = "unknown";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z_.-]{1,32})?");

    private ClientAddress() {
    }

    /**
     * An IP address written as a literal, or empty: never a name, so that no text from a request leads to a
     * DNS lookup.
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = IPV4.matcher(t).matches();
        if (!v4 && !(t.indexOf(':') >= 0 && IPV6.matcher(t).matches())) {
            return Optional.empty();
        }
        try {
            // A dotted quad or a text with a colon is parsed as a literal by getByName: no lookup.
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The key one client's limit is counted under: the IPv4 address, or the /64 network of an IPv6 address,
     * since one IPv6 subscriber holds a whole /64 and could otherwise count as 2^64 clients.
     */
    public static String key(String address) {
        return literal(address).map(ClientAddress::key).orElse(UNKNOWN);
    }

    static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString();
        }
        return address.getHostAddress();
    }
}
