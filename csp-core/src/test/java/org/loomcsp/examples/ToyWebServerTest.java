package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.testing.BackendTest;

class ToyWebServerTest {

    private static String ask(int port, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A GET gets a 200 page echoing the request (escaped); anything else a 404; closing the socket stops the server. */
    @BackendTest
    void answersGetWith200AndOthersWith404(Backend backend) throws Exception {
        try (ServerSocket sock = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CSPProcess server = ToyWebServer.server(sock).start();
            String ok = ask(sock.getLocalPort(), "GET /<index>.html HTTP/1.0\r\nHost: x\r\n\r\n");
            assertThat(ok).startsWith("HTTP/1.0 200 OK\r\n")
                    .contains("<h1>My loomcsp web server!</h1>")
                    .contains("GET /&lt;index&gt;.html HTTP/1.0");
            String head = ok.substring(0, ok.indexOf("\r\n\r\n"));
            int body = ok.getBytes(StandardCharsets.UTF_8).length - head.length() - 4;
            assertThat(head).contains("Content-Length: " + body);

            String missing = ask(sock.getLocalPort(), "POST /form HTTP/1.0\r\n\r\n");
            assertThat(missing).startsWith("HTTP/1.0 404 Not Found\r\n")
                    .contains("Cannot find your file").contains("POST /form");
            sock.close();
            assertThat(server.join(Duration.ofSeconds(10))).isTrue();
        }
    }
}
