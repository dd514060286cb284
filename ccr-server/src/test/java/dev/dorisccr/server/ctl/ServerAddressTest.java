package dev.dorisccr.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerAddressTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:9190, http://127.0.0.1:9190/pause",
        "syncer-1, http://syncer-1:9190/pause",
        "http://syncer-1:80/, http://syncer-1:80/pause",
        "https://syncer-1:8443, https://syncer-1:8443/pause",
        "'[::1]:9191', 'http://[::1]:9191/pause'",
        "'[::1]', 'http://[::1]:9190/pause'",
        "' h:1 ', http://h:1/pause"})
    void parses(String text, String uri) {
        assertThat(ServerAddress.parse(text).uri("/pause")).hasToString(uri);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|is not HOST:PORT",
        "h:|the port is not a number",
        "h:abc|the port is not a number",
        "h:0|port out of range",
        "h:65536|port out of range",
        "h:1/x|is not HOST:PORT",
        "user@h:1|is not HOST:PORT",
        ":9190|the host is empty",
        "::1|write an IPv6 address as [ADDRESS]:PORT",
        "[::1|unclosed [",
        "[::1]9190|is not [ADDRESS]:PORT",
        "ftp://h:1|only http:// and https://"})
    void refuses(String text, String message) {
        assertThatThrownBy(() -> ServerAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
