package io.shmward.cli;

import io.shmward.server.config.ShmwardConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --admin}: {@code off}, or {@code HOST:PORT} ({@code [::1]:PORT} for IPv6; port 0 picks a free one). */
final class AdminEndpointConverter implements ITypeConverter<AdminEndpointConverter.Endpoint> {
    /** What {@code --admin} said: off, or where the TCP listener goes. */
    record Endpoint(boolean enabled, String host, int port) {
    }

    @Override
    public Endpoint convert(String value) {
        if ("off".equals(value)) {
            return new Endpoint(false, "", 0); // bind and port then stay as configured
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new TypeConversionException("expected HOST:PORT or off, not '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new TypeConversionException("port must be 0..65535, not '" + value.substring(colon + 1) + "'");
        }
        return new Endpoint(true, host, port);
    }
}
