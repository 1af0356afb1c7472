package org.loomcsp.webserver.loadtest;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.staticcontent.FileSystemHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.nio.file.Path;

/**
 * The peer for the load script: Helidon SE 4.5's file-system static content handler with its
 * defaults (validation on, no memory cache), serving a directory on loopback.
 *
 * <p>Usage: {@code java -jar helidon-static.jar PORT ROOT}
 */
public final class HelidonStaticServer {
    private HelidonStaticServer() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Path root = Path.of(args[1]).toAbsolutePath();
        HttpService files = StaticContentFeature.createService(
                FileSystemHandlerConfig.builder().location(root).welcome("index.html").build());
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(r -> r.register("/", files))
                .build()
                .start();
        System.out.println("helidon static content on http://127.0.0.1:" + server.port() + "/ serving " + root);
    }
}
